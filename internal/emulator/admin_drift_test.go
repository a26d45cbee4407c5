package emulator_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The admin API changes every object type behind the API's back (drift), and the API
// then answers with the change; a missing object is 404, an unknown field 400.
func TestAdminDriftEveryType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := emulator.NewFakeClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	e, srv, a := newAccount(t, emulator.Options{Clock: clock})
	sp := emulator.DefaultServicePrincipals[0]
	patch := func(path, body string) int {
		t.Helper()
		s, b := do(t, srv, e.Token(), http.MethodPatch, path, body)
		if s != 200 {
			t.Logf("PATCH %s: %d %s", path, s, b)
		}
		return s
	}

	// Published app integration: the token access policy, then none.
	if patch("/_emulator/published-app-integrations/power-bi", `{"token_access_policy":{"access_token_ttl_in_minutes":15,"refresh_token_ttl_in_minutes":60}}`) != 200 {
		t.Fatal("published patch")
	}
	pbi, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, "power-bi")
	must(t, err)
	if pbi.TokenAccessPolicy == nil || pbi.TokenAccessPolicy.AccessTokenTtlInMinutes != 15 || pbi.TokenAccessPolicy.RefreshTokenTtlInMinutes != 60 {
		t.Fatalf("published drift: %+v", pbi.TokenAccessPolicy)
	}
	if patch("/_emulator/published-app-integrations/power-bi", `{"token_access_policy":null}`) != 200 {
		t.Fatal("published patch null")
	}
	if pbi, err = a.PublishedAppIntegration.GetByIntegrationId(ctx, "power-bi"); err != nil || pbi.TokenAccessPolicy != nil {
		t.Fatalf("published policy not removed: %v %+v", err, pbi)
	}

	// Account federation policy: description and the whole oidc_policy; update_time moves.
	created, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "acc-1",
		Policy: oauth2.FederationPolicy{Description: "d", OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com", Audiences: []string{"a"}}}})
	must(t, err)
	clock.Advance(time.Minute)
	if patch("/_emulator/federation-policies/acc-1", `{"description":"edited","oidc_policy":{"issuer":"https://other.example.com","audiences":["b"]}}`) != 200 {
		t.Fatal("account policy patch")
	}
	acc, err := a.FederationPolicy.GetByPolicyId(ctx, "acc-1")
	must(t, err)
	if acc.Description != "edited" || acc.OidcPolicy.Issuer != "https://other.example.com" || len(acc.OidcPolicy.Audiences) != 1 ||
		acc.OidcPolicy.Audiences[0] != "b" || acc.UpdateTime == created.UpdateTime {
		t.Fatalf("account policy drift: %+v %+v", acc, acc.OidcPolicy)
	}

	// Service principal federation policy: the subject.
	_, err = a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{ServicePrincipalId: sp, PolicyId: "sp-1",
		Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com", Subject: "repo:a"}}})
	must(t, err)
	if patch(fmt.Sprintf("/_emulator/service-principals/%d/federation-policies/sp-1", sp), `{"oidc_policy":{"issuer":"https://idp.example.com","subject":"repo:b"}}`) != 200 {
		t.Fatal("sp policy patch")
	}
	spp, err := a.ServicePrincipalFederationPolicy.GetByServicePrincipalIdAndPolicyId(ctx, sp, "sp-1")
	must(t, err)
	if spp.OidcPolicy.Subject != "repo:b" || spp.Description != "" {
		t.Fatalf("sp policy drift: %+v", spp.OidcPolicy)
	}

	// Secret: expire_time and status.
	sec, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp), Lifetime: "7200s"})
	must(t, err)
	if patch(fmt.Sprintf("/_emulator/service-principals/%d/secrets/%s", sp, sec.Id), `{"expire_time":"2030-01-02T03:04:05Z","status":"EXPIRED"}`) != 200 {
		t.Fatal("secret patch")
	}
	list, err := a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: fmt.Sprint(sp)})
	must(t, err)
	if len(list) != 1 || list[0].ExpireTime != "2030-01-02T03:04:05.000Z" || list[0].Status != "EXPIRED" {
		t.Fatalf("secret drift: %+v", list)
	}

	// Missing objects, unknown fields, bad values.
	for path, want := range map[string]int{
		"/_emulator/published-app-integrations/nope":                                 404,
		"/_emulator/federation-policies/nope":                                        404,
		fmt.Sprintf("/_emulator/service-principals/%d/federation-policies/nope", sp): 404,
		fmt.Sprintf("/_emulator/service-principals/%d/secrets/nope", sp):             404,
		fmt.Sprintf("/_emulator/service-principals/%d/secrets/%s", sp+1, sec.Id):     404, // another principal's
	} {
		if s := patch(path, `{}`); s != want {
			t.Errorf("PATCH %s: %d, want %d", path, s, want)
		}
	}
	secretPath := fmt.Sprintf("/_emulator/service-principals/%d/secrets/%s", sp, sec.Id)
	for _, tc := range []struct{ path, body string }{
		{"/_emulator/published-app-integrations/power-bi", `{"app_id":"x"}`},
		{"/_emulator/federation-policies/acc-1", `{"policy_id":"x"}`},
		{"/_emulator/federation-policies/acc-1", `{"description":7}`},
		{secretPath, `{"expire_time":"tomorrow"}`},
		{secretPath, `{"secret":"x"}`},
		{secretPath, `not json`},
	} {
		if s := patch(tc.path, tc.body); s != 400 {
			t.Errorf("PATCH %s %s: %d, want 400", tc.path, tc.body, s)
		}
	}
	for _, path := range []string{fmt.Sprintf("/_emulator/service-principals/%d/nothing/%s", sp, sec.Id)} {
		if s := patch(path, `{}`); s != 404 {
			t.Errorf("PATCH %s: %d, want 404", path, s)
		}
	}
	if s := patch("/_emulator/service-principals/abc/secrets/x", `{}`); s != 400 {
		t.Errorf("PATCH with a bad principal id: %d, want 400", s)
	}
	for _, r := range e.Requests() {
		if r.Method == http.MethodPatch {
			t.Errorf("admin call logged: %s %s", r.Method, r.Path)
		}
	}
}
