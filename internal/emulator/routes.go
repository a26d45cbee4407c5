package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// call is one API request as the handlers see it.
type call struct {
	method string
	params map[string]string // path placeholders, e.g. "sp", "id"
	query  url.Values
	body   []byte
	sp     int64 // parsed {sp}, 0 when the route has none
}

// handler runs with e.mu held and returns the response object (marshalled
// under the lock, so it may alias stored data) or an API error.
type handler func(e *Emulator, c *call) (any, *apiError)

type route struct {
	pattern []string // segments after /api/2.0/; "{x}" captures
	methods map[string]handler
}

func newRoute(pattern string, methods map[string]handler) route {
	return route{strings.Split(pattern, "/"), methods}
}

// routes lists every endpoint the provider uses. The proxy paths come first:
// they have the literal "servicePrincipals" where account paths have the id.
var routes = []route{
	newRoute("accounts/servicePrincipals/{sp}/credentials/secrets", map[string]handler{
		http.MethodGet: (*Emulator).listSecrets, http.MethodPost: (*Emulator).createSecret}),
	newRoute("accounts/servicePrincipals/{sp}/credentials/secrets/{id}", map[string]handler{
		http.MethodDelete: (*Emulator).deleteSecret}),
	newRoute("accounts/{acc}/servicePrincipals/{sp}/credentials/secrets", map[string]handler{
		http.MethodGet: (*Emulator).listSecrets, http.MethodPost: (*Emulator).createSecret}),
	newRoute("accounts/{acc}/servicePrincipals/{sp}/credentials/secrets/{id}", map[string]handler{
		http.MethodDelete: (*Emulator).deleteSecret}),
	newRoute("accounts/{acc}/federationPolicies", map[string]handler{
		http.MethodGet: (*Emulator).listPolicies, http.MethodPost: (*Emulator).createPolicy}),
	newRoute("accounts/{acc}/federationPolicies/{id}", map[string]handler{
		http.MethodGet: (*Emulator).getPolicy, http.MethodPatch: (*Emulator).updatePolicyAPI,
		http.MethodDelete: (*Emulator).deletePolicyAPI}),
	newRoute("accounts/{acc}/servicePrincipals/{sp}/federationPolicies", map[string]handler{
		http.MethodGet: (*Emulator).listPolicies, http.MethodPost: (*Emulator).createPolicy}),
	newRoute("accounts/{acc}/servicePrincipals/{sp}/federationPolicies/{id}", map[string]handler{
		http.MethodGet: (*Emulator).getPolicy, http.MethodPatch: (*Emulator).updatePolicyAPI,
		http.MethodDelete: (*Emulator).deletePolicyAPI}),
	newRoute("accounts/{acc}/oauth2/custom-app-integrations", map[string]handler{
		http.MethodGet: (*Emulator).listCustomApps, http.MethodPost: (*Emulator).createCustomApp}),
	newRoute("accounts/{acc}/oauth2/custom-app-integrations/{id}", map[string]handler{
		http.MethodGet: (*Emulator).getCustomApp, http.MethodPatch: (*Emulator).updateCustomAppAPI,
		http.MethodDelete: (*Emulator).deleteCustomAppAPI}),
	newRoute("accounts/{acc}/oauth2/published-app-integrations", map[string]handler{
		http.MethodGet: (*Emulator).listPublished, http.MethodPost: (*Emulator).createPublished}),
	newRoute("accounts/{acc}/oauth2/published-app-integrations/{id}", map[string]handler{
		http.MethodGet: (*Emulator).getPublished, http.MethodPatch: (*Emulator).updatePublished,
		http.MethodDelete: (*Emulator).deletePublished}),
	newRoute("accounts/{acc}/oauth2/published-apps", map[string]handler{
		http.MethodGet: (*Emulator).listCatalog}),
}

func match(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") {
			params[strings.Trim(p, "{}")] = segs[i]
		} else if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

func marshal(status int, v any) (int, []byte) {
	b, err := json.Marshal(v)
	if err != nil {
		return http.StatusInternalServerError, []byte(`{"error_code":"INTERNAL_ERROR","message":"emulator failed to encode response"}`)
	}
	return status, b
}

func errBytes(e *apiError) (int, []byte) { return marshal(e.Status, e) }

// dispatch routes on r.URL.Path (never the raw URI, which may end in a bare
// "?") and runs the handler under the lock.
func (e *Emulator) dispatch(r *http.Request, body []byte, wellKnown bool) (int, []byte) {
	if wellKnown {
		return e.wellKnown(r)
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/2.0/")
	noAPI := &apiError{http.StatusNotFound, codeNoEndpoint, "No API found for '" + r.Method + " " + r.URL.Path + "'"}
	if !ok {
		return errBytes(noAPI)
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	for _, rt := range routes {
		params, ok := match(rt.pattern, segs)
		if !ok {
			continue
		}
		h, ok := rt.methods[r.Method]
		if !ok {
			return errBytes(&apiError{http.StatusMethodNotAllowed, codeMethodNotAllow,
				"Method " + r.Method + " is not allowed on '" + r.URL.Path + "'"})
		}
		if aerr := e.hostServes(params, r.URL.Path); aerr != nil {
			return errBytes(aerr)
		}
		if acc, ok := params["acc"]; ok {
			if acc != e.opts.AccountID {
				return errBytes(e.wrongAccount(acc, r.URL.Path))
			}
		}
		c := &call{method: r.Method, params: params, query: r.URL.Query(), body: body}
		e.mu.Lock()
		defer e.mu.Unlock()
		if s, ok := params["sp"]; ok {
			sp, aerr := e.lookupSP(s)
			if aerr != nil {
				return errBytes(aerr)
			}
			c.sp = sp
		}
		v, aerr := h(e, c)
		if aerr != nil {
			return errBytes(aerr)
		}
		return marshal(http.StatusOK, v)
	}
	return errBytes(noAPI)
}

// wrongAccount is the answer to an account path with another account's id.
func (e *Emulator) wrongAccount(acc, path string) *apiError {
	switch e.opts.WrongAccountStatus {
	case http.StatusForbidden:
		return &apiError{http.StatusForbidden, "PERMISSION_DENIED", "User is not authorized to access account '" + acc + "'"}
	case http.StatusUnauthorized:
		return &apiError{http.StatusUnauthorized, codeUnauthn, "Invalid credentials for account '" + acc + "'"}
	}
	if acc == "" {
		return errNotFound("Empty account id in path '%s': set account_id (DATABRICKS_ACCOUNT_ID)", path)
	}
	return errNotFound("Account '%s' does not exist", acc)
}

// lookupSP parses a service principal id from the path and checks it exists.
// Must be called with e.mu held.
func (e *Emulator) lookupSP(s string) (int64, *apiError) {
	sp, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sp <= 0 {
		return 0, errInvalid("Invalid service principal id '%s': must be the numeric SCIM id", s)
	}
	if !e.sps[sp] {
		return 0, errNotFound("Service principal %d does not exist", sp)
	}
	return sp, nil
}

// wellKnown answers the SDK's unauthenticated host-metadata lookup.
func (e *Emulator) wellKnown(r *http.Request) (int, []byte) {
	if r.Method != http.MethodGet {
		return errBytes(&apiError{http.StatusMethodNotAllowed, codeMethodNotAllow, "Method " + r.Method + " is not allowed"})
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	switch e.opts.HostType {
	case HostTypeWorkspace:
		meta := map[string]string{
			"host_type": "workspace", "workspace_id": e.opts.WorkspaceID, "oidc_endpoint": base + "/oidc",
		}
		if e.opts.WorkspaceMetadataAccountID {
			meta["account_id"] = e.opts.AccountID
		}
		return marshal(http.StatusOK, meta)
	case HostTypeNone:
		return errBytes(&apiError{http.StatusNotFound, codeNoEndpoint, "No API found for 'GET /.well-known/databricks-config'"})
	default:
		return marshal(http.StatusOK, map[string]string{
			"host_type": "account", "account_id": e.opts.AccountID,
			"oidc_endpoint": base + "/oidc/accounts/" + e.opts.AccountID,
		})
	}
}

// decodeBody decodes a JSON body; an empty body counts as {}.
func decodeBody(body []byte, v any) *apiError {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return errMalformed(err)
	}
	return nil
}

// rawFields decodes a JSON object keeping each value raw, so handlers can tell
// an absent key from an empty value.
func rawFields(body []byte) (map[string]json.RawMessage, *apiError) {
	m := map[string]json.RawMessage{}
	if err := decodeBody(body, &m); err != nil {
		return nil, err
	}
	return m, nil
}

type empty struct{}

// fmtTime prints times as the API does: RFC 3339 in UTC with milliseconds,
// e.g. 2023-01-01T19:30:41.000Z.
func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }
