package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The admin surface lets a test or script drive an emulator running in
// another process (internal/emulator/demo): read the request log, inject
// faults and latency, and change state behind the API. It requires the same
// bearer token as the API and is never logged.
//
//	GET    /_emulator/requests                          request log (JSON array)
//	POST   /_emulator/reset-log
//	POST   /_emulator/faults                            JSON Fault; durations as Go strings ("20ms"), e.g.
//	       {"method":"GET","status":404,"error_code":"ENDPOINT_NOT_FOUND","message":"No API found","times":-1}
//	       {"path_pattern":"/oauth2/","status":404,"raw_body":"<html>Not Found</html>"} (an HTML 404)
//	       {"status":404,"empty_body":true}, {"method":"POST","status":500,"apply_first":true} (a lost answer)
//	DELETE /_emulator/faults                            ClearFaults
//	POST   /_emulator/latency?min=20ms&max=40ms
//	POST   /_emulator/random-failure?rate=0.1&status=429
//	GET    /_emulator/state                             object counts
//	POST   /_emulator/service-principals?id=N
//	PATCH  /_emulator/custom-app-integrations/{id}      JSON fields to overwrite, unvalidated
//	DELETE /_emulator/custom-app-integrations/{id}
//	POST   /_emulator/seed/custom-app-integrations?count=N
//	PATCH  /_emulator/published-app-integrations/{id}   {"token_access_policy": {...} or null}
//	DELETE /_emulator/published-app-integrations/{id}
//	PATCH  /_emulator/federation-policies/{id}          {"description": "...", "oidc_policy": {...}} (replaces it whole)
//	DELETE /_emulator/federation-policies/{id}
//	PATCH  /_emulator/service-principals/{sp}/federation-policies/{id}   as above
//	DELETE /_emulator/service-principals/{sp}/federation-policies/{id}
//	PATCH  /_emulator/service-principals/{sp}/secrets/{id}   {"expire_time": "RFC 3339", "status": "..."}
//	DELETE /_emulator/service-principals/{sp}/secrets/{id}
func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !e.authorized(r) {
		writeError(w, &apiError{http.StatusUnauthorized, codeUnauthn, "Invalid access token"})
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	segs := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/_emulator/"), "/"), "/")
	route := r.Method + " " + strings.Join(segs, "/")
	out, aerr, handled := e.adminControl(route, r.URL.Query(), body)
	if !handled {
		out, aerr = empty{}, e.adminObject(r.Method, segs, body)
		if aerr == errNoAdminObject {
			aerr = &apiError{http.StatusNotFound, codeNoEndpoint, "No admin endpoint " + route}
		}
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// adminControl serves the routes that drive the emulator itself (log, faults,
// latency, state, service principals, seeding). handled is false for any other route.
func (e *Emulator) adminControl(route string, q url.Values, body []byte) (out any, aerr *apiError, handled bool) {
	out = empty{}
	switch route {
	case "GET requests":
		out = e.requestsJSON()
	case "POST reset-log":
		e.ResetLog()
	case "POST faults":
		f, err := decodeFault(body)
		if err != nil {
			return nil, errInvalid("invalid fault: %v", err), true
		}
		e.InjectFault(f)
	case "DELETE faults":
		e.ClearFaults()
	case "POST latency":
		lo, err1 := time.ParseDuration(q.Get("min"))
		hi, err2 := time.ParseDuration(cmpOr(q.Get("max"), q.Get("min")))
		if err1 != nil || err2 != nil {
			return nil, errInvalid("min and max must be Go durations such as 20ms"), true
		}
		e.SetLatency(lo, hi)
	case "POST random-failure":
		rate, err1 := strconv.ParseFloat(q.Get("rate"), 64)
		status, err2 := strconv.Atoi(cmpOr(q.Get("status"), "503"))
		if err1 != nil || err2 != nil || rate < 0 || rate > 1 {
			return nil, errInvalid("rate must be a number in [0,1] and status an HTTP status"), true
		}
		e.SetRandomFailure(rate, status)
	case "GET state":
		out = e.stateCounts()
	case "POST service-principals":
		id, err := strconv.ParseInt(q.Get("id"), 10, 64)
		if err != nil || id <= 0 {
			return nil, errInvalid("id must be a positive integer"), true
		}
		e.AddServicePrincipal(id)
	case "POST seed/custom-app-integrations":
		n, err := strconv.Atoi(q.Get("count"))
		if err != nil || n < 1 || n > 1_000_000 {
			return nil, errInvalid("count must be between 1 and 1000000"), true
		}
		e.seedCustomApps(n)
		out = map[string]int{"created": n}
	default:
		return nil, nil, false
	}
	return out, nil, true
}

// errNoAdminObject is what adminObject answers for a path that names no object.
var errNoAdminObject = &apiError{http.StatusNotFound, codeNoEndpoint, "No admin endpoint"}

// adminObject changes or deletes one object behind the API: segs is
// <kind>/<id>, or service-principals/<sp>/<kind>/<id>.
func (e *Emulator) adminObject(method string, segs []string, body []byte) *apiError {
	var sp int64
	switch {
	case len(segs) == 4 && segs[0] == "service-principals" && (method == http.MethodPatch || method == http.MethodDelete):
		var err error
		if sp, err = strconv.ParseInt(segs[1], 10, 64); err != nil {
			return errInvalid("invalid service principal id")
		}
		segs = []string{"service-principals/" + segs[2], segs[3]}
	case len(segs) != 2:
		return errNoAdminObject
	}
	kind, id := segs[0], segs[1]
	switch method + " " + kind {
	case "PATCH custom-app-integrations":
		return e.adminPatchCustomApp(id, body)
	case "DELETE custom-app-integrations":
		return deleted(e.DeleteCustomApp(id), "Custom app integration "+id)
	case "PATCH published-app-integrations":
		return e.adminPatchPublished(id, body)
	case "DELETE published-app-integrations":
		return deleted(e.DeletePublishedIntegration(id), "Published app integration "+id)
	case "PATCH federation-policies":
		return e.adminPatchPolicy(0, id, body)
	case "DELETE federation-policies":
		return deleted(e.DeleteAccountPolicy(id), "Federation policy "+id)
	case "PATCH service-principals/federation-policies":
		return e.adminPatchPolicy(sp, id, body)
	case "DELETE service-principals/federation-policies":
		return deleted(e.DeleteServicePrincipalPolicy(sp, id), "Federation policy "+id)
	case "PATCH service-principals/secrets":
		return e.adminPatchSecret(sp, id, body)
	case "DELETE service-principals/secrets":
		return deleted(e.DeleteSecret(sp, id), "Secret "+id)
	}
	return errNoAdminObject
}

// deleted is the answer to an admin delete: not found unless ok.
func deleted(ok bool, what string) *apiError {
	if ok {
		return nil
	}
	return errNotFound("%s does not exist", what)
}

func (e *Emulator) requestsJSON() []requestJSON {
	reqs := e.Requests()
	out := make([]requestJSON, len(reqs))
	for i, rq := range reqs {
		out[i] = requestJSON{rq.Method, rq.Path, rq.Query, string(rq.Body), rq.Status, rq.Time.Format(time.RFC3339Nano)}
	}
	return out
}

type requestJSON struct {
	Method string              `json:"method"`
	Path   string              `json:"path"`
	Query  map[string][]string `json:"query,omitempty"`
	Body   string              `json:"body,omitempty"`
	Status int                 `json:"status"`
	Time   string              `json:"time"`
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (e *Emulator) stateCounts() map[string]int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return map[string]int{
		"custom_app_integrations": len(e.customApps), "published_app_integrations": len(e.published),
		"published_apps": len(e.catalog), "federation_policies": len(e.policies),
		"secrets": len(e.secrets), "service_principals": len(e.sps), "requests": len(e.log),
	}
}

// decodeFault reads a Fault from JSON. Keys match the Go field names
// case-insensitively, with or without underscores (PathPattern, path_pattern,
// pathPattern); Latency is a Go duration string or nanoseconds.
func decodeFault(body []byte) (Fault, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return Fault{}, err
	}
	var f Fault
	for k, raw := range m {
		var err error
		switch strings.ToLower(strings.ReplaceAll(k, "_", "")) {
		case "method":
			err = json.Unmarshal(raw, &f.Method)
		case "pathpattern":
			err = json.Unmarshal(raw, &f.PathPattern)
		case "times":
			err = json.Unmarshal(raw, &f.Times)
		case "status":
			err = json.Unmarshal(raw, &f.Status)
		case "errorcode":
			err = json.Unmarshal(raw, &f.ErrorCode)
		case "retryafter":
			err = json.Unmarshal(raw, &f.RetryAfter)
		case "applyfirst":
			err = json.Unmarshal(raw, &f.ApplyFirst)
		case "rawbody":
			err = json.Unmarshal(raw, &f.RawBody)
		case "emptybody":
			err = json.Unmarshal(raw, &f.EmptyBody)
		case "contenttype":
			err = json.Unmarshal(raw, &f.ContentType)
		case "message":
			err = json.Unmarshal(raw, &f.Message)
		case "dropconnection":
			err = json.Unmarshal(raw, &f.DropConnection)
		case "latency":
			var s string
			if json.Unmarshal(raw, &s) == nil {
				f.Latency, err = time.ParseDuration(s)
			} else {
				var ns int64
				err = json.Unmarshal(raw, &ns)
				f.Latency = time.Duration(ns)
			}
		default:
			err = fmt.Errorf("unknown field %q", k)
		}
		if err != nil {
			return Fault{}, fmt.Errorf("%s: %w", k, err)
		}
	}
	if f.PathPattern != "" {
		if _, err := regexp.Compile(f.PathPattern); err != nil {
			return Fault{}, err
		}
	}
	return f, nil
}

// adminPatchCustomApp overwrites fields without any API validation, to
// simulate changes made outside Terraform.
func (e *Emulator) adminPatchCustomApp(id string, body []byte) *apiError {
	m, aerr := rawFields(body)
	if aerr != nil {
		return aerr
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.customApps[id]
	if !ok {
		return errNotFound("Custom app integration '%s' does not exist", id)
	}
	a := r.v.clone()
	for k, raw := range m {
		var err error
		switch k {
		case "name":
			err = json.Unmarshal(raw, &a.Name)
		case "confidential":
			err = json.Unmarshal(raw, &a.Confidential)
		case "client_secret":
			err = json.Unmarshal(raw, &a.ClientSecret)
		case "redirect_urls":
			a.RedirectURLs = nil
			err = json.Unmarshal(raw, &a.RedirectURLs)
		case "scopes":
			a.Scopes = nil
			err = json.Unmarshal(raw, &a.Scopes)
		case "user_authorized_scopes":
			a.UserAuthorizedScopes = nil
			err = json.Unmarshal(raw, &a.UserAuthorizedScopes)
		case "token_access_policy":
			a.TokenAccessPolicy = nil
			err = json.Unmarshal(raw, &a.TokenAccessPolicy)
		default:
			return errInvalid("field '%s' cannot be patched", k)
		}
		if err != nil {
			return errMalformed(err)
		}
	}
	r.v = a
	return nil
}

// seedCustomApps bulk-inserts n public apps for benchmarks.
func (e *Emulator) seedCustomApps(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	for i := range n {
		id := uuid.NewString()
		e.customApps[id] = &rec[CustomApp]{e.nextSeq(), CustomApp{
			IntegrationID: id, ClientID: id, Name: fmt.Sprintf("bench-app-%06d", i),
			RedirectURLs: []string{"https://example.com/callback"}, Scopes: []string{"all-apis"},
			CreateTime: now, CreatedBy: DefaultCreatedBy, CreatorUsername: DefaultCreatorUsername,
		}}
	}
}
