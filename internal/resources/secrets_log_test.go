package resources_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// With TF_LOG=TRACE, applying, refreshing and destroying every resource type and
// data source leaves no secret value in Terraform's log, which holds Terraform's own
// lines and the provider's, the Databricks SDK's request and response dumps
// included. The provider runs as its own process, as for a user, so its logging is
// decided from the environment Terraform hands it.
func TestAccSecretsNotInTraceLog(t *testing.T) {
	acctest.EmulatorOnly(t)
	testSecretsNotInLog(t, func(sp int64) string {
		return fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "confidential" {
  name          = "tf-acc-log"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}

resource "databricksoauth_published_app_integration" "dbt" {
  app_id = %[2]q
}

resource "databricksoauth_account_federation_policy" "acc" {
  oidc_policy = { issuer = "https://idp.example.com" }
}

resource "databricksoauth_service_principal_federation_policy" "sp" {
  service_principal_id = %[1]d
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/app:ref:refs/heads/main"
  }
}

resource "databricksoauth_service_principal_secret" "kept" {
  service_principal_id = %[1]d
  lifetime             = "7200s"
}

data "databricksoauth_service_principal_secrets" "all" {
  service_principal_id = %[1]d
  depends_on           = [databricksoauth_service_principal_secret.kept]
}
`, sp, testPublishedAppID)
	}, 2, "/oauth2/custom-app-integrations") // the confidential app's client secret and the managed secret
}

// The same for the ephemeral secret (Terraform >= 1.10, OpenTofu >= 1.11). Each
// apply opens it, destroy does not: Terraform in both the plan and the apply phase
// of an apply (4 secrets), OpenTofu once per apply (2).
func TestAccSecretsNotInTraceLog_ephemeral(t *testing.T) {
	acctest.EmulatorOnly(t)
	skipBelow(t, tfversion.Version1_10_0)
	testSecretsNotInLog(t, func(sp int64) string {
		return fmt.Sprintf(`
ephemeral "databricksoauth_service_principal_secret" "short" {
  service_principal_id = %[1]d
  lifetime             = "600s"
}

locals {
  short_lived = ephemeral.databricksoauth_service_principal_secret.short.secret
}
`, sp)
	}, 2)
}

// testSecretsNotInLog applies, refreshes and destroys config(sp) with TF_LOG=TRACE
// and with TF_LOG=JSON, then looks for every secret value the emulator issued (at
// least minSecrets) and its token in the log. It first checks that the log holds
// the SDK's dumps of the create requests and answers (and the paths in logged), or
// it could not see a leak.
func testSecretsNotInLog(t *testing.T, config func(sp int64) string, minSecrets int, logged ...string) {
	t.Helper()
	for _, level := range []string{"TRACE", "JSON"} {
		t.Run(level, func(t *testing.T) {
			t.Parallel()
			logFile := filepath.Join(t.TempDir(), "terraform.log")
			cli := newTFCLI(t, "TF_LOG="+level, "TF_LOG_PATH="+logFile)
			tg := acctest.New(t)
			cli.writeConfig(tg, config(tg.ServicePrincipalID))
			cli.mustRun("apply", "-auto-approve", "-json")
			cli.mustRun("apply", "-refresh-only", "-auto-approve", "-json")
			cli.mustRun("destroy", "-auto-approve", "-json")

			secrets := tg.Emulator.IssuedSecrets()
			if len(secrets) < minSecrets {
				t.Fatalf("%d secret values issued, want at least %d: not every object was created", len(secrets), minSecrets)
			}
			raw, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			if keep := os.Getenv("DATABRICKSOAUTH_KEEP_LOG"); keep != "" { // for a look at what is logged
				_ = os.WriteFile(keep+"."+strings.ReplaceAll(t.Name(), "/", "."), raw, 0o600)
			}
			log := string(raw)
			// The log must hold what could leak, or the test proves nothing: the SDK's
			// dumps of the create requests and answers, under the provider's subsystem.
			for _, want := range append([]string{"databricks-sdk", "POST /api/2.0/accounts/", "/credentials/secrets", `"secret`}, logged...) {
				if !strings.Contains(log, want) {
					t.Fatalf("the log (%d bytes) has no %q: provider or SDK logging is off, so the test cannot see a leak", len(log), want)
				}
			}
			for _, s := range append(secrets, tg.Emulator.Token()) {
				if i := strings.Index(log, s); i >= 0 {
					t.Errorf("secret value found in the %s log: ...%s...", level, log[max(0, i-200):i])
				}
			}
			t.Logf("%s log: %d bytes, %d lines, %d secret values checked", level, len(log), strings.Count(log, "\n"), len(secrets)+1)
		})
	}
}
