package resources_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// With TF_LOG=TRACE, applying, refreshing and destroying every resource type and the
// ephemeral secret leaves no secret value in Terraform's log, which holds Terraform's
// own lines and the provider's, the Databricks SDK's request and response dumps
// included. The provider runs as its own process, as for a user, so its logging is
// decided from the environment Terraform hands it.
func TestAccSecretsNotInTraceLog(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, level := range []string{"TRACE", "JSON"} {
		t.Run(level, func(t *testing.T) {
			t.Parallel()
			tg := acctest.New(t)
			sp := tg.ServicePrincipalID
			logFile := filepath.Join(t.TempDir(), "terraform.log")
			cli := newTFCLI(t, "TF_LOG="+level, "TF_LOG_PATH="+logFile)
			cli.writeConfig(tg, fmt.Sprintf(`
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

ephemeral "databricksoauth_service_principal_secret" "short" {
  service_principal_id = %[1]d
  lifetime             = "600s"
}

locals {
  short_lived = ephemeral.databricksoauth_service_principal_secret.short.secret
}

data "databricksoauth_service_principal_secrets" "all" {
  service_principal_id = %[1]d
  depends_on           = [databricksoauth_service_principal_secret.kept]
}
`, sp, testPublishedAppID))
			cli.mustRun("apply", "-auto-approve", "-json")
			cli.mustRun("apply", "-refresh-only", "-auto-approve", "-json")
			cli.mustRun("destroy", "-auto-approve", "-json")

			secrets := tg.Emulator.IssuedSecrets()
			// The confidential app's client secret, the managed secret, and the ephemeral
			// secret of each of the three commands.
			if len(secrets) < 4 {
				t.Fatalf("%d secret values issued, want at least 4: not every object was created", len(secrets))
			}
			raw, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			if keep := os.Getenv("DATABRICKSOAUTH_KEEP_LOG"); keep != "" { // for a look at what is logged
				_ = os.WriteFile(keep+"."+level, raw, 0o600)
			}
			log := string(raw)
			// The log must hold what could leak, or the test proves nothing: the SDK's
			// dumps of the create requests and answers, under the provider's subsystem.
			for _, want := range []string{"databricks-sdk", "POST /api/2.0/accounts/", "/credentials/secrets", "/oauth2/custom-app-integrations", `"secret`} {
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
