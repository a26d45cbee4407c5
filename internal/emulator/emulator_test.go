package emulator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/config"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

func TestWellKnownMetadata(t *testing.T) {
	t.Parallel()
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	status, m := func() (int, map[string]any) { // no token: the endpoint is unauthenticated
		s, b := do(t, srv, "", http.MethodGet, "/.well-known/databricks-config", "")
		var m map[string]any
		must(t, json.Unmarshal(b, &m))
		return s, m
	}()
	if status != 200 || m["host_type"] != "account" || m["account_id"] != e.AccountID() ||
		m["oidc_endpoint"] != srv.URL+"/oidc/accounts/"+e.AccountID() {
		t.Fatalf("account metadata: %d %v", status, m)
	}

	// The SDK back-fills account_id from it and reports an account host.
	a, err := databricks.NewAccountClient(&databricks.Config{Host: srv.URL, Token: e.Token(), AuthType: "pat", RetryTimeoutSeconds: 5})
	must(t, err)
	if a.Config.AccountID != e.AccountID() || a.Config.ConfigType() != config.AccountConfig {
		t.Fatalf("resolved account %q config type %v", a.Config.AccountID, a.Config.ConfigType())
	}

	_, wsrv := emulator.NewTestServer(t, emulator.Options{HostType: "workspace", WorkspaceID: "42"})
	_, b := do(t, wsrv, "", http.MethodGet, "/.well-known/databricks-config", "")
	m = map[string]any{}
	must(t, json.Unmarshal(b, &m))
	if m["host_type"] != "workspace" || m["workspace_id"] != "42" {
		t.Fatalf("workspace metadata: %v", m)
	}
	wantNoKeys(t, m, "account_id")

	_, nsrv := emulator.NewTestServer(t, emulator.Options{HostType: "none"})
	if s, _ := do(t, nsrv, "", http.MethodGet, "/.well-known/databricks-config", ""); s != 404 {
		t.Fatalf("none: %d", s)
	}
	// With no metadata the SDK still works, given an explicit account id.
	na := mustAccount(t, nsrv.URL, emulator.New(emulator.Options{}))
	_, err = na.CustomAppIntegration.ListAll(context.Background(), oauth2.ListCustomAppIntegrationsRequest{})
	must(t, err)
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e, srv, _ := newAccount(t, emulator.Options{Token: "secret-token"})
	path := "/api/2.0/accounts/" + e.AccountID() + "/oauth2/custom-app-integrations"
	for _, tok := range []string{"", "wrong"} {
		s, b := do(t, srv, tok, http.MethodGet, path, "")
		var m map[string]any
		must(t, json.Unmarshal(b, &m))
		wantAPIError(t, s, m, 401, "UNAUTHENTICATED")
	}
	bad, err := databricks.NewAccountClient(accountConfig(srv.URL, e.AccountID(), "wrong"))
	must(t, err)
	_, err = bad.CustomAppIntegration.ListAll(context.Background(), oauth2.ListCustomAppIntegrationsRequest{})
	wantErr(t, err, apierr.ErrUnauthenticated)
	// Admin endpoints need the token too.
	if s, _ := do(t, srv, "", http.MethodGet, "/_emulator/requests", ""); s != 401 {
		t.Fatalf("admin without token: %d", s)
	}
	// Rejected requests are logged with their status.
	reqs := e.Requests()
	if last := reqs[len(reqs)-1]; last.Status != 401 || last.Header.Get("Authorization") != "REDACTED" {
		t.Fatalf("last logged: %+v", last)
	}
}

func TestAccountMismatchAndRouting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, _ := newAccount(t, emulator.Options{})
	other, err := databricks.NewAccountClient(accountConfig(srv.URL, "another-account", e.Token()))
	must(t, err)
	_, err = other.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{})
	wantErrMsg(t, err, apierr.ErrNotFound, "another-account")

	s, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts//federationPolicies?", "")
	wantAPIError(t, s, m, 404, "RESOURCE_DOES_NOT_EXIST")
	s, m = doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/nothing-here", "")
	wantAPIError(t, s, m, 404, "ENDPOINT_NOT_FOUND")
	s, m = doJSON(t, srv, http.MethodPut, "/api/2.0/accounts/"+e.AccountID()+"/federationPolicies", "{}")
	wantAPIError(t, s, m, 405, "METHOD_NOT_ALLOWED")
	// Trailing "?" and trailing slash are tolerated.
	s, _ = doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-app-integrations/power-bi?", "")
	if s != 200 {
		t.Fatalf("trailing ?: %d", s)
	}
	s, _ = doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps/", "")
	if s != 200 {
		t.Fatalf("trailing /: %d", s)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{PageSize: 2})
	base := "/api/2.0/accounts/" + e.AccountID() + "/oauth2/custom-app-integrations"
	var ids []string
	for i := range 5 {
		c, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: fmt.Sprintf("app-%d", i)})
		must(t, err)
		ids = append(ids, c.IntegrationId)
	}
	all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	must(t, err)
	if len(all) != 5 {
		t.Fatalf("ListAll: %d", len(all))
	}
	for i, app := range all {
		if app.IntegrationId != ids[i] {
			t.Fatalf("order at %d", i)
		}
	}
	// The SDK issued 3 pages: 2+2+1, the last without next_page_token.
	var pages int
	for _, r := range e.Requests() {
		if r.Method == http.MethodGet && r.Path == base {
			pages++
		}
	}
	if pages != 3 {
		t.Fatalf("pages fetched: %d", pages)
	}

	_, m := doJSON(t, srv, http.MethodGet, base+"?page_size=1", "")
	tok, _ := m["next_page_token"].(string)
	if len(as[[]any](t, m["apps"])) != 1 || tok == "" {
		t.Fatalf("page 1: %v", m)
	}
	// Deleting an item already served does not shift later pages.
	must(t, a.CustomAppIntegration.DeleteByIntegrationId(ctx, ids[0]))
	_, m = doJSON(t, srv, http.MethodGet, base+"?page_size=1&page_token="+tok, "")
	if got := as[map[string]any](t, as[[]any](t, m["apps"])[0])["integration_id"]; got != ids[1] {
		t.Fatalf("page 2 starts at %v, want %s", got, ids[1])
	}
	// Following tokens ends on a page without next_page_token (page_size 10 is clamped to 2).
	for n, next := 0, ""; ; n++ {
		_, m = doJSON(t, srv, http.MethodGet, base+"?page_size=10&page_token="+next, "")
		if len(as[[]any](t, m["apps"])) > 2 || n > 3 {
			t.Fatalf("page %d: %v", n, m)
		}
		var ok bool
		if next, ok = m["next_page_token"].(string); !ok {
			break
		}
	}

	for _, q := range []string{"page_token=garbage", "page_token=" + tok + "x", "page_size=-1", "page_size=abc"} {
		s, m := doJSON(t, srv, http.MethodGet, base+"?"+q, "")
		wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
	}
	// A token from one list is rejected by another.
	s, m := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/federationPolicies?page_token="+tok, "")
	wantAPIError(t, s, m, 400, "INVALID_PARAMETER_VALUE")
	_, err = a.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{PageToken: "nope"})
	wantErr(t, err, apierr.ErrInvalidParameterValue)
	// Empty lists: no items key trouble, no token.
	s, m = doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/federationPolicies?", "")
	if s != 200 || len(m) != 0 {
		t.Fatalf("empty list: %d %v", s, m)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _, a := newAccount(t, emulator.Options{})
	e.ResetLog()
	_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "p", Policy: accountPolicy("https://idp.example")})
	must(t, err)
	_, err = a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: "p",
		UpdateMask: "description,oidc_policy.issuer", Policy: accountPolicy("https://idp2.example")})
	must(t, err)
	_, err = a.FederationPolicy.GetByPolicyId(ctx, "missing")
	wantErr(t, err, apierr.ErrNotFound)

	reqs := e.Requests()
	if len(reqs) != 3 {
		t.Fatalf("log: %+v", reqs)
	}
	if reqs[0].Method != "POST" || reqs[0].Query.Get("policy_id") != "p" || !strings.Contains(string(reqs[0].Body), "idp.example") ||
		reqs[0].Status != 200 || reqs[0].Time.IsZero() {
		t.Fatalf("create logged as %+v", reqs[0])
	}
	// %2C in the wire query is decoded.
	if reqs[1].Query.Get("update_mask") != "description,oidc_policy.issuer" {
		t.Fatalf("update_mask %q", reqs[1].Query.Get("update_mask"))
	}
	if reqs[2].Status != 404 {
		t.Fatalf("404 logged as %d", reqs[2].Status)
	}
	if m := e.MutatingRequests(); len(m) != 2 || m[1].Method != "PATCH" {
		t.Fatalf("mutating: %+v", m)
	}
	// Returned entries are copies.
	reqs[0].Body[0] = 'X'
	if e.Requests()[0].Body[0] == 'X' {
		t.Fatal("Requests must copy")
	}
	e.ResetLog()
	if len(e.Requests()) != 0 {
		t.Fatal("ResetLog")
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{})
	list := func() error {
		_, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
		return err
	}

	t.Run("times", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Method: "GET", PathPattern: "/published-app-integrations$", Times: 2, Status: 500})
		wantErr(t, list(), apierr.ErrInternalError)
		wantErr(t, list(), apierr.ErrInternalError)
		must(t, list())
	})
	t.Run("method and path filter", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Method: "DELETE", Status: 500})
		e.InjectFault(emulator.Fault{PathPattern: "federationPolicies", Status: 500})
		must(t, list())
		e.ClearFaults()
		must(t, list())
	})
	t.Run("forever", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Times: -1, Status: 403, ErrorCode: "PERMISSION_DENIED"})
		for range 3 {
			wantErr(t, list(), apierr.ErrPermissionDenied)
		}
		e.ClearFaults()
		must(t, list())
	})
	t.Run("retried 503", func(t *testing.T) {
		e.ResetLog()
		e.InjectFault(emulator.Fault{Status: 503, RetryAfter: "1"})
		must(t, list()) // the SDK retries 503 once and succeeds
		reqs := e.Requests()
		if len(reqs) != 2 || reqs[0].Status != 503 || reqs[1].Status != 200 {
			t.Fatalf("log: %+v", reqs)
		}
	})
	t.Run("retry-after and code on the wire", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Status: 429, RetryAfter: "7"})
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/2.0/accounts/"+e.AccountID()+"/oauth2/published-apps", nil)
		req.Header.Set("Authorization", "Bearer "+e.Token())
		resp, err := srv.Client().Do(req)
		must(t, err)
		defer resp.Body.Close()
		var m map[string]any
		must(t, json.NewDecoder(resp.Body).Decode(&m))
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" || m["error_code"] != "TOO_MANY_REQUESTS" {
			t.Fatalf("429: %d %v %v", resp.StatusCode, resp.Header, m)
		}
	})
	t.Run("apply first", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Method: "POST", PathPattern: "custom-app-integrations$", Status: 500, ApplyFirst: true})
		_, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "ghost"})
		wantErr(t, err, apierr.ErrInternalError)
		apps := e.CustomApps()
		if len(apps) != 1 || apps[0].Name != "ghost" {
			t.Fatalf("ApplyFirst must store the app: %+v", apps)
		}
	})
	t.Run("raw bodies", func(t *testing.T) {
		id := e.CustomApps()[0].IntegrationID
		e.InjectFault(emulator.Fault{Status: 200, RawBody: "<html><body>Gateway</body></html>"})
		_, err := a.CustomAppIntegration.GetByIntegrationId(ctx, id)
		if err == nil {
			t.Fatal("HTML body must fail")
		}
		e.InjectFault(emulator.Fault{RawBody: `{"apps":[{"integration_id":`, ContentType: "application/json"})
		_, err = a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
		if err == nil {
			t.Fatal("truncated JSON must fail")
		}
		e.InjectFault(emulator.Fault{EmptyBody: true, ContentType: "application/json"})
		got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, id)
		must(t, err) // the SDK accepts an empty 2xx body
		if got.IntegrationId != "" {
			t.Fatalf("empty body decoded as %+v", got)
		}
		e.InjectFault(emulator.Fault{Method: "DELETE", RawBody: "<html>oops</html>", Status: 502, ApplyFirst: true})
		err = a.CustomAppIntegration.DeleteByIntegrationId(ctx, id)
		if err == nil {
			t.Fatal("502 must fail")
		}
		if _, ok := e.CustomApp(id); ok {
			t.Fatal("ApplyFirst delete must have deleted")
		}
	})
	t.Run("latency", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Latency: 150 * time.Millisecond})
		start := time.Now()
		must(t, list())
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Fatalf("latency fault took %v", d)
		}
		e.SetLatency(50*time.Millisecond, 60*time.Millisecond)
		start = time.Now()
		must(t, list())
		if d := time.Since(start); d < 50*time.Millisecond {
			t.Fatalf("SetLatency took %v", d)
		}
		e.SetLatency(0, 0)
	})
	t.Run("random failure", func(t *testing.T) {
		e.SetRandomFailure(1, 500)
		wantErr(t, list(), apierr.ErrInternalError)
		_, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "never"})
		wantErr(t, err, apierr.ErrInternalError)
		for _, app := range e.CustomApps() {
			if app.Name == "never" {
				t.Fatal("random failures must not apply the request")
			}
		}
		e.SetRandomFailure(0, 0)
		must(t, list())
	})
	t.Run("any-path faults skip well-known", func(t *testing.T) {
		e.InjectFault(emulator.Fault{Status: 500})
		fresh := mustAccount(t, srv.URL, e) // its metadata lookup must not eat the fault
		_, err := fresh.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
		wantErr(t, err, apierr.ErrInternalError)
	})
}

func TestAdminSurface(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, a := newAccount(t, emulator.Options{})
	post := func(path, body string) int {
		s, b := do(t, srv, e.Token(), http.MethodPost, path, body)
		if s != 200 {
			t.Logf("%s: %s", path, b)
		}
		return s
	}
	created, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "x", Scopes: []string{"sql"}})
	must(t, err)

	// Request log as JSON; admin calls are not logged.
	s, b := do(t, srv, e.Token(), http.MethodGet, "/_emulator/requests", "")
	var log []map[string]any
	must(t, json.Unmarshal(b, &log))
	if s != 200 || len(log) == 0 || log[len(log)-1]["method"] != "POST" || !strings.Contains(as[string](t, log[len(log)-1]["body"]), `"name":"x"`) {
		t.Fatalf("requests: %d %s", s, b)
	}
	if post("/_emulator/reset-log", "") != 200 || len(e.Requests()) != 0 {
		t.Fatal("reset-log")
	}

	// Faults with Go-style and snake_case keys, durations as strings.
	if post("/_emulator/faults", `{"Method":"GET","path_pattern":"custom-app-integrations/","Status":500,"times":1,"latency":"10ms"}`) != 200 {
		t.Fatal("fault")
	}
	_, err = a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	wantErr(t, err, apierr.ErrInternalError)
	if post("/_emulator/faults", `{"Bogus":1}`) != 400 || post("/_emulator/faults", `{"PathPattern":"("}`) != 400 {
		t.Fatal("bad faults must be rejected")
	}
	if post("/_emulator/latency?min=1ms&max=2ms", "") != 200 || post("/_emulator/latency?min=x", "") != 400 {
		t.Fatal("latency")
	}
	if post("/_emulator/random-failure?rate=0", "") != 200 {
		t.Fatal("random-failure")
	}
	s, _ = do(t, srv, e.Token(), http.MethodDelete, "/_emulator/faults", "")
	if s != 200 {
		t.Fatal("clear faults")
	}

	// Out-of-band changes to a custom app.
	s, b = do(t, srv, e.Token(), http.MethodPatch, "/_emulator/custom-app-integrations/"+created.IntegrationId,
		`{"token_access_policy":{"access_token_ttl_in_minutes":7},"redirect_urls":["https://drift.example"],"scopes":["all-apis"]}`)
	if s != 200 {
		t.Fatalf("admin patch: %d %s", s, b)
	}
	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	must(t, err)
	if got.TokenAccessPolicy.AccessTokenTtlInMinutes != 7 || got.RedirectUrls[0] != "https://drift.example" || got.Scopes[0] != "all-apis" {
		t.Fatalf("drift: %+v", got)
	}
	if s, _ := do(t, srv, e.Token(), http.MethodPatch, "/_emulator/custom-app-integrations/nope", `{}`); s != 404 {
		t.Fatal("patch missing")
	}
	if s, _ := do(t, srv, e.Token(), http.MethodDelete, "/_emulator/custom-app-integrations/"+created.IntegrationId, ""); s != 200 {
		t.Fatal("admin delete")
	}
	_, err = a.CustomAppIntegration.GetByIntegrationId(ctx, created.IntegrationId)
	wantErr(t, err, apierr.ErrNotFound)

	// Bulk seed.
	if post("/_emulator/seed/custom-app-integrations?count=250", "") != 200 {
		t.Fatal("seed")
	}
	all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	must(t, err)
	if len(all) != 250 {
		t.Fatalf("seeded %d", len(all))
	}
	s, b = do(t, srv, e.Token(), http.MethodGet, "/_emulator/state", "")
	if s != 200 || !strings.Contains(string(b), `"custom_app_integrations":250`) {
		t.Fatalf("state: %s", b)
	}
	// Other out-of-band deletes and service principals.
	if post("/_emulator/service-principals?id=77", "") != 200 {
		t.Fatal("add sp")
	}
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "77"})
	must(t, err)
	sec := e.Secrets(77)[0].ID
	if s, _ := do(t, srv, e.Token(), http.MethodDelete, "/_emulator/service-principals/77/secrets/"+sec, ""); s != 200 || len(e.Secrets(77)) != 0 {
		t.Fatal("admin secret delete")
	}
	if s, _ := do(t, srv, e.Token(), http.MethodDelete, "/_emulator/published-app-integrations/power-bi", ""); s != 200 {
		t.Fatal("admin published delete")
	}
	if s, _ := do(t, srv, e.Token(), http.MethodGet, "/_emulator/nope", ""); s != 404 {
		t.Fatal("unknown admin path")
	}
	for _, r := range e.Requests() {
		if strings.HasPrefix(r.Path, "/_emulator/") {
			t.Fatal("admin call logged")
		}
	}
}

// Many clients creating, listing and deleting at once (run with -race).
func TestConcurrency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv, _ := newAccount(t, emulator.Options{PageSize: 3})
	const workers, rounds = 12, 8
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*8)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := mustAccountNoT(srv.URL, e)
			sp := int64(5000 + w)
			e.AddServicePrincipal(sp)
			for i := range rounds {
				app, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: fmt.Sprintf("w%d-%d", w, i),
					Scopes: []string{"sql"}, RedirectUrls: []string{"https://x.example"}})
				if err != nil {
					errs <- err
					continue
				}
				if _, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{}); err != nil {
					errs <- err
				}
				if err := a.CustomAppIntegration.Update(ctx, oauth2.UpdateCustomAppIntegration{IntegrationId: app.IntegrationId,
					Scopes: []string{"sql", "offline_access"}}); err != nil {
					errs <- err
				}
				e.UpdateCustomApp(app.IntegrationId, func(c *emulator.CustomApp) { c.RedirectURLs = append(c.RedirectURLs, "https://y.example") })
				_ = e.CustomApps()
				pid := fmt.Sprintf("w%d-p%d", w, i)
				if _, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
					ServicePrincipalId: sp, PolicyId: pid, Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{
						Issuer: "https://idp.example", Subject: "s"}}}); err != nil {
					errs <- err
				}
				sec, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp)})
				if err != nil {
					errs <- err
					continue
				}
				if _, err := a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: fmt.Sprint(sp)}); err != nil {
					errs <- err
				}
				for _, err := range []error{
					a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp), SecretId: sec.Id}),
					a.ServicePrincipalFederationPolicy.DeleteByServicePrincipalIdAndPolicyId(ctx, sp, pid),
					a.CustomAppIntegration.DeleteByIntegrationId(ctx, app.IntegrationId),
				} {
					if err != nil {
						errs <- err
					}
				}
				_ = e.Requests()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(e.CustomApps()); n != 0 {
		t.Fatalf("%d apps left", n)
	}
	var posts int
	for _, r := range e.MutatingRequests() {
		if r.Method == http.MethodPost && r.Status == 200 {
			posts++
		}
	}
	if posts != workers*rounds*3 {
		t.Fatalf("successful POSTs %d, want %d", posts, workers*rounds*3)
	}
}

func mustAccountNoT(host string, e *emulator.Emulator) *databricks.AccountClient {
	a, err := databricks.NewAccountClient(accountConfig(host, e.AccountID(), e.Token()))
	if err != nil {
		panic(err)
	}
	return a
}

func TestFakeClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c := emulator.NewFakeClock(start)
	c.Advance(time.Hour)
	if !c.Now().Equal(start.Add(time.Hour)) {
		t.Fatal("Advance")
	}
	c.Set(start)
	if !c.Now().Equal(start) {
		t.Fatal("Set")
	}
}
