package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// fuzzRoutes are the emulator's endpoints that read a body or query. "{id}" is
// replaced by the fuzzed id, or by an object that exists when that is empty.
var fuzzRoutes = []struct{ method, path, defaultID string }{
	{http.MethodPost, "/api/2.0/accounts/{acc}/oauth2/custom-app-integrations", ""},
	{http.MethodPatch, "/api/2.0/accounts/{acc}/oauth2/custom-app-integrations/{id}", "app-1"},
	{http.MethodGet, "/api/2.0/accounts/{acc}/oauth2/custom-app-integrations", ""},
	{http.MethodPost, "/api/2.0/accounts/{acc}/oauth2/published-app-integrations", ""},
	{http.MethodPatch, "/api/2.0/accounts/{acc}/oauth2/published-app-integrations/{id}", "power-bi"},
	{http.MethodGet, "/api/2.0/accounts/{acc}/oauth2/published-apps", ""},
	{http.MethodPost, "/api/2.0/accounts/{acc}/federationPolicies", ""},
	{http.MethodPatch, "/api/2.0/accounts/{acc}/federationPolicies/{id}", "pol-1"},
	{http.MethodGet, "/api/2.0/accounts/{acc}/federationPolicies", ""},
	{http.MethodPost, "/api/2.0/accounts/{acc}/servicePrincipals/1001/federationPolicies", ""},
	{http.MethodPatch, "/api/2.0/accounts/{acc}/servicePrincipals/1001/federationPolicies/{id}", "pol-2"},
	{http.MethodPost, "/api/2.0/accounts/{acc}/servicePrincipals/{id}/credentials/secrets", "1001"},
	{http.MethodGet, "/api/2.0/accounts/{acc}/servicePrincipals/{id}/credentials/secrets", "1001"},
	{http.MethodDelete, "/api/2.0/accounts/{acc}/servicePrincipals/1001/credentials/secrets/{id}", "x"},
	{http.MethodPost, "/api/2.0/accounts/servicePrincipals/{id}/credentials/secrets", "1002"},
	{http.MethodGet, "/.well-known/databricks-config", ""},
	{http.MethodPost, "/_emulator/faults", ""},
	{http.MethodPatch, "/_emulator/custom-app-integrations/{id}", "app-1"},
	{http.MethodPatch, "/_emulator/published-app-integrations/{id}", "power-bi"},
	{http.MethodPatch, "/_emulator/federation-policies/{id}", "pol-1"},
	{http.MethodPatch, "/_emulator/service-principals/1001/federation-policies/{id}", "pol-2"},
	{http.MethodPatch, "/_emulator/service-principals/1001/secrets/{id}", "x"},
	{http.MethodPost, "/_emulator/latency", ""},
	{http.MethodPost, "/_emulator/random-failure", ""},
	{http.MethodPost, "/_emulator/service-principals", ""},
}

// fuzzEmulator is a seeded emulator holding one object of each kind the routes
// update, created through the API.
func fuzzEmulator(t *testing.T) *emulator.Emulator {
	e := emulator.New(emulator.Options{PageSize: 2})
	e.PutCustomApp(emulator.CustomApp{IntegrationID: "app-1", Name: "app", Scopes: []string{"all-apis"}})
	for path, body := range map[string]string{
		"/api/2.0/accounts/{acc}/federationPolicies?policy_id=pol-1":                        `{"oidc_policy":{"issuer":"https://idp.example.com"}}`,
		"/api/2.0/accounts/{acc}/servicePrincipals/1001/federationPolicies?policy_id=pol-2": `{"oidc_policy":{"issuer":"https://idp.example.com","subject":"s"}}`,
		"/api/2.0/accounts/{acc}/servicePrincipals/1001/credentials/secrets":                `{"lifetime":"3600s"}`,
	} {
		if rec := serveFuzz(e, http.MethodPost, strings.ReplaceAll(path, "{acc}", e.AccountID()), []byte(body)); rec.Code != http.StatusOK {
			t.Fatalf("setup %s: %d %s", path, rec.Code, rec.Body)
		}
	}
	return e
}

// serveFuzz sends one request straight to the handler; target may hold a query.
func serveFuzz(e *emulator.Emulator, method, target string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequestWithContext(context.Background(), method, "/", bytes.NewReader(body))
	path, query, _ := strings.Cut(target, "?")
	r.URL.Path, r.URL.RawQuery = path, query
	r.Header.Set("Authorization", "Bearer "+e.Token())
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, r)
	return rec
}

// Bad input (any body, query or id) is the client's fault: the emulator answers it
// with a 4xx and a Databricks-shaped error, never a 5xx, a panic or a broken body.
func FuzzEmulatorRequestDecoding(f *testing.F) {
	seeds := []struct {
		body, query, id string
	}{
		{`{}`, "", ""},
		{`{"name":"x","confidential":true,"redirect_urls":["https://a"],"scopes":["all-apis"],"token_access_policy":{"access_token_ttl_in_minutes":60}}`, "", ""},
		{`{"redirect_urls":null,"scopes":[],"token_access_policy":{"refresh_token_ttl_in_minutes":-1}}`, "", ""},
		{`{"app_id":"dbt-cloud","token_access_policy":{"enable_single_use_refresh_tokens":true,"absolute_session_lifetime_in_minutes":3}}`, "", ""},
		{`{"oidc_policy":{"issuer":"https://i","audiences":["a"],"subject_claim":"sub","jwks_json":"{}"},"description":"d"}`, "policy_id=tf-1", ""},
		{`{"description":"x"}`, "update_mask=description%2Coidc_policy.issuer", ""},
		{`{"oidc_policy":null}`, "update_mask=%2A", ""},
		{`{"lifetime":"99999999999999999999s"}`, "", ""},
		{`{"lifetime":"1.5s"}`, "", "1001"},
		{`{"policy":{"oidc_policy":{"issuer":"https://i"}}}`, "", ""},
		{`not json`, "page_size=-1&page_token=%ff", "%2F"},
		{`[1,2,3]`, "page_size=99999999999999999999", "../.."},
		{`{"name":1}`, "page_token=AAAA", "9223372036854775808"},
		{`{"method":"GET","path_pattern":"(","times":-1}`, "min=1h&max=x", ""},
		{`{"status":200,"raw_body":"x","latency":"1ns"}`, "rate=2&status=abc", "-1"},
		{"\xff\xfe", "id=0", "\x00"},
		{``, "include_creator_username=true&page_size=1", ""},
	}
	for i, s := range seeds {
		f.Add(uint8(i), []byte(s.body), s.query, s.id)
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte, query, id string) {
		e := fuzzEmulator(t)
		rt := fuzzRoutes[int(route)%len(fuzzRoutes)]
		if id == "" {
			id = rt.defaultID
		}
		target := strings.ReplaceAll(strings.ReplaceAll(rt.path, "{acc}", e.AccountID()), "{id}", id)
		if query != "" {
			target += "?" + query
		}
		rec := serveFuzz(e, rt.method, target, body)
		if rec.Code >= 500 {
			t.Fatalf("%s %s with %q: %d %s", rt.method, target, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var apiErr struct {
				ErrorCode string `json:"error_code"`
				Message   string `json:"message"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &apiErr); err != nil || apiErr.ErrorCode == "" || apiErr.Message == "" {
				t.Fatalf("%s %s: %d with a body that is not a Databricks error: %s", rt.method, target, rec.Code, rec.Body)
			}
		} else if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: %d with invalid JSON: %s", rt.method, target, rec.Code, rec.Body)
		}
	})
}
