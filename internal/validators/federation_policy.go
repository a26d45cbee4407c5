package validators

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// JWKSJSON checks that a string is a JSON Web Key Set: a JSON object whose `keys`
// member is an array (RFC 7517 §5). The API stores jwks_json as an opaque string, so
// a typo would otherwise only show when a federated token fails to verify.
func JWKSJSON() validator.String { return jwksJSON{} }

type jwksJSON struct{}

func (jwksJSON) Description(context.Context) string {
	return `must be a JSON Web Key Set: a JSON object with a "keys" array`
}
func (v jwksJSON) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (jwksJSON) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	// A map, not a struct: encoding/json matches struct fields case-insensitively, and
	// {"KEYS":[...]} is not a key set (JSON member names are case-sensitive).
	var set map[string]json.RawMessage
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &set); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JWKS JSON",
			req.Path.String()+" must be a JSON object holding a JSON Web Key Set, e.g. jsonencode({ keys = [...] }): "+err.Error())
		return
	}
	var keys []json.RawMessage
	if len(set["keys"]) == 0 || string(set["keys"]) == "null" || json.Unmarshal(set["keys"], &keys) != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JWKS JSON",
			req.Path.String()+` must be a JSON Web Key Set: a JSON object with a "keys" array, e.g. {"keys":[{"kty":"RSA",...}]}.`)
	}
}

// NotAllowed rejects any configured value, with reason as the explanation. It is for
// an attribute of a shared nested shape that one resource must not set (subject on
// an account federation policy); the stock validators have no "must be null".
func NotAllowed(reason string) validator.String { return notAllowed{reason: reason} }

type notAllowed struct{ reason string }

func (v notAllowed) Description(context.Context) string             { return "must not be set: " + v.reason }
func (v notAllowed) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notAllowed) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	// Unknown counts as set: it will hold a value at apply time.
	if req.ConfigValue.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Attribute not allowed",
		req.Path.String()+" must not be set: "+v.reason)
}
