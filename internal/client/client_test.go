package client_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/databricks/databricks-sdk-go/config"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The API is chosen from what the user configured and the host's type: a workspace
// host (by its metadata) gets the proxy whatever account id is known, even the one its
// metadata names and the SDK copies into the configuration.
func TestNewChoosesTheAPI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		host        string // emulator.Options.HostType
		metadataAcc bool   // workspace metadata names the account
		configured  bool   // account_id set by the user
		wantAccount bool
	}{
		{"account host, account_id configured", emulator.HostTypeAccount, false, true, true},
		{"account host, account_id from its metadata", emulator.HostTypeAccount, false, false, true},
		{"host without metadata, account_id configured", emulator.HostTypeNone, false, true, true},
		{"host without metadata, no account_id", emulator.HostTypeNone, false, false, false},
		{"workspace host", emulator.HostTypeWorkspace, false, false, false},
		{"workspace host naming its account", emulator.HostTypeWorkspace, true, false, false},
		{"workspace host, account_id configured", emulator.HostTypeWorkspace, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, srv := emulator.NewTestServer(t, emulator.Options{HostType: tc.host,
				Variants: emulator.Variants{WorkspaceMetadataAccountID: tc.metadataAcc}})
			cfg := &config.Config{Host: srv.URL, Token: e.Token(), AuthType: "pat", RetryTimeoutSeconds: 5, RateLimitPerSecond: 1000}
			if tc.configured {
				cfg.AccountID = e.AccountID()
			}
			c, err := client.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.Diagnostics
			a := c.Account(&diags)
			if got := a != nil; got != tc.wantAccount || (c.AccountID != "") != tc.wantAccount {
				t.Fatalf("account API: %v (account id %q), want %v", got, c.AccountID, tc.wantAccount)
			}
			if tc.wantAccount {
				return
			}
			detail := diags[0].Detail()
			if tc.host == emulator.HostTypeWorkspace && !strings.Contains(detail, "is a workspace") {
				t.Errorf("the diagnostic does not say the host is a workspace: %s", detail)
			}
			// Secrets go through the proxy, which the workspace host serves.
			if _, err := c.ListSecrets(context.Background(), emulator.DefaultServicePrincipals[0]); err != nil && tc.host == emulator.HostTypeWorkspace {
				t.Fatalf("proxy listing: %v", err)
			}
			for _, r := range e.Requests() {
				if strings.Contains(r.Path, "/credentials/secrets") && !strings.HasPrefix(r.Path, "/api/2.0/accounts/servicePrincipals/") {
					t.Errorf("%s %s: not the proxy path", r.Method, r.Path)
				}
			}
		})
	}
}

// A listing is made once per client and shared by concurrent callers; an error is
// returned to its caller and not kept.
func TestPublishedAppIntegrationsListedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, srv := emulator.NewTestServer(t, emulator.Options{PageSize: 2})
	c, err := client.New(&config.Config{Host: srv.URL, AccountID: e.AccountID(), Token: e.Token(), AuthType: "pat",
		RetryTimeoutSeconds: 5, RateLimitPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	listPath := "/api/2.0/accounts/" + e.AccountID() + "/oauth2/published-app-integrations"
	e.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: listPath + "$", Status: http.StatusInternalServerError})
	if _, err := c.PublishedAppIntegrations(ctx); err == nil {
		t.Fatal("the injected failure was not reported")
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			all, err := c.PublishedAppIntegrations(ctx)
			if err != nil || len(all) != len(emulator.DefaultEnabledApps) {
				t.Errorf("listing: %d integrations, %v", len(all), err)
			}
		})
	}
	wg.Wait()
	listings := 0
	for _, r := range e.Requests() {
		if r.Path == listPath && r.Query.Get("page_token") == "" {
			listings++
		}
	}
	if listings != 2 { // the failed one, then one shared by all
		t.Errorf("%d listings, want 2", listings)
	}
	// Callers get their own copy.
	all, _ := c.PublishedAppIntegrations(ctx)
	all[0].AppId = "changed"
	if again, _ := c.PublishedAppIntegrations(ctx); again[0].AppId == "changed" {
		t.Error("a caller's change reached the cached listing")
	}
}
