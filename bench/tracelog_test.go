package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/harness"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// TestAccTraceLogs runs the built provider binary (so main.go's log set-up is what is
// tested) through the Terraform CLI with TF_LOG=TRACE and checks Terraform's log:
// the plugin framework's and protocol's trace lines and the Databricks SDK's request
// dumps are there, and no secret is: neither the client secret of the confidential
// custom app nor the service principal secret created in this run, nor the token.
//
// The provider turns the SDK log subsystems off when no TF_LOG* variable is set (see
// internal/provider/logging.go); this is the other half of that promise.
func TestAccTraceLogs(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (needs Terraform and Go)")
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	tf, err := harness.Terraform()
	if err != nil {
		t.Fatalf("terraform not found: %v", err)
	}
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	bin := filepath.Join(work, "bin")
	if err := harness.GoBuild(ctx, root, ".", filepath.Join(bin, harness.ProviderBinary)); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(work, "terraformrc")
	if err := harness.WriteCLIConfig(rc, bin); err != nil {
		t.Fatal(err)
	}

	emu, srv := emulator.NewTestServer(t, emulator.Options{PageSize: 2})
	sp := emulator.DefaultServicePrincipals[0]
	dir := filepath.Join(work, "config")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	config := harness.ProviderBlock(srv.URL) + fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "confidential" {
  count         = 3
  name          = "trace-log-confidential-${count.index}"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}

resource "databricksoauth_service_principal_secret" "s" {
  service_principal_id = %d
}

data "databricksoauth_custom_app_integrations" "all" {
  depends_on = [databricksoauth_custom_app_integration.confidential]
}
`, sp)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}

	// One log per command: apply creates (the create answers carry the secrets), plan
	// refreshes every object and reads the data source.
	logs := map[string]string{}
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", "-no-color"},
		{"plan", "-input=false", "-no-color"},
	} {
		logPath := filepath.Join(work, args[0]+".log")
		env := harness.CleanEnv("TF_CLI_CONFIG_FILE="+rc, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)
		r, err := harness.Run(ctx, dir, env, tf, append([]string{"-chdir=" + dir}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		if r.ExitCode != 0 {
			t.Fatalf("terraform %s: exit %d\n%s\n%s", args[0], r.ExitCode, r.Stdout, r.Stderr)
		}
		b, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		logs[args[0]] = string(b)
	}
	log := logs["apply"] + logs["plan"]

	// The refresh configures the provider (and so builds its SDK clients) once, not
	// per object.
	reads, configures := 0, 0
	readRPC := regexp.MustCompile(`Received request:.*tf_rpc=ReadResource(\s|$)`)
	for _, line := range strings.Split(logs["plan"], "\n") {
		if readRPC.MatchString(line) {
			reads++
		}
		if strings.Contains(line, "Calling provider defined Provider Configure") {
			configures++
		}
	}
	if reads < 4 || configures != 1 {
		t.Errorf("the plan made %d ReadResource calls and configured the provider %d times; want >= 4 and 1", reads, configures)
	}

	// Lines the provider process wrote, by module.
	for _, want := range []struct{ what, re string }{
		{"plugin framework trace lines", `\[TRACE\] provider\.terraform-provider-databricksoauth: .*@module=sdk\.framework`},
		{"plugin protocol trace lines", `\[TRACE\] provider\.terraform-provider-databricksoauth: .*@module=sdk\.proto`},
		{"Databricks SDK request dumps", `(?s)provider\.terraform-provider-databricksoauth: GET /api/2\.0/accounts/[^\n]*\n.*?@module=databricksoauth\.databricks-sdk`},
		{"Databricks SDK create dumps", `(?s)provider\.terraform-provider-databricksoauth: POST /api/2\.0/accounts/[^\n]*/custom-app-integrations\n.*?@module=databricksoauth\.databricks-sdk`},
	} {
		if !regexp.MustCompile(want.re).MatchString(log) {
			t.Errorf("no %s in Terraform's log (%d bytes, in %s)", want.what, len(log), work)
		}
	}

	// The secrets created in this run, read behind the API.
	var secrets []string
	for _, a := range emu.CustomApps() {
		if strings.HasPrefix(a.Name, "trace-log-confidential-") && a.ClientSecret != "" {
			secrets = append(secrets, a.ClientSecret)
		}
	}
	if len(secrets) != 3 {
		t.Fatalf("expected the client secrets of the 3 confidential apps in the emulator, got %d", len(secrets))
	}
	createdSecret := false
	for _, s := range emu.Secrets(sp) {
		if s.Secret != "" {
			secrets = append(secrets, s.Secret)
			createdSecret = true
		}
	}
	if !createdSecret {
		t.Fatal("the emulator holds no value for the service principal secret created in this run")
	}
	secrets = append(secrets, emu.Token())
	for _, s := range secrets {
		if strings.Contains(log, s) {
			t.Errorf("Terraform's log contains a secret value (%.8s...)", s)
		}
	}
	if !strings.Contains(log, `"client_secret": "**REDACTED**"`) {
		t.Error("the create answer of the confidential app was not logged with its client_secret redacted")
	}
}
