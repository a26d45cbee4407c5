package emulator_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// DropConnection closes the connection without an answer; with ApplyFirst the create
// happened anyway.
func TestFault_dropConnectionAfterApply(t *testing.T) {
	e, srv, a := newAccount(t, emulator.Options{})
	e.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: `/custom-app-integrations$`, ApplyFirst: true, DropConnection: true})
	_, err := a.CustomAppIntegration.Create(context.Background(), oauth2.CreateCustomAppIntegration{Name: "dropped"})
	if err == nil || !strings.Contains(err.Error(), "EOF") {
		t.Fatalf("want a network error (EOF), got %v", err)
	}
	if apps := e.CustomApps(); len(apps) != 1 || apps[0].Name != "dropped" {
		t.Fatalf("the create must have been applied: %+v", apps)
	}
	// The next request works: only that connection was dropped.
	if status, _ := doJSON(t, srv, http.MethodGet, "/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations", ""); status != 200 {
		t.Fatalf("list after a dropped connection: %d", status)
	}
	last := e.Requests()
	if got := last[len(last)-2]; got.Method != http.MethodPost || got.Status != 0 {
		t.Fatalf("the dropped request is logged with status %d, want 0", got.Status)
	}
}

// A Hook runs while the request is being served, and may call back into the emulator.
func TestFault_hookRunsDuringTheRequest(t *testing.T) {
	e, _, a := newAccount(t, emulator.Options{})
	var ran atomic.Bool
	e.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: `/custom-app-integrations$`, Hook: func() {
		ran.Store(true)
		e.PutCustomApp(emulator.CustomApp{Name: "meanwhile"})
	}})
	if _, err := a.CustomAppIntegration.Create(context.Background(), oauth2.CreateCustomAppIntegration{Name: "mine"}); err != nil {
		t.Fatal(err)
	}
	if !ran.Load() || len(e.CustomApps()) != 2 {
		t.Fatalf("hook ran: %v; apps: %+v", ran.Load(), e.CustomApps())
	}
}

// IssuedSecrets keeps every value handed out, also after the secret is deleted.
func TestIssuedSecrets(t *testing.T) {
	e, _, a := newAccount(t, emulator.Options{})
	ctx := context.Background()
	s, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1001"})
	must(t, err)
	app, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "c", Confidential: true})
	must(t, err)
	_, err = a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "public"})
	must(t, err)
	must(t, a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: "1001", SecretId: s.Id}))
	got := e.IssuedSecrets()
	if len(got) != 2 || got[0] != s.Secret || got[1] != app.ClientSecret {
		t.Fatalf("IssuedSecrets = %v, want the secret and the confidential app's client secret", got)
	}
}

// The admin surface takes drop_connection too.
func TestAdminFault_dropConnection(t *testing.T) {
	e, srv, _ := newAccount(t, emulator.Options{})
	if status, m := doJSON(t, srv, http.MethodPost, "/_emulator/faults", `{"method":"POST","path_pattern":"custom-app-integrations$","drop_connection":true}`); status != 200 {
		t.Fatalf("inject: %d %v", status, m)
	}
	// A POST: net/http would re-send an idempotent GET on a fresh connection.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/2.0/accounts/"+e.AccountID()+"/oauth2/custom-app-integrations", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Authorization", "Bearer "+e.Token())
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("want a dropped connection, got %d", resp.StatusCode)
	}
}
