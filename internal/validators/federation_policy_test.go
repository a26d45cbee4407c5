package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func runString(v validator.String, value types.String) bool {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: value}, resp)
	return resp.Diagnostics.HasError()
}

func TestJWKSJSON(t *testing.T) {
	for in, wantErr := range map[string]bool{
		`{"keys":[]}`: false,
		`{"keys":[{"kty":"RSA","kid":"k1","n":"abc","e":"AQAB"}]}`: false,
		`{"keys":{}}`:   true,
		`{"keys":null}`: true,
		`{"other":[]}`:  true,
		`[]`:            true,
		`not json`:      true,
		``:              true,
	} {
		if got := runString(JWKSJSON(), types.StringValue(in)); got != wantErr {
			t.Errorf("JWKSJSON(%q): error=%v, want %v", in, got, wantErr)
		}
	}
	if runString(JWKSJSON(), types.StringNull()) || runString(JWKSJSON(), types.StringUnknown()) {
		t.Error("null and unknown must pass")
	}
}

func TestNotAllowed(t *testing.T) {
	v := NotAllowed("only for service principal policies")
	if runString(v, types.StringNull()) {
		t.Error("null must pass")
	}
	for _, in := range []types.String{types.StringValue("x"), types.StringValue(""), types.StringUnknown()} {
		if !runString(v, in) {
			t.Errorf("%s must be rejected", in)
		}
	}
}
