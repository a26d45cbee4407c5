package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// Variants are the behaviours of the real service that no recording decides
// (no recording of the real service settles them). The emulator's default answer to each is one guess; a
// provider must be right under every plausible answer, so the emulator can play
// each, and the acceptance tests run the lifecycle of every resource under each
// (internal/acctest, Profiles). The zero value of every field is the default.
type Variants struct {
	// EchoSubjectClaim answers oidc_policy.subject_claim "sub" (the documented
	// default) when none is set, instead of omitting it.
	EchoSubjectClaim bool
	// AbsoluteLifetime decides when the server reports its default
	// absolute_session_lifetime_in_minutes for a token access policy that set none:
	// AbsoluteLifetimeRotation ("", the default) only while single-use refresh tokens
	// are on, AbsoluteLifetimeAlways always, AbsoluteLifetimeNever never.
	AbsoluteLifetime string
	// SortLists stores redirect_urls, scopes, user_authorized_scopes and
	// oidc_policy.audiences sorted instead of in request order.
	SortLists bool
	// DedupLists stores those lists without duplicates.
	DedupLists bool
	// ReserializeJWKS answers oidc_policy.jwks_json re-encoded (keys sorted,
	// indented) instead of verbatim.
	ReserializeJWKS bool
	// ShortFirstPage serves one item less than the page size on the first page
	// of every list; next_page_token still continues the listing.
	ShortFirstPage bool
	// DefaultApps decides the integrations enabled in a new account (unless
	// Options.NoSeed): DefaultAppsAppID ("", the default) DefaultEnabledApps with
	// integration_id = app_id, DefaultAppsUUID the same apps with UUIDs,
	// DefaultAppsNone none.
	DefaultApps string
	// RequireUpdateMask refuses a federation policy PATCH without update_mask
	// (400) instead of merging the fields present in the body.
	RequireUpdateMask bool
	// RejectUnknownFields refuses (400) a request body with a field the API does
	// not know, instead of ignoring it. A correct client never needs leniency.
	RejectUnknownFields bool
	// WorkspaceMetadataAccountID adds account_id to a workspace host's
	// /.well-known/databricks-config (HostType "workspace"), as real workspace
	// hosts do; the SDK then fills Config.AccountID from it.
	WorkspaceMetadataAccountID bool
}

// Values of Variants.AbsoluteLifetime.
const (
	AbsoluteLifetimeRotation = "rotation"
	AbsoluteLifetimeAlways   = "always"
	AbsoluteLifetimeNever    = "never"
)

// Values of Variants.DefaultApps.
const (
	DefaultAppsAppID = "app-id"
	DefaultAppsUUID  = "uuid"
	DefaultAppsNone  = "none"
)

// Variants returns the variants the emulator plays, defaults filled in.
func (e *Emulator) Variants() Variants { return e.opts.Variants }

// Validate reports an unknown value of an enumeration (New panics on it).
func (v Variants) Validate() error {
	_, err := v.normalized()
	return err
}

// normalized fills the defaults and checks the enumerations.
func (v Variants) normalized() (Variants, error) {
	switch v.AbsoluteLifetime {
	case "":
		v.AbsoluteLifetime = AbsoluteLifetimeRotation
	case AbsoluteLifetimeRotation, AbsoluteLifetimeAlways, AbsoluteLifetimeNever:
	default:
		return v, fmt.Errorf("unknown AbsoluteLifetime %q (want rotation, always or never)", v.AbsoluteLifetime)
	}
	switch v.DefaultApps {
	case "":
		v.DefaultApps = DefaultAppsAppID
	case DefaultAppsAppID, DefaultAppsUUID, DefaultAppsNone:
	default:
		return v, fmt.Errorf("unknown DefaultApps %q (want app-id, uuid or none)", v.DefaultApps)
	}
	return v, nil
}

// storeList is how the server keeps a list field it was sent.
func (v Variants) storeList(in []string) []string {
	if in == nil {
		return nil
	}
	out := slices.Clone(in)
	if v.SortLists {
		sort.Strings(out)
	}
	if v.DedupLists {
		seen := map[string]bool{}
		out = slices.DeleteFunc(out, func(s string) bool {
			dup := seen[s]
			seen[s] = true
			return dup
		})
	}
	return out
}

// fillAbsoluteLifetime reports the server's default absolute session lifetime in a
// stored token access policy that set none, when the variant says so.
func (v Variants) fillAbsoluteLifetime(p *TokenAccessPolicy) {
	if p == nil || p.AbsoluteSessionLifetimeInMinutes != 0 {
		return
	}
	switch {
	case v.AbsoluteLifetime == AbsoluteLifetimeAlways,
		v.AbsoluteLifetime == AbsoluteLifetimeRotation && p.EnableSingleUseRefreshTokens:
		p.AbsoluteSessionLifetimeInMinutes = DefaultAbsoluteSessionLifetimeMinutes
	}
}

// answerOIDC is the oidc_policy as the server answers it.
func (v Variants) answerOIDC(o *OIDCPolicy) *OIDCPolicy {
	if o == nil || (!v.EchoSubjectClaim && !v.ReserializeJWKS) {
		return o
	}
	c := o.clone()
	if v.EchoSubjectClaim && c.SubjectClaim == "" {
		c.SubjectClaim = "sub"
	}
	if v.ReserializeJWKS && c.JwksJSON != "" {
		c.JwksJSON = reserializeJSON(c.JwksJSON)
	}
	return c
}

// reserializeJSON re-encodes a JSON document with sorted keys and indentation,
// keeping numbers as written; invalid JSON (never stored) is returned as is.
func reserializeJSON(s string) string {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return s
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// defaultIntegrationID is the integration id of a default-enabled app, or "" when
// the variant enables none.
func (v Variants) defaultIntegrationID(appID string) string {
	switch v.DefaultApps {
	case DefaultAppsUUID:
		return uuid.NewString()
	case DefaultAppsNone:
		return ""
	}
	return appID
}

// fields is the shape of a request body: the keys the API knows, each with the
// fields of its nested object (nil for a scalar or a list).
type fields map[string]fields

var (
	tokenAccessPolicyFields = fields{
		"access_token_ttl_in_minutes": nil, "refresh_token_ttl_in_minutes": nil,
		"enable_single_use_refresh_tokens": nil, "absolute_session_lifetime_in_minutes": nil,
	}
	customAppCreateFields = fields{
		"name": nil, "confidential": nil, "redirect_urls": nil, "scopes": nil,
		"user_authorized_scopes": nil, "token_access_policy": tokenAccessPolicyFields,
	}
	// A PATCH cannot change name or confidential: UpdateCustomAppIntegration has no
	// such fields.
	customAppUpdateFields = fields{
		"redirect_urls": nil, "scopes": nil, "user_authorized_scopes": nil,
		"token_access_policy": tokenAccessPolicyFields,
	}
	publishedCreateFields = fields{"app_id": nil, "token_access_policy": tokenAccessPolicyFields}
	publishedUpdateFields = fields{"token_access_policy": tokenAccessPolicyFields}
	oidcPolicyFields      = fields{
		"issuer": nil, "audiences": nil, "subject": nil, "subject_claim": nil, "jwks_uri": nil, "jwks_json": nil,
	}
	// Every field of FederationPolicy is known, output-only ones included (clients
	// echo them from state and the server ignores them).
	policyObjectFields = fields{
		"name": nil, "policy_id": nil, "uid": nil, "description": nil, "oidc_policy": oidcPolicyFields,
		"service_principal_id": nil, "create_time": nil, "update_time": nil,
	}
	secretCreateFields = fields{"lifetime": nil}
)

// policyFields accepts the bare policy and the documented {"policy": {...}} wrapper.
var policyFields = func() fields {
	f := fields{"policy": policyObjectFields}
	for k, v := range policyObjectFields {
		f[k] = v
	}
	return f
}()

// checkFields refuses a body with a field outside known, when the variant says so.
// A malformed body is left to the handler's own decoding.
func (v Variants) checkFields(body []byte, known fields) *apiError {
	if !v.RejectUnknownFields || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return unknownField(json.RawMessage(body), known, "")
}

func unknownField(raw json.RawMessage, known fields, prefix string) *apiError {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil //nolint:nilerr // not an object (or null): nothing to check
	}
	for k, val := range m {
		sub, ok := known[k]
		if !ok {
			return errInvalid("Invalid request: unknown field '%s%s'", prefix, k)
		}
		if sub != nil {
			if aerr := unknownField(val, sub, prefix+k+"."); aerr != nil {
				return aerr
			}
		}
	}
	return nil
}

// hostServes refuses the paths a host of the emulator's type does not serve: a
// workspace host has no account API (only the account-less proxy paths).
func (e *Emulator) hostServes(params map[string]string, path string) *apiError {
	if _, account := params["acc"]; account && e.opts.HostType == HostTypeWorkspace {
		return &apiError{http.StatusNotFound, codeNoEndpoint,
			"No API found for '" + path + "': this is a workspace host; account APIs are served by the account console"}
	}
	return nil
}
