package validators

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// jwks_json is free text from the configuration: the validator must never panic, must
// put its error on the attribute's path, and must accept exactly the JSON objects
// whose "keys" member is an array.
func FuzzJWKSJSON(f *testing.F) {
	for _, seed := range []string{
		`{"keys":[]}`, `{"keys":[{"kty":"RSA","kid":"k1","n":"abc","e":"AQAB"}]}`, `{"keys":{}}`, `{"keys":null}`,
		`{"other":[]}`, `[]`, `not json`, ``, `{"KEYS":[]}`, `{"keys":[],"keys":1}`, `{"keys":[1,`, `"{\"keys\":[]}"`,
		`{"keys":[]} trailing`, "{\"keys\":[\"\xff\"]}", `{"keys":[` + string(make([]byte, 0)) + `]}`, `null`, `0`,
	} {
		f.Add(seed)
	}
	at := path.Root("oidc_policy").AtName("jwks_json")
	f.Fuzz(func(t *testing.T, s string) {
		resp := &validator.StringResponse{}
		JWKSJSON().ValidateString(context.Background(), validator.StringRequest{Path: at, ConfigValue: types.StringValue(s)}, resp)
		for _, d := range resp.Diagnostics {
			if dp, ok := d.(interface{ Path() path.Path }); !ok || !dp.Path().Equal(at) {
				t.Fatalf("%q: diagnostic %q is not on %s", s, d.Summary(), at)
			}
		}
		var doc map[string]json.RawMessage
		var keys []json.RawMessage
		want := json.Unmarshal([]byte(s), &doc) == nil && doc != nil && doc["keys"] != nil &&
			json.Unmarshal(doc["keys"], &keys) == nil && keys != nil
		if got := !resp.Diagnostics.HasError(); got != want {
			t.Fatalf("%q: accepted=%v, want %v", s, got, want)
		}
	})
}
