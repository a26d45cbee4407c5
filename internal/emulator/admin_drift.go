package emulator

import (
	"encoding/json"
	"time"
)

// Out-of-band changes to the other object types, as someone editing them in the
// account console would make: fields are overwritten without the API's validation.
// Custom apps have theirs in admin.go (adminPatchCustomApp).

// adminPatchPublished overwrites a published app integration's token_access_policy
// (`null` removes it, as for an integration that keeps the defaults).
func (e *Emulator) adminPatchPublished(id string, body []byte) *apiError {
	m, aerr := rawFields(body)
	if aerr != nil {
		return aerr
	}
	var policy *TokenAccessPolicy
	for k, raw := range m {
		if k != "token_access_policy" {
			return errInvalid("field '%s' cannot be patched", k)
		}
		if err := json.Unmarshal(raw, &policy); err != nil {
			return errMalformed(err)
		}
	}
	if !e.UpdatePublishedIntegration(id, func(p *PublishedIntegration) {
		if _, ok := m["token_access_policy"]; ok {
			p.TokenAccessPolicy = policy
		}
	}) {
		return errNotFound("Published app integration '%s' does not exist", id)
	}
	return nil
}

// adminPatchPolicy overwrites a federation policy's description or its whole
// oidc_policy (sp 0: an account policy) and moves its update_time.
func (e *Emulator) adminPatchPolicy(sp int64, id string, body []byte) *apiError {
	m, aerr := rawFields(body)
	if aerr != nil {
		return aerr
	}
	var description *string
	var oidc *OIDCPolicy
	for k, raw := range m {
		var err error
		switch k {
		case "description":
			err = json.Unmarshal(raw, &description)
		case "oidc_policy":
			err = json.Unmarshal(raw, &oidc)
		default:
			return errInvalid("field '%s' cannot be patched", k)
		}
		if err != nil {
			return errMalformed(err)
		}
	}
	now := e.now()
	if !e.updatePolicy(sp, id, func(p *FederationPolicy) {
		if description != nil {
			p.Description = *description
		}
		if _, ok := m["oidc_policy"]; ok {
			p.OIDCPolicy = oidc
		}
		p.UpdateTime = now
	}) {
		return errNotFound("Federation policy '%s' does not exist", id)
	}
	return nil
}

// adminPatchSecret overwrites a secret's expire_time (RFC 3339, e.g. to bring it into
// an early renewal window or to expire it) or status.
func (e *Emulator) adminPatchSecret(sp int64, id string, body []byte) *apiError {
	m, aerr := rawFields(body)
	if aerr != nil {
		return aerr
	}
	var expire *time.Time
	var status *string
	for k, raw := range m {
		var err error
		switch k {
		case "expire_time":
			var s string
			if err = json.Unmarshal(raw, &s); err == nil {
				var t time.Time
				t, err = time.Parse(time.RFC3339, s)
				expire = &t
			}
		case "status":
			err = json.Unmarshal(raw, &status)
		default:
			return errInvalid("field '%s' cannot be patched", k)
		}
		if err != nil {
			return errMalformed(err)
		}
	}
	if !e.UpdateSecret(sp, id, func(s *Secret) {
		if expire != nil {
			s.ExpireTime = expire.UTC()
		}
		if status != nil {
			s.Status = *status
		}
	}) {
		return errNotFound("Secret '%s' of service principal %d does not exist", id, sp)
	}
	return nil
}
