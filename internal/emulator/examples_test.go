package emulator_test

// One subtest per recorded example (C1-C7, S1-S9, F1-F8, P1, P2): the requests and
// answers of the official Databricks provider's tests (SDK mock fixtures, as JSON on
// the wire) and of the API's documentation, sent in the recorded shape (method, path with the SDK's trailing
// "?", body) over plain HTTP. Examples that form one lifecycle share an
// emulator and run in order. The recorded account ids ("account_id", "xyz",
// "test-account") are used as the emulator's account id. Deviations, where the
// recorded mock data is not server-valid, are noted inline.

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

const customBase = "/api/2.0/accounts/account_id/oauth2/custom-app-integrations"

func TestExamplesCustomApps(t *testing.T) {
	t.Parallel()
	_, srv := emulator.NewTestServer(t, emulator.Options{AccountID: "account_id"})
	var id string

	t.Run("C1", func(t *testing.T) {
		// As recorded it is rejected: refresh TTL 30 < access TTL 60 (the official
		// provider's mock data is not server-valid).
		s, m := doJSON(t, srv, http.MethodPost, customBase,
			`{"name":"custom_integration_name","redirect_urls":["https://example.com"],"scopes":["all"],"token_access_policy":{"access_token_ttl_in_minutes":60,"refresh_token_ttl_in_minutes":30}}`)
		wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
		// With a valid refresh TTL (120). The recorded response carries a
		// client_secret, but the app is not confidential, so the real API (and
		// the emulator) returns none: only a confidential app gets a secret.
		s, m = doJSON(t, srv, http.MethodPost, customBase,
			`{"name":"custom_integration_name","redirect_urls":["https://example.com"],"scopes":["all"],"token_access_policy":{"access_token_ttl_in_minutes":60,"refresh_token_ttl_in_minutes":120}}`)
		if s != 200 {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, m, "client_id", "integration_id")
		wantNoKeys(t, m, "client_secret")
		id = as[string](t, m["integration_id"])
	})
	t.Run("C2", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodGet, customBase+"/"+id+"?", "")
		if s != 200 || m["name"] != "custom_integration_name" || m["integration_id"] != id {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, m, "client_id", "redirect_urls", "scopes", "token_access_policy", "create_time", "created_by", "creator_username")
		wantNoKeys(t, m, "client_secret")
		tap := as[map[string]any](t, m["token_access_policy"])
		if tap["access_token_ttl_in_minutes"] != 60.0 || tap["refresh_token_ttl_in_minutes"] != 120.0 {
			t.Fatalf("policy: %v", tap)
		}
	})
	t.Run("C3", func(t *testing.T) { // valid as recorded (30/30); then C2 shows access TTL 30
		s, m := doJSON(t, srv, http.MethodPatch, customBase+"/"+id,
			`{"redirect_urls":["https://example.com"],"scopes":["all"],"token_access_policy":{"access_token_ttl_in_minutes":30,"refresh_token_ttl_in_minutes":30}}`)
		if s != 200 || len(m) != 0 {
			t.Fatalf("%d %v", s, m)
		}
		_, m = doJSON(t, srv, http.MethodGet, customBase+"/"+id+"?", "")
		if as[map[string]any](t, m["token_access_policy"])["access_token_ttl_in_minutes"] != 30.0 {
			t.Fatalf("after PATCH: %v", m)
		}
	})
	t.Run("C4", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodDelete, customBase+"/"+id+"?", "")
		if s != 200 || len(m) != 0 {
			t.Fatalf("%d %v", s, m)
		}
		s, m = doJSON(t, srv, http.MethodDelete, customBase+"/"+id+"?", "")
		wantAPIError(t, s, m, 404, "RESOURCE_DOES_NOT_EXIST")
	})
	t.Run("C5", func(t *testing.T) { // real Dataiku request, placeholder URL kept verbatim
		s, m := doJSON(t, srv, http.MethodPost, customBase,
			`{"redirect_urls":["http(s)://DSS_BASE_URL/dip/api/oauth2-callback"],"confidential":true,"name":"dataiku","scopes":["sql","offline_access"]}`)
		if s != 200 || m["integration_id"] != m["client_id"] || !strings.HasPrefix(as[string](t, m["client_secret"]), "dose") {
			t.Fatalf("%d %v", s, m)
		}
		_, g := doJSON(t, srv, http.MethodGet, customBase+"/"+as[string](t, m["integration_id"])+"?", "")
		if g["confidential"] != true {
			t.Fatalf("get: %v", g)
		}
		wantNoKeys(t, g, "client_secret")
	})
	t.Run("C6", func(t *testing.T) { // the docs elide the absolute lifetime; their full example uses 43200
		s, m := doJSON(t, srv, http.MethodPost, customBase,
			`{"confidential":true,"name":"Example Tableau Server","redirect_urls":["https://example.online.tableau.com/auth/add_oauth_token"],"scopes":["all-apis","offline_access"],"token_access_policy":{"access_token_ttl_in_minutes":60,"refresh_token_ttl_in_minutes":1440,"enable_single_use_refresh_tokens":true,"absolute_session_lifetime_in_minutes":43200}}`)
		if s != 200 {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, m, "integration_id", "client_id", "client_secret")
		_, g := doJSON(t, srv, http.MethodGet, customBase+"/"+as[string](t, m["integration_id"])+"?", "")
		tap := as[map[string]any](t, g["token_access_policy"])
		if tap["enable_single_use_refresh_tokens"] != true || tap["absolute_session_lifetime_in_minutes"] != 43200.0 {
			t.Fatalf("get: %v", tap)
		}
	})
	t.Run("C7", func(t *testing.T) { // <n>/<m> filled with 120/10080
		path := "/api/2.0/accounts/account_id/oauth2/published-app-integrations/power-bi"
		s, m := doJSON(t, srv, http.MethodPatch, path,
			`{"token_access_policy":{"access_token_ttl_in_minutes":120,"refresh_token_ttl_in_minutes":10080}}`)
		if s != 200 || len(m) != 0 {
			t.Fatalf("%d %v", s, m)
		}
		_, g := doJSON(t, srv, http.MethodGet, path+"?", "")
		if g["app_id"] != "power-bi" || g["integration_id"] != "power-bi" ||
			as[map[string]any](t, g["token_access_policy"])["access_token_ttl_in_minutes"] != 120.0 {
			t.Fatalf("get: %v", g)
		}
	})
}

func TestExamplesSecrets(t *testing.T) {
	t.Parallel()
	clock := emulator.NewFakeClock(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC))
	e, srv := emulator.NewTestServer(t, emulator.Options{AccountID: "xyz", Clock: clock})
	e.AddServicePrincipal(123)
	base := "/api/2.0/accounts/xyz/servicePrincipals/123/credentials/secrets"
	var id, other string

	t.Run("S1", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodPost, base, `{"lifetime":"20s"}`)
		if s != 200 || m["status"] != "ACTIVE" || m["create_time"] != "2024-05-06T07:08:09.000Z" ||
			m["update_time"] != m["create_time"] || m["expire_time"] != "2024-05-06T07:08:29.000Z" {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, m, "secret", "id", "secret_hash")
		id = as[string](t, m["id"])
	})
	t.Run("S2", func(t *testing.T) { // list items are SecretInfo, without the value
		s, m := doJSON(t, srv, http.MethodGet, base+"?", "")
		items := as[[]any](t, m["secrets"])
		if s != 200 || len(items) != 1 || as[map[string]any](t, items[0])["id"] != id || as[map[string]any](t, items[0])["status"] != "ACTIVE" {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, as[map[string]any](t, items[0]), "secret_hash")
		wantNoKeys(t, as[map[string]any](t, items[0]), "secret")
		wantNoKeys(t, m, "next_page_token")
	})
	t.Run("S3", func(t *testing.T) { // the secret is gone (deleted elsewhere), another one exists
		e.DeleteSecret(123, id)
		_, m := doJSON(t, srv, http.MethodPost, base, `{}`)
		other = as[string](t, m["id"])
		_, m = doJSON(t, srv, http.MethodGet, base+"?", "")
		items := as[[]any](t, m["secrets"])
		if len(items) != 1 || as[map[string]any](t, items[0])["id"] != other {
			t.Fatalf("%v", m)
		}
	})
	t.Run("S4", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodDelete, base+"/"+other+"?", "")
		if s != 200 || len(m) != 0 {
			t.Fatalf("%d %v", s, m)
		}
		// And a 20 s secret like S1's stops being listed 20 s later.
		_, _ = doJSON(t, srv, http.MethodPost, base, `{"lifetime":"20s"}`)
		clock.Advance(20 * time.Second)
		_, m = doJSON(t, srv, http.MethodGet, base+"?", "")
		if _, ok := m["secrets"]; ok {
			t.Fatalf("expired secret listed: %v", m)
		}
	})

	t.Run("S5-S7", func(t *testing.T) { // workspace proxy paths on a workspace host
		w, wsrv := emulator.NewTestServer(t, emulator.Options{HostType: emulator.HostTypeWorkspace})
		w.AddServicePrincipal(123)
		proxy := "/api/2.0/accounts/servicePrincipals/123/credentials/secrets"
		var pid string
		t.Run("S5", func(t *testing.T) {
			s, m := doJSON(t, wsrv, http.MethodPost, proxy, `{"lifetime":"30s"}`)
			if s != 200 || m["status"] != "ACTIVE" {
				t.Fatalf("%d %v", s, m)
			}
			wantKeys(t, m, "secret", "id", "expire_time", "create_time", "update_time", "secret_hash")
			pid = as[string](t, m["id"])
		})
		t.Run("S6", func(t *testing.T) {
			s, m := doJSON(t, wsrv, http.MethodGet, proxy+"?", "")
			if s != 200 || as[map[string]any](t, as[[]any](t, m["secrets"])[0])["id"] != pid {
				t.Fatalf("%d %v", s, m)
			}
		})
		t.Run("S7", func(t *testing.T) {
			s, m := doJSON(t, wsrv, http.MethodDelete, proxy+"/"+pid+"?", "")
			if s != 200 || len(m) != 0 {
				t.Fatalf("%d %v", s, m)
			}
		})
	})

	// The pre-SDK provider found a new secret by diffing lists. The recorded SP
	// id "abc" is not a numeric SCIM id (the emulator answers 400), so 123 is used.
	t.Run("S8", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/xyz/servicePrincipals/abc/credentials/secrets", "")
		wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
		_, _ = doJSON(t, srv, http.MethodPost, base, "")
		_, before := doJSON(t, srv, http.MethodGet, base, "")
		s, created := doJSON(t, srv, http.MethodPost, base, "") // no body at all
		if s != 200 || created["secret"] == "" {
			t.Fatalf("POST: %d %v", s, created)
		}
		_, after := doJSON(t, srv, http.MethodGet, base, "")
		if len(as[[]any](t, after["secrets"])) != len(as[[]any](t, before["secrets"]))+1 ||
			as[map[string]any](t, as[[]any](t, after["secrets"])[1])["id"] != created["id"] {
			t.Fatalf("diff: %v -> %v", before, after)
		}
	})

	t.Run("S9", func(t *testing.T) {
		clock.Set(time.Date(2023, 1, 1, 19, 30, 41, 0, time.UTC))
		s, m := doJSON(t, srv, http.MethodPost, base, `{"lifetime":"31536000s"}`)
		if s != 200 || m["create_time"] != "2023-01-01T19:30:41.000Z" || m["update_time"] != "2023-01-01T19:30:41.000Z" ||
			m["expire_time"] != "2024-01-01T19:30:41.000Z" || m["status"] != "ACTIVE" || len(as[string](t, m["id"])) != 64 {
			t.Fatalf("%d %v", s, m)
		}
	})
}

func TestExamplesFederation(t *testing.T) {
	t.Parallel()
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	acc := e.AccountID()
	base := "/api/2.0/accounts/" + acc + "/federationPolicies"
	var uid string

	t.Run("F1", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodPost, base+"?policy_id=my-policy",
			`{"policy_id":"my-policy","oidc_policy":{"issuer":"https://myidp.example.com","subject_claim":"sub"}}`)
		if s != 200 || m["name"] != "accounts/"+acc+"/federationPolicies/my-policy" || m["policy_id"] != "my-policy" ||
			!uuidRe.MatchString(as[string](t, m["uid"])) || as[map[string]any](t, m["oidc_policy"])["issuer"] != "https://myidp.example.com" {
			t.Fatalf("%d %v", s, m)
		}
		wantKeys(t, m, "create_time", "update_time")
		uid = as[string](t, m["uid"])
	})
	t.Run("F2", func(t *testing.T) { // the official provider: fixed mask, full plan incl. output-only fields
		s, m := doJSON(t, srv, http.MethodPatch, base+"/my-policy?update_mask=description%2Coidc_policy",
			`{"name":"accounts/`+acc+`/federationPolicies/my-policy","policy_id":"my-policy","uid":"`+uid+`",
			  "create_time":"2020-01-01T00:00:00Z","update_time":"2020-01-01T00:00:00Z",
			  "description":"updated","oidc_policy":{"issuer":"https://myidp.example.com","audiences":["databricks"]}}`)
		if s != 200 || m["description"] != "updated" || m["uid"] != uid || m["create_time"] == "2020-01-01T00:00:00Z" {
			t.Fatalf("%d %v", s, m)
		}
		o := as[map[string]any](t, m["oidc_policy"])
		if as[[]any](t, o["audiences"])[0] != "databricks" {
			t.Fatalf("oidc: %v", o)
		}
		wantNoKeys(t, o, "subject_claim") // inside the mask, absent from the body: cleared
	})
	t.Run("F3", func(t *testing.T) { // GitHub Actions, server-assigned policy_id
		s, m := doJSON(t, srv, http.MethodPost, "/api/2.0/accounts/"+acc+"/servicePrincipals/1001/federationPolicies",
			`{"oidc_policy":{"issuer":"https://token.actions.githubusercontent.com","audiences":["https://github.com/databricks-eng"],"subject":"repo:databricks-eng/eng-dev-ecosystem:environment:integration-tests"}}`)
		if s != 200 || m["policy_id"] == "" || m["service_principal_id"] != 1001.0 ||
			m["name"] != fmt.Sprintf("accounts/%s/servicePrincipals/1001/federationPolicies/%s", acc, m["policy_id"]) {
			t.Fatalf("%d %v", s, m)
		}
	})
	t.Run("F4", func(t *testing.T) { // Azure DevOps; placeholders replaced by plausible values
		s, m := doJSON(t, srv, http.MethodPost, "/api/2.0/accounts/"+acc+"/servicePrincipals/1001/federationPolicies",
			`{"oidc_policy":{"issuer":"https://vstoken.dev.azure.com/0f9b2d9e-1c43-4c1e-9a53-2f8d3b7c1a11","audiences":["api://AzureADTokenExchange"],"subject":"p://contoso/data/deploy-pipeline"}}`)
		if s != 200 || as[map[string]any](t, m["oidc_policy"])["subject"] != "p://contoso/data/deploy-pipeline" {
			t.Fatalf("%d %v", s, m)
		}
	})

	t.Run("F5-F6", func(t *testing.T) {
		te, tsrv := emulator.NewTestServer(t, emulator.Options{AccountID: "test-account"})
		te.AddServicePrincipal(123)
		for _, id := range []string{"policy-1", "policy-2"} {
			if s, m := doJSON(t, tsrv, http.MethodPost, "/api/2.0/accounts/test-account/federationPolicies?policy_id="+id,
				`{"oidc_policy":{"issuer":"https://idp.example"}}`); s != 200 {
				t.Fatalf("setup: %v", m)
			}
		}
		if s, m := doJSON(t, tsrv, http.MethodPost, "/api/2.0/accounts/test-account/servicePrincipals/123/federationPolicies?policy_id=policy-1",
			`{"oidc_policy":{"issuer":"https://idp.example","subject":"s"}}`); s != 200 {
			t.Fatalf("setup: %v", m)
		}
		t.Run("F5", func(t *testing.T) {
			_, m := doJSON(t, tsrv, http.MethodGet, "/api/2.0/accounts/test-account/federationPolicies?", "")
			ps := as[[]any](t, m["policies"])
			if len(ps) != 2 {
				t.Fatalf("%v", m)
			}
			for i, p := range ps {
				id := fmt.Sprintf("policy-%d", i+1)
				if as[map[string]any](t, p)["policy_id"] != id || as[map[string]any](t, p)["name"] != "accounts/test-account/federationPolicies/"+id {
					t.Fatalf("item: %v", p)
				}
			}
		})
		t.Run("F6", func(t *testing.T) {
			_, m := doJSON(t, tsrv, http.MethodGet, "/api/2.0/accounts/test-account/servicePrincipals/123/federationPolicies?", "")
			ps := as[[]any](t, m["policies"])
			if len(ps) != 1 || as[map[string]any](t, ps[0])["name"] != "accounts/test-account/servicePrincipals/123/federationPolicies/policy-1" {
				t.Fatalf("%v", m)
			}
		})
	})

	t.Run("F7", func(t *testing.T) {
		s, m := doJSON(t, srv, http.MethodDelete, base+"/my-policy?", "")
		if s != 200 || len(m) != 0 {
			t.Fatalf("%d %v", s, m)
		}
	})
	t.Run("F8", func(t *testing.T) {
		// 93 characters from the valid charset: rejected for its length alone.
		id := (strings.Repeat("github-actions-deploy-", 4) + "prod-east")[:93]
		s, m := doJSON(t, srv, http.MethodPost, "/api/2.0/accounts/"+acc+"/servicePrincipals/1001/federationPolicies?policy_id="+id,
			`{"oidc_policy":{"issuer":"https://token.actions.githubusercontent.com","subject":"repo:o/r:ref:refs/heads/main"}}`)
		wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
		if want := "Invalid federation policy id: '" + id + "'. Must contain only 0-9, a-z, and hyphen."; m["message"] != want {
			t.Fatalf("message %q, want %q", m["message"], want)
		}
	})
}

func TestExamplesPublished(t *testing.T) {
	t.Parallel()
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	t.Run("P1", func(t *testing.T) {
		// page_size=1 so that, as in the recorded response, next_page_token is present.
		s, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps?page_size=1", "")
		if s != 200 || m["next_page_token"] == "" {
			t.Fatalf("%d %v", s, m)
		}
		app := as[map[string]any](t, as[[]any](t, m["apps"])[0])
		if app["app_id"] != "databricks-cli" || app["client_id"] != "databricks-cli" || app["name"] != "Databricks CLI" ||
			app["is_confidential_client"] != false {
			t.Fatalf("app: %v", app)
		}
		wantKeys(t, app, "description", "redirect_urls", "scopes")
		// The whole catalog fits the default page: no token.
		_, m = doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps?", "")
		wantNoKeys(t, m, "next_page_token")
	})
	t.Run("P2", func(t *testing.T) {
		path := "/api/2.0/accounts/" + e.AccountID() + "/oauth2/published-app-integrations"
		// tableau-desktop is enabled by default, so the recorded request conflicts first.
		s, m := doJSON(t, srv, http.MethodPost, path, `{"app_id":"tableau-desktop"}`)
		wantAPIError(t, s, m, 409, "RESOURCE_ALREADY_EXISTS")
		e.DeletePublishedIntegration("tableau-desktop")
		s, m = doJSON(t, srv, http.MethodPost, path, `{"app_id":"tableau-desktop"}`)
		if s != 200 || len(m) != 1 || m["integration_id"] == "" {
			t.Fatalf("%d %v", s, m)
		}
		_, g := doJSON(t, srv, http.MethodGet, path+"/"+as[string](t, m["integration_id"])+"?", "")
		if g["name"] != "Tableau Desktop" || g["app_id"] != "tableau-desktop" {
			t.Fatalf("get: %v", g)
		}
	})
}
