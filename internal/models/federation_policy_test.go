package models

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func testOIDCPolicyObject(issuer string, audiences []string, subject, claim, jwksURI, jwksJSON string) types.Object {
	str := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	aud := types.ListNull(types.StringType)
	if audiences != nil {
		aud = types.ListValueMust(types.StringType, func() []attr.Value {
			var vs []attr.Value
			for _, a := range audiences {
				vs = append(vs, types.StringValue(a))
			}
			return vs
		}())
	}
	return types.ObjectValueMust(OIDCPolicyAttrTypes, map[string]attr.Value{
		"issuer": str(issuer), "audiences": aud, "subject": str(subject),
		"subject_claim": str(claim), "jwks_uri": str(jwksURI), "jwks_json": JSON{Normalized: jsontypes.Normalized{StringValue: str(jwksJSON)}},
	})
}

func TestFederationPolicyUpdateMask(t *testing.T) {
	base := FederationPolicy{
		Description: types.StringValue("d"),
		OIDCPolicy:  testOIDCPolicyObject("https://idp.example.com", []string{"a"}, "s", "", "https://idp.example.com/jwks", ""),
	}
	with := func(f func(*FederationPolicy)) FederationPolicy { p := base; f(&p); return p }
	for name, tc := range map[string]struct {
		plan FederationPolicy
		want string
	}{
		"unchanged":         {base, ""},
		"description":       {with(func(p *FederationPolicy) { p.Description = types.StringValue("e") }), "description"},
		"description gone":  {with(func(p *FederationPolicy) { p.Description = types.StringNull() }), "description"},
		"empty description": {with(func(p *FederationPolicy) { p.Description = types.StringValue("") }), "description"},
		"issuer": {with(func(p *FederationPolicy) {
			p.OIDCPolicy = testOIDCPolicyObject("https://other.example.com", []string{"a"}, "s", "", "https://idp.example.com/jwks", "")
		}), "oidc_policy.issuer"},
		"audiences removed": {with(func(p *FederationPolicy) {
			p.OIDCPolicy = testOIDCPolicyObject("https://idp.example.com", nil, "s", "", "https://idp.example.com/jwks", "")
		}), "oidc_policy.audiences"},
		"jwks uri to json, claim and subject": {with(func(p *FederationPolicy) {
			p.Description = types.StringValue("d")
			p.OIDCPolicy = testOIDCPolicyObject("https://idp.example.com", []string{"a"}, "t", "email", "", `{"keys":[]}`)
		}), "oidc_policy.subject,oidc_policy.subject_claim,oidc_policy.jwks_uri,oidc_policy.jwks_json"},
	} {
		var diags diag.Diagnostics
		got := FederationPolicyUpdateMask(context.Background(), tc.plan, base, &diags)
		if diags.HasError() || got != tc.want {
			t.Errorf("%s: mask %q (diags %v), want %q", name, got, diags, tc.want)
		}
	}

	// Null and empty are the same to the API: no mask entry.
	var diags diag.Diagnostics
	st := FederationPolicy{Description: types.StringNull(), OIDCPolicy: testOIDCPolicyObject("https://i.example", nil, "", "", "", "")}
	pl := FederationPolicy{Description: types.StringValue(""), OIDCPolicy: testOIDCPolicyObject("https://i.example", []string{}, "", "", "", "")}
	if got := FederationPolicyUpdateMask(context.Background(), pl, st, &diags); got != "" || diags.HasError() {
		t.Errorf("null vs empty: mask %q, diags %v", got, diags)
	}
}

// The body of a create or an update carries description and oidc_policy only; what
// is null or empty is left out (with the update mask naming it, that clears it).
func TestFederationPolicyToSDK(t *testing.T) {
	full := testOIDCPolicyObject("https://idp.example.com", []string{"b", "a"}, "repo:o/r", "sub", "", `{"keys":[]}`)
	for name, tc := range map[string]struct {
		in   FederationPolicy
		want string
	}{
		"set": {FederationPolicy{Description: types.StringValue("d"), OIDCPolicy: full},
			`{"description":"d","oidc_policy":{"audiences":["b","a"],"issuer":"https://idp.example.com",` +
				`"jwks_json":"{\"keys\":[]}","subject":"repo:o/r","subject_claim":"sub"}}`},
		"cleared fields left out": {FederationPolicy{Description: types.StringNull(),
			OIDCPolicy: testOIDCPolicyObject("https://idp.example.com", nil, "", "", "", "")},
			`{"oidc_policy":{"issuer":"https://idp.example.com"}}`},
		"empty like null": {FederationPolicy{Description: types.StringValue(""),
			OIDCPolicy: testOIDCPolicyObject("https://idp.example.com", []string{}, "", "", "", "")},
			`{"oidc_policy":{"issuer":"https://idp.example.com"}}`},
		"no oidc_policy":      {FederationPolicy{Description: types.StringValue("d"), OIDCPolicy: types.ObjectNull(OIDCPolicyAttrTypes)}, `{"description":"d"}`},
		"unknown oidc_policy": {FederationPolicy{Description: types.StringNull(), OIDCPolicy: types.ObjectUnknown(OIDCPolicyAttrTypes)}, `{}`},
		"output-only fields not sent": {FederationPolicy{PolicyID: types.StringValue("p"), Name: types.StringValue("n"),
			UID: types.StringValue("u"), CreateTime: types.StringValue("t"), UpdateTime: types.StringValue("t"),
			Description: types.StringNull(), OIDCPolicy: types.ObjectNull(OIDCPolicyAttrTypes)}, `{}`},
	} {
		var diags diag.Diagnostics
		body := FederationPolicyToSDK(context.Background(), tc.in, &diags)
		got, err := json.Marshal(body)
		if err != nil || diags.HasError() {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", name, got, tc.want)
		}
	}
}
