package emulator_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return v
}

func TestSecretsAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	clock := emulator.NewFakeClock(start)
	e, _, a := newAccount(t, emulator.Options{Clock: clock, PageSize: 2})
	sp := "1001"

	s, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp})
	must(t, err)
	if !hex64.MatchString(s.Id) || len(s.Secret) < 8 || s.Secret[:4] != "dose" || s.SecretHash == "" || s.Status != "ACTIVE" {
		t.Fatalf("create: %+v", s)
	}
	if c, x := parseTime(t, s.CreateTime), parseTime(t, s.ExpireTime); !c.Equal(start) || x.Sub(c) != 63072000*time.Second ||
		s.UpdateTime != s.CreateTime {
		t.Fatalf("default lifetime: %+v", s)
	}
	short, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp, Lifetime: "3600s"})
	must(t, err)
	if parseTime(t, short.ExpireTime).Sub(start) != time.Hour {
		t.Fatalf("3600s: %+v", short)
	}
	bare, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp, Lifetime: "86400"})
	must(t, err)
	if parseTime(t, bare.ExpireTime).Sub(start) != 24*time.Hour {
		t.Fatalf("bare digits: %+v", bare)
	}
	for _, bad := range []string{"63072001s", "0s", "-5s", "1h", "abc"} {
		_, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp, Lifetime: bad})
		wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "lifetime")
	}

	// List: all pages, no secret values, creation order.
	list, err := a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: sp})
	must(t, err)
	if len(list) != 3 || list[0].Id != s.Id || list[1].Id != short.Id || list[2].Id != bare.Id || list[0].SecretHash != s.SecretHash {
		t.Fatalf("list: %+v", list)
	}
	for _, r := range e.Requests() {
		if r.Method == http.MethodGet && r.Status == 200 && regexp.MustCompile(`dose`).Match(r.Body) {
			t.Fatal("a GET leaked a secret")
		}
	}

	// Limit of 5 live secrets -> 400 (not RESOURCE_EXHAUSTED, which the SDK would retry).
	for range 2 {
		_, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp})
		must(t, err)
	}
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp})
	wantErrMsg(t, err, apierr.ErrInvalidParameterValue, "maximum of 5")
	// Other service principals have their own budget.
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1002"})
	must(t, err)

	// Expiry by the clock: the 1h secret disappears from lists and frees a slot.
	clock.Advance(time.Hour)
	list, err = a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: sp})
	must(t, err)
	if len(list) != 4 {
		t.Fatalf("after expiry: %d secrets", len(list))
	}
	for _, x := range list {
		if x.Id == short.Id {
			t.Fatal("expired secret listed")
		}
	}
	if n := len(e.Secrets(1001)); n != 5 {
		t.Fatalf("out-of-band Secrets must include expired ones: %d", n)
	}
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: sp})
	must(t, err)

	// Delete, including an expired (unlisted) one.
	must(t, a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: sp, SecretId: short.Id}))
	must(t, a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: sp, SecretId: s.Id}))
	wantErr(t, a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: sp, SecretId: s.Id}), apierr.ErrNotFound)
	// A secret id under the wrong SP is not found.
	wantErr(t, a.ServicePrincipalSecrets.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: "1002", SecretId: bare.Id}), apierr.ErrNotFound)

	// Unknown and malformed service principals.
	_, err = a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "424242"})
	wantErr(t, err, apierr.ErrResourceDoesNotExist)
	_, err = a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: "abc"})
	wantErr(t, err, apierr.ErrInvalidParameterValue)

	// Out-of-band expiry and deletion.
	if !e.UpdateSecret(1001, bare.Id, func(s *emulator.Secret) { s.ExpireTime = clock.Now() }) {
		t.Fatal("UpdateSecret")
	}
	if !e.DeleteSecret(1002, e.Secrets(1002)[0].ID) || e.DeleteSecret(1002, "nope") {
		t.Fatal("DeleteSecret")
	}
	list, _ = a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: sp})
	for _, x := range list {
		if x.Id == bare.Id {
			t.Fatal("secret expired out of band is still listed")
		}
	}
}

// The workspace proxy paths have no account id; a workspace host's metadata
// must not make the client account-aware.
func TestSecretsProxy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv := emulator.NewTestServer(t, emulator.Options{HostType: emulator.HostTypeWorkspace})
	w, err := databricks.NewWorkspaceClient(&databricks.Config{Host: srv.URL, Token: e.Token(), AuthType: "pat",
		RetryTimeoutSeconds: 5, RateLimitPerSecond: 1000})
	must(t, err)
	if w.Config.AccountID != "" || w.Config.WorkspaceID != e.WorkspaceID() {
		t.Fatalf("workspace metadata: account %q workspace %q", w.Config.AccountID, w.Config.WorkspaceID)
	}
	created, err := w.ServicePrincipalSecretsProxy.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "1003", Lifetime: "30s"})
	must(t, err)
	if created.Secret == "" || !hex64.MatchString(created.Id) {
		t.Fatalf("proxy create: %+v", created)
	}
	list, err := w.ServicePrincipalSecretsProxy.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: "1003"})
	must(t, err)
	if len(list) != 1 || list[0].Id != created.Id {
		t.Fatalf("proxy list: %+v", list)
	}
	must(t, w.ServicePrincipalSecretsProxy.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: "1003", SecretId: created.Id}))
	wantErr(t, w.ServicePrincipalSecretsProxy.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{ServicePrincipalId: "1003", SecretId: created.Id}), apierr.ErrNotFound)
	_, err = w.ServicePrincipalSecretsProxy.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: "5"})
	wantErr(t, err, apierr.ErrNotFound)

	var proxied int
	for _, r := range e.MutatingRequests() {
		if r.Path == "/api/2.0/accounts/servicePrincipals/1003/credentials/secrets" {
			proxied++
			if r.Header.Get("X-Databricks-Workspace-Id") != e.WorkspaceID() {
				t.Errorf("workspace header %q", r.Header.Get("X-Databricks-Workspace-Id"))
			}
		}
	}
	if proxied != 1 {
		t.Fatalf("proxy POSTs logged: %d", proxied)
	}
	// Secrets created through the proxy are the service principal's secrets.
	if len(e.Secrets(1003)) != 0 {
		t.Fatal("deleted through proxy but still stored")
	}
	_, err = w.ServicePrincipalSecretsProxy.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: strconv.Itoa(1003)})
	must(t, err)
	if len(e.Secrets(1003)) != 1 {
		t.Fatalf("stored secrets after a proxy create: %d", len(e.Secrets(1003)))
	}
	// A workspace host serves no account API, as a real workspace does not.
	a := mustAccount(t, srv.URL, e)
	_, err = a.ServicePrincipalSecrets.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: "1003"})
	wantErr(t, err, apierr.ErrNotFound)
	if !strings.Contains(err.Error(), "workspace host") {
		t.Fatalf("account path on a workspace host: %v", err)
	}
}

func mustAccount(t *testing.T, host string, e *emulator.Emulator) *databricks.AccountClient {
	t.Helper()
	a, err := databricks.NewAccountClient(accountConfig(host, e.AccountID(), e.Token()))
	must(t, err)
	return a
}
