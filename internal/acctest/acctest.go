// Package acctest is the acceptance-test harness: provider factories, and a Target
// that is either a fresh emulator per test (the default) or a real Databricks
// account when DATABRICKS_OAUTH_LIVE=1 and the usual DATABRICKS_* variables are set.
package acctest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// LiveEnv is the opt-in variable for running the acceptance tests against a real account.
const LiveEnv = "DATABRICKS_OAUTH_LIVE"

// ProtoV6ProviderFactories serves the provider in-process, with every diagnostic it
// returns recorded (see diagnostics.go), plus echo for ephemeral tests.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"databricksoauth": func() (tfprotov6.ProviderServer, error) {
		s, err := providerserver.NewProtocol6WithError(provider.New("0.0.0-test")())()
		if err != nil {
			return nil, err
		}
		return recordingServer{s}, nil
	},
	"echo": echoprovider.NewProviderServer(),
}

// Live reports whether tests target a real account.
func Live() bool { return os.Getenv(LiveEnv) == "1" }

// Target is where one test's Terraform runs point at.
type Target struct {
	// Emulator is the per-test emulator; nil against a real account.
	Emulator *emulator.Emulator
	// URL of the emulator ("" when live).
	URL string
	// ProviderBlock is the HCL provider block for this target.
	ProviderBlock string
	// ServicePrincipalID is a service principal usable by the test: one of the
	// emulator's seeded ones, or DATABRICKS_OAUTH_TEST_SP_ID when live.
	ServicePrincipalID int64
}

// New returns the target for a test: a fresh emulator with a page size of 2 (so every
// list crosses pages), or the live account. modify may change the emulator options.
func New(t *testing.T, modify ...func(*emulator.Options)) *Target {
	t.Helper()
	if Live() {
		for _, v := range []string{"DATABRICKS_HOST", "DATABRICKS_ACCOUNT_ID"} {
			if os.Getenv(v) == "" {
				t.Fatalf("%s=1 needs %s (and credentials) to be set", LiveEnv, v)
			}
		}
		sp, _ := strconv.ParseInt(os.Getenv("DATABRICKS_OAUTH_TEST_SP_ID"), 10, 64)
		return &Target{ProviderBlock: `provider "databricksoauth" {}` + "\n", ServicePrincipalID: sp}
	}
	opts := emulator.Options{PageSize: 2}
	for _, m := range modify {
		m(&opts)
	}
	e := emulator.New(opts)
	return Serve(t, e, e, opts.HostType == emulator.HostTypeWorkspace)
}

// Serve is the target of emulator e served by h: e itself (as New does), or a
// handler in front of it that records or alters what passes. workspace configures
// the provider without an account id, as for a workspace host.
func Serve(t *testing.T, e *emulator.Emulator, h http.Handler, workspace bool) *Target {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	// Cleanups run last-in first-out: this one after the test's Terraform runs.
	t.Cleanup(func() { checkNoSecretsShown(t, e.IssuedSecrets) })
	block := fmt.Sprintf(`provider "databricksoauth" {
  host       = %q
  account_id = %q
  token      = %q
  auth_type  = "pat"
  rate_limit = 1000
}
`, srv.URL, e.AccountID(), e.Token())
	if workspace {
		block = fmt.Sprintf(`provider "databricksoauth" {
  host       = %q
  token      = %q
  auth_type  = "pat"
  rate_limit = 1000
}
`, srv.URL, e.Token())
	}
	return &Target{Emulator: e, URL: srv.URL, ProviderBlock: block, ServicePrincipalID: emulator.DefaultServicePrincipals[0]}
}

// Config prepends the provider block to a test configuration.
func (tg *Target) Config(hcl string) string { return tg.ProviderBlock + hcl }

// EmulatorOnly skips a test that needs the emulator's hooks (faults, out-of-band
// changes, request log) when running against a real account.
func EmulatorOnly(t *testing.T) {
	t.Helper()
	if Live() {
		t.Skip("needs the emulator's test hooks; skipped against a real account")
	}
}

// PreCheck is the precheck every acceptance test uses.
func PreCheck(t *testing.T) {
	t.Helper()
	if Live() && os.Getenv("DATABRICKS_OAUTH_TEST_SP_ID") == "" {
		t.Log("DATABRICKS_OAUTH_TEST_SP_ID is not set: service principal tests will fail against a real account")
	}
}

// AssertNoMutations fails the test if the emulator received any POST/PATCH/DELETE:
// used after plan-time validation errors, which must stop before any change.
func (tg *Target) AssertNoMutations(t *testing.T) {
	t.Helper()
	if tg.Emulator == nil {
		return
	}
	if m := tg.Emulator.MutatingRequests(); len(m) > 0 {
		for _, r := range m {
			t.Errorf("unexpected mutating request: %s %s %s", r.Method, r.Path, r.Body)
		}
	}
}
