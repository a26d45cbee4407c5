package models

import (
	"context"
	"testing"
)

func TestJSONSemanticEquals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, a, b string
		want       bool
	}{
		{"same JSON, other key order and spaces", `{"keys":[{"kty":"RSA","kid":"k1"}]}`, `{ "keys": [ {"kid":"k1", "kty":"RSA"} ] }`, true},
		{"different JSON", `{"keys":[]}`, `{"keys":[{"kid":"k1"}]}`, false},
		{"server value not JSON", `{"keys":[]}`, `not json{`, false},
		{"prior value not JSON", `  `, `{"keys":[]}`, false},
		{"both not JSON", `<keys/>`, `<keys/>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := JSONValue(tc.a).StringSemanticEquals(ctx, JSONValue(tc.b))
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got != tc.want {
				t.Fatalf("StringSemanticEquals(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestJSONTypeRoundTrip(t *testing.T) {
	ctx := context.Background()
	v := JSONValue(`{"keys":[]}`)
	tv, err := v.ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	back, err := JSONType{}.ValueFromTerraform(ctx, tv)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(v) || !(JSONType{}).Equal(back.Type(ctx)) {
		t.Fatalf("round trip gave %#v", back)
	}
	if JSONNull().Equal(v) || !JSONNull().IsNull() {
		t.Fatal("null value")
	}
}
