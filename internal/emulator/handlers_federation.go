package emulator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/google/uuid"
)

// maxPoliciesPerScope is the documented limit of federation policies per
// account and per service principal.
const maxPoliciesPerScope = 20

var policyIDRe = regexp.MustCompile(`^[a-z0-9-]+$`)

// policyJSON is the wire form of a FederationPolicy.
type policyJSON struct {
	Name               string      `json:"name,omitempty"`
	PolicyID           string      `json:"policy_id,omitempty"`
	UID                string      `json:"uid,omitempty"`
	Description        string      `json:"description,omitempty"`
	OIDCPolicy         *OIDCPolicy `json:"oidc_policy,omitempty"`
	ServicePrincipalID int64       `json:"service_principal_id,omitempty"`
	CreateTime         string      `json:"create_time,omitempty"`
	UpdateTime         string      `json:"update_time,omitempty"`
}

func (e *Emulator) policyOut(p FederationPolicy) policyJSON {
	return policyJSON{
		Name: p.Name, PolicyID: p.PolicyID, UID: p.UID, Description: p.Description,
		OIDCPolicy: e.opts.answerOIDC(p.OIDCPolicy), ServicePrincipalID: p.ServicePrincipalID,
		CreateTime: fmtTime(p.CreateTime), UpdateTime: fmtTime(p.UpdateTime),
	}
}

func (e *Emulator) policyName(sp int64, id string) string {
	if sp == 0 {
		return fmt.Sprintf("accounts/%s/federationPolicies/%s", e.opts.AccountID, id)
	}
	return fmt.Sprintf("accounts/%s/servicePrincipals/%d/federationPolicies/%s", e.opts.AccountID, sp, id)
}

func policyNotFound(sp int64, id string) *apiError {
	if sp == 0 {
		return errNotFound("Federation policy '%s' does not exist", id)
	}
	return errNotFound("Federation policy '%s' does not exist for service principal %d", id, sp)
}

// policyBody parses a FederationPolicy body. The SDK sends the bare object;
// a {"policy":{...}} wrapper (the documented request message) is accepted too.
func policyBody(body []byte, wantName string) (map[string]json.RawMessage, *apiError) {
	m, aerr := rawFields(body)
	if aerr != nil {
		return nil, aerr
	}
	if inner, ok := m["policy"]; ok {
		if _, bare := m["oidc_policy"]; !bare {
			if m, aerr = rawFields(inner); aerr != nil {
				return nil, aerr
			}
		}
	}
	// Output-only fields are ignored (clients echo them from state), but a
	// name that names another policy is a client bug.
	if raw, ok := m["name"]; ok {
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return nil, errMalformed(err)
		}
		if name != "" && name != wantName {
			return nil, errInvalid("Policy name '%s' does not match the request path (expected '%s')", name, wantName)
		}
	}
	return m, nil
}

// bodyDescription and bodyOIDC return the field's value, zero when absent.
func bodyDescription(m map[string]json.RawMessage) (string, *apiError) {
	var s string
	if raw, ok := m["description"]; ok {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", errMalformed(err)
		}
	}
	return s, nil
}

func bodyOIDC(m map[string]json.RawMessage) (*OIDCPolicy, map[string]json.RawMessage, *apiError) {
	raw, ok := m["oidc_policy"]
	if !ok || string(raw) == "null" {
		return nil, nil, nil
	}
	var o OIDCPolicy
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, nil, errMalformed(err)
	}
	keys, aerr := rawFields(raw)
	return &o, keys, aerr
}

func validateHTTPSURL(field, v string) *apiError {
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return errInvalid("%s must be an HTTPS URL, got '%s'", field, v)
	}
	return nil
}

// validatePolicy checks the complete object as the API does: an https issuer, a
// subject that service principal policies require and account policies must not
// have, and well-formed audiences, jwks_uri and jwks_json.
func validatePolicy(p *FederationPolicy) *apiError {
	o := p.OIDCPolicy
	if o == nil {
		return errInvalid("oidc_policy is required")
	}
	if o.Issuer == "" {
		return errInvalid("oidc_policy.issuer is required")
	}
	if aerr := validateHTTPSURL("oidc_policy.issuer", o.Issuer); aerr != nil {
		return aerr
	}
	if p.ServicePrincipalID == 0 && o.Subject != "" {
		return errInvalid("oidc_policy.subject must not be set on account federation policies")
	}
	if p.ServicePrincipalID != 0 && o.Subject == "" {
		return errInvalid("oidc_policy.subject is required for service principal federation policies")
	}
	for _, a := range o.Audiences {
		if a == "" {
			return errInvalid("oidc_policy.audiences must not contain empty values")
		}
	}
	if o.JwksURI != "" {
		if u, err := url.Parse(o.JwksURI); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return errInvalid("oidc_policy.jwks_uri must be a URL, got '%s'", o.JwksURI)
		}
	}
	if o.JwksJSON != "" && !json.Valid([]byte(o.JwksJSON)) {
		return errInvalid("oidc_policy.jwks_json must be valid JSON")
	}
	return nil
}

func (e *Emulator) createPolicy(c *call) (any, *apiError) {
	id := c.query.Get("policy_id")
	if id == "" {
		id = uuid.NewString() // lower-case hex and hyphens: a valid policy id
	} else if len(id) > 63 || !policyIDRe.MatchString(id) {
		// The real service sends this message for length errors too (issue #5290).
		return nil, errInvalid("Invalid federation policy id: '%s'. Must contain only 0-9, a-z, and hyphen.", id)
	}
	name := e.policyName(c.sp, id)
	if aerr := e.opts.checkFields(c.body, policyFields); aerr != nil {
		return nil, aerr
	}
	m, aerr := policyBody(c.body, name)
	if aerr != nil {
		return nil, aerr
	}
	now := e.now()
	p := FederationPolicy{PolicyID: id, UID: uuid.NewString(), Name: name, ServicePrincipalID: c.sp, CreateTime: now, UpdateTime: now}
	if p.Description, aerr = bodyDescription(m); aerr != nil {
		return nil, aerr
	}
	if p.OIDCPolicy, _, aerr = bodyOIDC(m); aerr != nil {
		return nil, aerr
	}
	e.storeAudiences(p.OIDCPolicy)
	if aerr := validatePolicy(&p); aerr != nil {
		return nil, aerr
	}
	if _, ok := e.policies[policyKey{c.sp, id}]; ok {
		return nil, errConflict("Federation policy '%s' already exists", id)
	}
	n := 0
	for k := range e.policies {
		if k.sp == c.sp {
			n++
		}
	}
	if n >= maxPoliciesPerScope {
		scope := "the account"
		if c.sp != 0 {
			scope = fmt.Sprintf("service principal %d", c.sp)
		}
		return nil, errInvalid("Cannot create federation policy: %s already has the maximum of %d federation policies", scope, maxPoliciesPerScope)
	}
	e.policies[policyKey{c.sp, id}] = &rec[FederationPolicy]{e.nextSeq(), p}
	return e.policyOut(p), nil
}

func (e *Emulator) getPolicy(c *call) (any, *apiError) {
	r, ok := e.policies[policyKey{c.sp, c.params["id"]}]
	if !ok {
		return nil, policyNotFound(c.sp, c.params["id"])
	}
	return e.policyOut(r.v), nil
}

func (e *Emulator) listPolicies(c *call) (any, *apiError) {
	rs := sortedRecs(e.policies, func(p *FederationPolicy) bool { return p.ServicePrincipalID == c.sp })
	page, next, aerr := paginate(c.query, fmt.Sprintf("policies:%d", c.sp), e.pageLimit(e.opts.PageSize), rs, recSeq)
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		Policies      []policyJSON `json:"policies,omitempty"`
		NextPageToken string       `json:"next_page_token,omitempty"`
	}{NextPageToken: next}
	for _, r := range page {
		out.Policies = append(out.Policies, e.policyOut(r.v))
	}
	return out, nil
}

func (e *Emulator) deletePolicyAPI(c *call) (any, *apiError) {
	k := policyKey{c.sp, c.params["id"]}
	if _, ok := e.policies[k]; !ok {
		return nil, policyNotFound(c.sp, k.id)
	}
	delete(e.policies, k)
	return empty{}, nil
}

// updatePolicyAPI implements PATCH with update_mask, as the API does:
// absent or empty mask = overwrite what the body carries; a mask = set exactly
// the named fields, clearing those the body lacks; "*" = all mutable fields.
func (e *Emulator) updatePolicyAPI(c *call) (any, *apiError) {
	id := c.params["id"]
	r, ok := e.policies[policyKey{c.sp, id}]
	if !ok {
		return nil, policyNotFound(c.sp, id)
	}
	if aerr := e.opts.checkFields(c.body, policyFields); aerr != nil {
		return nil, aerr
	}
	m, aerr := policyBody(c.body, r.v.Name)
	if aerr != nil {
		return nil, aerr
	}
	desc, aerr := bodyDescription(m)
	if aerr != nil {
		return nil, aerr
	}
	oidc, oidcKeys, aerr := bodyOIDC(m)
	if aerr != nil {
		return nil, aerr
	}
	p := r.v.clone()
	paths := maskPaths(c.query.Get("update_mask"))
	if len(paths) == 0 && e.opts.RequireUpdateMask {
		return nil, errInvalid("update_mask is required: name the fields to update, e.g. update_mask=description,oidc_policy.audiences")
	}
	if len(paths) == 0 {
		overwritePresent(&p, m, desc, oidc, oidcKeys)
	}
	if aerr := applyMask(&p, paths, desc, oidc); aerr != nil {
		return nil, aerr
	}
	e.storeAudiences(p.OIDCPolicy)
	if aerr := validatePolicy(&p); aerr != nil {
		return nil, aerr
	}
	p.UpdateTime = e.now()
	r.v = p
	return e.policyOut(p), nil
}

// maskPaths splits an update_mask into its field paths.
func maskPaths(mask string) []string {
	var paths []string
	for _, s := range strings.Split(mask, ",") {
		if s = strings.TrimSpace(s); s != "" {
			paths = append(paths, s)
		}
	}
	return paths
}

// overwritePresent is an update without a mask: what the body m carries overwrites
// the policy's, field by field within oidc_policy; a null oidc_policy removes it.
func overwritePresent(p *FederationPolicy, m map[string]json.RawMessage, desc string, oidc *OIDCPolicy, oidcKeys map[string]json.RawMessage) {
	if _, ok := m["description"]; ok {
		p.Description = desc
	}
	raw, ok := m["oidc_policy"]
	switch {
	case !ok:
	case string(raw) == "null":
		p.OIDCPolicy = nil
	default:
		if p.OIDCPolicy == nil {
			p.OIDCPolicy = &OIDCPolicy{}
		}
		for k := range oidcKeys {
			setOIDCField(p.OIDCPolicy, oidc, k) // unknown keys are ignored
		}
	}
}

// applyMask sets exactly the fields the mask names from the body's values, clearing
// those the body lacks; "*" is every mutable field.
func applyMask(p *FederationPolicy, paths []string, desc string, oidc *OIDCPolicy) *apiError {
	for _, path := range paths {
		switch path {
		case "*":
			p.Description, p.OIDCPolicy = desc, oidc.clone()
		case "description":
			p.Description = desc
		case "oidc_policy":
			p.OIDCPolicy = oidc.clone()
		default:
			field, ok := strings.CutPrefix(path, "oidc_policy.")
			if !ok || !oidcFields[field] {
				return errInvalid("Invalid update_mask path '%s': updatable fields are description, oidc_policy and oidc_policy.{issuer,audiences,subject,subject_claim,jwks_uri,jwks_json}", path)
			}
			if p.OIDCPolicy == nil {
				p.OIDCPolicy = &OIDCPolicy{}
			}
			setOIDCField(p.OIDCPolicy, oidc, field)
		}
	}
	return nil
}

var oidcFields = map[string]bool{
	"issuer": true, "audiences": true, "subject": true, "subject_claim": true, "jwks_uri": true, "jwks_json": true,
}

// setOIDCField copies one field from src (nil = all zero) into dst.
func setOIDCField(dst, src *OIDCPolicy, field string) {
	if src == nil {
		src = &OIDCPolicy{}
	}
	switch field {
	case "issuer":
		dst.Issuer = src.Issuer
	case "audiences":
		dst.Audiences = append([]string(nil), src.Audiences...)
	case "subject":
		dst.Subject = src.Subject
	case "subject_claim":
		dst.SubjectClaim = src.SubjectClaim
	case "jwks_uri":
		dst.JwksURI = src.JwksURI
	case "jwks_json":
		dst.JwksJSON = src.JwksJSON
	}
}

// storeAudiences keeps oidc_policy.audiences as the list variants say.
func (e *Emulator) storeAudiences(o *OIDCPolicy) {
	if o != nil {
		o.Audiences = e.opts.storeList(o.Audiences)
	}
}
