package emulator_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Each variant (a behaviour no recording of the real service decides) is checked against its default answer, so a test
// run under a variant really sees a different server.

func TestVariantSubjectClaim(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, echo := range []bool{false, true} {
		_, _, a := newAccount(t, emulator.Options{Variants: emulator.Variants{EchoSubjectClaim: echo}})
		created, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com"}}})
		must(t, err)
		got, err := a.FederationPolicy.GetByPolicyId(ctx, "p")
		must(t, err)
		want := ""
		if echo {
			want = "sub"
		}
		if created.OidcPolicy.SubjectClaim != want || got.OidcPolicy.SubjectClaim != want {
			t.Fatalf("echo=%v: create answered %q, get %q; want %q", echo, created.OidcPolicy.SubjectClaim, got.OidcPolicy.SubjectClaim, want)
		}
		// An explicit claim is answered as set, and clearing it brings the default back.
		upd, err := a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p", UpdateMask: "oidc_policy.subject_claim",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{SubjectClaim: "email"}}})
		must(t, err)
		if upd.OidcPolicy.SubjectClaim != "email" {
			t.Fatalf("echo=%v: explicit claim answered %q", echo, upd.OidcPolicy.SubjectClaim)
		}
		upd, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p", UpdateMask: "oidc_policy.subject_claim",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{}}})
		must(t, err)
		if upd.OidcPolicy.SubjectClaim != want {
			t.Fatalf("echo=%v: cleared claim answered %q, want %q", echo, upd.OidcPolicy.SubjectClaim, want)
		}
	}
}

func TestVariantAbsoluteLifetime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	def := emulator.DefaultAbsoluteSessionLifetimeMinutes
	for _, tc := range []struct {
		mode               string
		rotationOn, rotOff int // absolute lifetime answered with rotation on / off
	}{
		{"", def, 0},
		{emulator.AbsoluteLifetimeRotation, def, 0},
		{emulator.AbsoluteLifetimeAlways, def, def},
		{emulator.AbsoluteLifetimeNever, 0, 0},
	} {
		_, _, a := newAccount(t, emulator.Options{Variants: emulator.Variants{AbsoluteLifetime: tc.mode}})
		for _, rotation := range []bool{true, false} {
			out, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "x",
				TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 600,
					EnableSingleUseRefreshTokens: rotation, ForceSendFields: []string{"EnableSingleUseRefreshTokens"}}})
			must(t, err)
			got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
			must(t, err)
			want := tc.rotOff
			if rotation {
				want = tc.rotationOn
			}
			if got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes != want {
				t.Errorf("mode %q rotation %v: absolute lifetime %d, want %d", tc.mode, rotation, got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes, want)
			}
		}
		// Published integrations answer the same way.
		out, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "dbt-cloud",
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 600, EnableSingleUseRefreshTokens: true}})
		must(t, err)
		got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
		must(t, err)
		if got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes != tc.rotationOn {
			t.Errorf("mode %q: published absolute lifetime %d, want %d", tc.mode, got.TokenAccessPolicy.AbsoluteSessionLifetimeInMinutes, tc.rotationOn)
		}
	}
}

func TestVariantLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	in := []string{"sql", "all-apis", "sql", "offline_access"}
	for _, tc := range []struct {
		v    emulator.Variants
		want []string
	}{
		{emulator.Variants{}, in},
		{emulator.Variants{SortLists: true}, []string{"all-apis", "offline_access", "sql", "sql"}},
		{emulator.Variants{DedupLists: true}, []string{"sql", "all-apis", "offline_access"}},
		{emulator.Variants{SortLists: true, DedupLists: true}, []string{"all-apis", "offline_access", "sql"}},
	} {
		e, srv, a := newAccount(t, emulator.Options{Variants: tc.v})
		out, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "x", Scopes: in, UserAuthorizedScopes: []string{"sql", "sql"}})
		must(t, err)
		got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
		must(t, err)
		if !slices.Equal(got.Scopes, tc.want) {
			t.Errorf("%+v: create stored scopes %q, want %q", tc.v, got.Scopes, tc.want)
		}
		// The raw PATCH replaces the lists the same way.
		s, m := doJSON(t, srv, http.MethodPatch, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations/"+out.IntegrationId,
			`{"redirect_urls":["https://b.example.com","https://a.example.com","https://b.example.com"]}`)
		if s != 200 {
			t.Fatalf("PATCH: %d %v", s, m)
		}
		app, _ := e.CustomApp(out.IntegrationId)
		urls := []string{"https://b.example.com", "https://a.example.com", "https://b.example.com"}
		switch {
		case tc.v.SortLists && tc.v.DedupLists:
			urls = []string{"https://a.example.com", "https://b.example.com"}
		case tc.v.SortLists:
			urls = []string{"https://a.example.com", "https://b.example.com", "https://b.example.com"}
		case tc.v.DedupLists:
			urls = []string{"https://b.example.com", "https://a.example.com"}
		}
		if !slices.Equal(app.RedirectURLs, urls) {
			t.Errorf("%+v: PATCH stored redirect_urls %q, want %q", tc.v, app.RedirectURLs, urls)
		}
		// And so are federation policy audiences.
		p, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com", Audiences: in}}})
		must(t, err)
		if !slices.Equal(p.OidcPolicy.Audiences, tc.want) {
			t.Errorf("%+v: audiences %q, want %q", tc.v, p.OidcPolicy.Audiences, tc.want)
		}
	}
}

func TestVariantReserializeJWKS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const jwks = `{ "keys": [ { "kty": "RSA", "n": "0vx7", "e": "AQAB", "kid": "k1", "x5t": 12345678901234567890 } ] }`
	for _, reserialize := range []bool{false, true} {
		e, _, a := newAccount(t, emulator.Options{Variants: emulator.Variants{ReserializeJWKS: reserialize}})
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com", JwksJson: jwks}}})
		must(t, err)
		got, err := a.FederationPolicy.GetByPolicyId(ctx, "p")
		must(t, err)
		if !reserialize {
			if got.OidcPolicy.JwksJson != jwks {
				t.Fatalf("verbatim: got %q", got.OidcPolicy.JwksJson)
			}
			continue
		}
		// Other text (sorted keys, indented), same document, numbers as sent.
		if got.OidcPolicy.JwksJson == jwks || !strings.Contains(got.OidcPolicy.JwksJson, "\n") ||
			!strings.Contains(got.OidcPolicy.JwksJson, "12345678901234567890") ||
			strings.Index(got.OidcPolicy.JwksJson, `"e"`) > strings.Index(got.OidcPolicy.JwksJson, `"kty"`) {
			t.Fatalf("re-serialised: got %q", got.OidcPolicy.JwksJson)
		}
		var x, y any
		must(t, json.Unmarshal([]byte(jwks), &x))
		must(t, json.Unmarshal([]byte(got.OidcPolicy.JwksJson), &y))
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("re-serialised document differs: %q", got.OidcPolicy.JwksJson)
		}
		// The stored value (out of band) is what was sent.
		if p, _ := e.AccountPolicy("p"); p.OIDCPolicy.JwksJSON != jwks {
			t.Fatalf("stored %q", p.OIDCPolicy.JwksJSON)
		}
	}
}

func TestVariantShortFirstPage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, pageSize := range []int{1, 2, 3} {
		e, srv, a := newAccount(t, emulator.Options{PageSize: pageSize, NoSeed: true, Variants: emulator.Variants{ShortFirstPage: true}})
		for range 3 {
			e.PutCustomApp(emulator.CustomApp{Name: "x"})
		}
		s, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations", "")
		apps, _ := m["apps"].([]any)
		if s != 200 || len(apps) != pageSize-1 || m["next_page_token"] == nil {
			t.Fatalf("page size %d: first page %d %v", pageSize, s, m)
		}
		all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
		must(t, err)
		if len(all) != 3 {
			t.Fatalf("page size %d: listed %d apps, want 3", pageSize, len(all))
		}
	}
}

func TestVariantDefaultApps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, mode := range []string{"", emulator.DefaultAppsAppID, emulator.DefaultAppsUUID, emulator.DefaultAppsNone} {
		_, _, a := newAccount(t, emulator.Options{Variants: emulator.Variants{DefaultApps: mode}})
		all, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
		must(t, err)
		if mode == emulator.DefaultAppsNone {
			if len(all) != 0 {
				t.Fatalf("none: %d integrations", len(all))
			}
			continue
		}
		if len(all) != len(emulator.DefaultEnabledApps) {
			t.Fatalf("%q: %d integrations", mode, len(all))
		}
		for i, got := range all {
			sameID := got.IntegrationId == got.AppId
			if got.AppId != emulator.DefaultEnabledApps[i] || sameID != (mode != emulator.DefaultAppsUUID) || got.Name == "" {
				t.Fatalf("%q: %+v", mode, got)
			}
		}
	}
}

func TestVariantRequireUpdateMask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, require := range []bool{false, true} {
		_, _, a := newAccount(t, emulator.Options{Variants: emulator.Variants{RequireUpdateMask: require}})
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p",
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com"}}})
		must(t, err)
		_, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p",
			Policy: oauth2.FederationPolicy{Description: "merged"}})
		if require {
			wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "update_mask is required")
		} else {
			must(t, err)
		}
		_, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p", UpdateMask: "description",
			Policy: oauth2.FederationPolicy{Description: "masked"}})
		must(t, err)
	}
}

func TestVariantRejectUnknownFields(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{Variants: emulator.Variants{RejectUnknownFields: true}})
	acc := "/api/2.0/accounts/" + e.AccountID()

	// What the SDK sends passes, for every create and update.
	app, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "x", Confidential: true,
		RedirectUrls: []string{"https://example.com"}, Scopes: []string{"sql"}, UserAuthorizedScopes: []string{"sql"},
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, EnableSingleUseRefreshTokens: true, AbsoluteSessionLifetimeInMinutes: 600}})
	must(t, err)
	must(t, a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: app.IntegrationId, Scopes: []string{"all-apis", "sql"},
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 30}}))
	pub, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "dbt-cloud",
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60}})
	must(t, err)
	must(t, a.PublishedAppIntegration.Update(ctx, oauth2.UpdatePublishedAppIntegration{IntegrationId: pub.IntegrationId,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 30}}))
	policy := oauth2.FederationPolicy{Description: "d", OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com",
		Audiences: []string{"a"}, SubjectClaim: "email", JwksUri: "https://idp.example.com/keys"}}
	_, err = a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p", Policy: policy})
	must(t, err)
	// Output-only fields echoed from state are known fields.
	policy.Name, policy.Uid, policy.PolicyId, policy.CreateTime = "accounts/"+e.AccountID()+"/federationPolicies/p", "u", "p", "2024-01-01T00:00:00Z"
	_, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p", UpdateMask: "description", Policy: policy})
	must(t, err)
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1001", Lifetime: "3600s"})
	must(t, err)

	// A field the API does not know, at the top or nested, is refused.
	for _, tc := range []struct{ method, path, body, field string }{
		{http.MethodPost, acc + "/oauth2/custom-app-integrations", `{"name":"y","colour":"red"}`, "colour"},
		{http.MethodPatch, acc + "/oauth2/custom-app-integrations/" + app.IntegrationId, `{"name":"renamed"}`, "name"},
		{http.MethodPatch, acc + "/oauth2/custom-app-integrations/" + app.IntegrationId,
			`{"token_access_policy":{"access_token_ttl":5}}`, "token_access_policy.access_token_ttl"},
		{http.MethodPost, acc + "/oauth2/published-app-integrations", `{"app_id":"databricks-jdbc","integration_id":"x"}`, "integration_id"},
		{http.MethodPatch, acc + "/oauth2/published-app-integrations/" + pub.IntegrationId, `{"app_id":"dbt-cloud"}`, "app_id"},
		{http.MethodPost, acc + "/federationPolicies?policy_id=q", `{"oidc_policy":{"issuer":"https://idp.example.com","subject_claims":"x"}}`, "oidc_policy.subject_claims"},
		{http.MethodPatch, acc + "/federationPolicies/p?update_mask=description", `{"policy":{"descr":"x"}}`, "policy.descr"},
		{http.MethodPost, acc + "/servicePrincipals/1001/credentials/secrets", `{"lifetime":"60s","scopes":["all-apis"]}`, "scopes"},
	} {
		s, m := doJSON(t, srv, tc.method, tc.path, tc.body)
		wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
		if msg, _ := m["message"].(string); !strings.Contains(msg, "'"+tc.field+"'") {
			t.Errorf("%s %s: message %q does not name %q", tc.method, tc.path, msg, tc.field)
		}
	}
	// By default they are ignored.
	_, srv2, _ := newAccount(t, emulator.Options{})
	if s, m := doJSON(t, srv2, http.MethodPost, acc+"/oauth2/custom-app-integrations", `{"name":"y","colour":"red"}`); s != 200 {
		t.Fatalf("default: %d %v", s, m)
	}
}

func TestVariantWorkspaceMetadataAccountID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv := emulator.NewTestServer(t, emulator.Options{HostType: emulator.HostTypeWorkspace,
		Variants: emulator.Variants{WorkspaceMetadataAccountID: true}})
	_, b := do(t, srv, "", http.MethodGet, "/.well-known/databricks-config", "")
	m := map[string]any{}
	must(t, json.Unmarshal(b, &m))
	if m["host_type"] != "workspace" || m["account_id"] != e.AccountID() || m["workspace_id"] != e.WorkspaceID() {
		t.Fatalf("metadata: %v", m)
	}
	// The SDK fills the account id from it, as from a real workspace host, but the
	// host still serves only the proxy.
	w, err := databricks.NewWorkspaceClient(&databricks.Config{Host: srv.URL, Token: e.Token(), AuthType: "pat", RetryTimeoutSeconds: 5})
	must(t, err)
	if w.Config.AccountID != e.AccountID() {
		t.Fatalf("SDK account id %q", w.Config.AccountID)
	}
	_, err = w.ServicePrincipalSecretsProxy.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: "1001"})
	must(t, err)
	a, err := databricks.NewAccountClient(&databricks.Config{Host: srv.URL, Token: e.Token(), AuthType: "pat", RetryTimeoutSeconds: 5})
	must(t, err)
	_, err = a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: "1001"})
	wantErrMsg(t, err, apierr.ErrNotFound, "workspace host")
}

func TestVariantUnknownValuesPanic(t *testing.T) {
	t.Parallel()
	for _, v := range []emulator.Variants{{AbsoluteLifetime: "sometimes"}, {DefaultApps: "all"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%+v) did not panic", v)
				}
			}()
			emulator.New(emulator.Options{Variants: v})
		}()
	}
}
