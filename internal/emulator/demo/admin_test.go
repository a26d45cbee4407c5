package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The admin subcommand changes an object behind the API (as the demo's drift does),
// reads one field of an answer, and fails on an error answer.
func TestAdmin(t *testing.T) {
	t.Parallel()
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	e.PutCustomApp(emulator.CustomApp{IntegrationID: "app-1", ClientID: "app-1", Name: "bi", Scopes: []string{"all-apis"},
		TokenAccessPolicy: &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 60, RefreshTokenTTLInMinutes: 10080}})
	admin := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := adminMain(append([]string{"-url", srv.URL, "-token", e.Token()}, args...), &out, &errOut)
		return code, strings.TrimSpace(out.String()), errOut.String()
	}

	if code, _, errOut := admin("PATCH", "/_emulator/custom-app-integrations/app-1", `{"token_access_policy":{"access_token_ttl_in_minutes":15,"refresh_token_ttl_in_minutes":10080}}`); code != 0 {
		t.Fatalf("PATCH: exit %d: %s", code, errOut)
	}
	if app, _ := e.CustomApp("app-1"); app.TokenAccessPolicy == nil || app.TokenAccessPolicy.AccessTokenTTLInMinutes != 15 {
		t.Errorf("the PATCH did not change the app: %+v", app.TokenAccessPolicy)
	}
	if code, out, errOut := admin("-field", "custom_app_integrations", "GET", "/_emulator/state"); code != 0 || out != "1" {
		t.Errorf("state field: exit %d, %q, %s", code, out, errOut)
	}
	if code, out, _ := admin("get", "/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations/app-1"); code != 0 || !strings.Contains(out, `"name":"bi"`) {
		t.Errorf("GET of the API: exit %d, %q", code, out)
	}
	if code, out, _ := admin("-field", "name", "GET", "/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations/app-1"); code != 0 || out != "bi" {
		t.Errorf("string field: exit %d, %q", code, out)
	}
	if code, _, errOut := admin("DELETE", "/_emulator/custom-app-integrations/missing"); code != 1 || !strings.Contains(errOut, "404") {
		t.Errorf("DELETE of a missing app: exit %d, %s", code, errOut)
	}
	if code, _, errOut := admin("-field", "nope", "GET", "/_emulator/state"); code != 1 || !strings.Contains(errOut, "no field nope") {
		t.Errorf("missing field: exit %d, %s", code, errOut)
	}
	if code, _, _ := admin("GET"); code != 2 {
		t.Errorf("missing path: exit %d, want 2 (usage)", code)
	}
	var errOut bytes.Buffer
	if code := adminMain([]string{"-url", srv.URL, "-token", "wrong", "GET", "/_emulator/state"}, &bytes.Buffer{}, &errOut); code != 1 || !strings.Contains(errOut.String(), "401") {
		t.Errorf("wrong token: exit %d, %s", code, errOut.String())
	}
}
