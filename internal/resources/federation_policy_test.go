package resources

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
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
	return types.ObjectValueMust(models.OIDCPolicyAttrTypes, map[string]attr.Value{
		"issuer": str(issuer), "audiences": aud, "subject": str(subject),
		"subject_claim": str(claim), "jwks_uri": str(jwksURI), "jwks_json": jsontypes.Normalized{StringValue: str(jwksJSON)},
	})
}

func TestFederationPolicyUpdateMask(t *testing.T) {
	base := models.FederationPolicy{
		Description: types.StringValue("d"),
		OIDCPolicy:  testOIDCPolicyObject("https://idp.example.com", []string{"a"}, "s", "", "https://idp.example.com/jwks", ""),
	}
	with := func(f func(*models.FederationPolicy)) models.FederationPolicy { p := base; f(&p); return p }
	for name, tc := range map[string]struct {
		plan models.FederationPolicy
		want []string
	}{
		"unchanged":         {base, nil},
		"description":       {with(func(p *models.FederationPolicy) { p.Description = types.StringValue("e") }), []string{"description"}},
		"description gone":  {with(func(p *models.FederationPolicy) { p.Description = types.StringNull() }), []string{"description"}},
		"empty description": {with(func(p *models.FederationPolicy) { p.Description = types.StringValue("") }), []string{"description"}},
		"issuer": {with(func(p *models.FederationPolicy) {
			p.OIDCPolicy = testOIDCPolicyObject("https://other.example.com", []string{"a"}, "s", "", "https://idp.example.com/jwks", "")
		}), []string{"oidc_policy.issuer"}},
		"audiences removed": {with(func(p *models.FederationPolicy) {
			p.OIDCPolicy = testOIDCPolicyObject("https://idp.example.com", nil, "s", "", "https://idp.example.com/jwks", "")
		}), []string{"oidc_policy.audiences"}},
		"jwks uri to json, claim and subject": {with(func(p *models.FederationPolicy) {
			p.Description = types.StringValue("d")
			p.OIDCPolicy = testOIDCPolicyObject("https://idp.example.com", []string{"a"}, "t", "email", "", `{"keys":[]}`)
		}), []string{"oidc_policy.subject", "oidc_policy.subject_claim", "oidc_policy.jwks_uri", "oidc_policy.jwks_json"}},
	} {
		var diags diag.Diagnostics
		got := federationPolicyUpdateMask(context.Background(), tc.plan, base, &diags)
		if diags.HasError() || !slices.Equal(got, tc.want) {
			t.Errorf("%s: mask %v (diags %v), want %v", name, got, diags, tc.want)
		}
	}

	// Null and empty are the same to the API: no mask entry.
	var diags diag.Diagnostics
	st := models.FederationPolicy{Description: types.StringNull(), OIDCPolicy: testOIDCPolicyObject("https://i.example", nil, "", "", "", "")}
	pl := models.FederationPolicy{Description: types.StringValue(""), OIDCPolicy: testOIDCPolicyObject("https://i.example", []string{}, "", "", "", "")}
	if got := federationPolicyUpdateMask(context.Background(), pl, st, &diags); len(got) != 0 || diags.HasError() {
		t.Errorf("null vs empty: mask %v, diags %v", got, diags)
	}
}

func TestNewFederationPolicyID(t *testing.T) {
	a, b := newFederationPolicyID(), newFederationPolicyID()
	if !federationPolicyIDRe.MatchString(a) || len(a) != 19 || a == b {
		t.Errorf("ids %q, %q", a, b)
	}
}
