package resources_test

// A harness that runs the real Terraform CLI against the provider in its own process,
// as a user would, for what terraform-plugin-testing cannot show: warnings, flags such
// as -parallelism, and Terraform's own TRACE log with the provider's lines in it.
//
// The provider binary is this test binary: run with serveProviderEnv set, it serves
// the provider (see init below) instead of running tests, so nothing is built. A
// dev_overrides CLI configuration points Terraform at it: no `terraform init`, no
// registry, nothing downloaded.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// serveProviderEnv makes this test binary serve the provider (as main.go does).
const serveProviderEnv = "DATABRICKSOAUTH_TEST_SERVE_PROVIDER"

func init() {
	if os.Getenv(serveProviderEnv) != "1" {
		return
	}
	provider.QuietSDKLogsUnlessRequested()
	if err := provider.Serve("0.0.0-test", false); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// tfCLI is a Terraform working directory with the provider under test.
type tfCLI struct {
	t   *testing.T
	dir string
	env []string
}

// tfDiag is one diagnostic of a `-json` run.
type tfDiag struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

func (d tfDiag) String() string { return fmt.Sprintf("%s: %s: %s", d.Severity, d.Summary, d.Detail) }

// tfResult is what one command printed and reported.
type tfResult struct {
	Diags    []tfDiag
	Stdout   string
	Stderr   string
	Err      error
	Duration time.Duration
}

// Errors and Warnings return the diagnostics of one severity, without the CLI's own
// warning about dev_overrides.
func (r tfResult) Errors() []tfDiag   { return r.bySeverity("error") }
func (r tfResult) Warnings() []tfDiag { return r.bySeverity("warning") }

func (r tfResult) bySeverity(s string) []tfDiag {
	var out []tfDiag
	for _, d := range r.Diags {
		if d.Severity == s && !strings.Contains(d.Summary, "Provider development overrides") {
			out = append(out, d)
		}
	}
	return out
}

// newTFCLI prepares a working directory for tg's configuration. extraEnv is added
// to Terraform's environment (and so the provider's), e.g. TF_LOG=TRACE.
func newTFCLI(t *testing.T, extraEnv ...string) *tfCLI {
	t.Helper()
	tfPath := tfCLIPath(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	bin := filepath.Join(root, "bin")
	dir := filepath.Join(root, "work")
	for _, d := range []string{bin, dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(self, filepath.Join(bin, "terraform-provider-databricksoauth")); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(root, "terraformrc")
	rcText := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n}\n", "databricksoauth/databricksoauth", bin)
	if err := os.WriteFile(rc, []byte(rcText), 0o644); err != nil {
		t.Fatal(err)
	}
	// The environment of a plain user shell: no variables of the test harness or of a
	// Databricks setup on this machine, which would change the provider's behaviour.
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "DATABRICKS_") || strings.HasPrefix(kv, "DATABRICKSOAUTH_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_ACC_TERRAFORM_PATH="+tfPath, serveProviderEnv+"=1")
	env = append(env, extraEnv...)
	return &tfCLI{t: t, dir: dir, env: env}
}

// tfCLIPath is the CLI to run: TF_ACC_TERRAFORM_PATH or terraform on PATH. It skips
// the test without TF_ACC or a CLI.
func tfCLIPath(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not found (set TF_ACC_TERRAFORM_PATH)")
	}
	return p
}

const requiredProviders = `
terraform {
  required_providers {
    databricksoauth = { source = "databricksoauth/databricksoauth" }
  }
}
`

// writeConfig replaces the working directory's configuration with tg's provider block
// and hcl.
func (c *tfCLI) writeConfig(tg *acctest.Target, hcl string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(requiredProviders+tg.Config(hcl)), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// run runs one Terraform command in the working directory. Commands that take -json
// get it, so that diagnostics come back parsed.
func (c *tfCLI) run(args ...string) tfResult {
	c.t.Helper()
	var tfPath string
	for _, kv := range c.env {
		if p, ok := strings.CutPrefix(kv, "TF_ACC_TERRAFORM_PATH="); ok {
			tfPath = p
		}
	}
	cmd := exec.CommandContext(c.t.Context(), tfPath, args...)
	cmd.Dir = c.dir
	cmd.Env = c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := tfResult{Stdout: stdout.String(), Stderr: stderr.String(), Err: err, Duration: time.Since(start)}
	sc := bufio.NewScanner(strings.NewReader(res.Stdout))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			Type       string  `json:"type"`
			Diagnostic *tfDiag `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Type == "diagnostic" && line.Diagnostic != nil {
			res.Diags = append(res.Diags, *line.Diagnostic)
		}
	}
	return res
}

// skipBelow skips the test when the CLI is older than minimum, as tfversion.SkipBelow
// does for resource.Test.
func skipBelow(t *testing.T, minimum *version.Version) {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), tfCLIPath(t), "version", "-json").Output()
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		t.Fatalf("terraform version -json: %v\n%s", err, out)
	}
	got, err := version.NewVersion(v.TerraformVersion)
	if err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	if got.LessThan(minimum) {
		t.Skipf("Terraform CLI version %s is below minimum version %s: skipping test", got, minimum)
	}
}

// mustRun runs a command and fails the test on any error diagnostic or failure.
func (c *tfCLI) mustRun(args ...string) tfResult {
	c.t.Helper()
	res := c.run(args...)
	if errs := res.Errors(); res.Err != nil || len(errs) > 0 {
		c.t.Fatalf("terraform %s: %v\nerrors: %v\nstderr: %s", strings.Join(args, " "), res.Err, errs, lastLines(res.Stderr+res.Stdout, 40))
	}
	return res
}

// state returns `terraform show -json`'s resources: address → attribute values.
func (c *tfCLI) state() map[string]map[string]any {
	c.t.Helper()
	res := c.run("show", "-json")
	if res.Err != nil {
		c.t.Fatalf("terraform show: %v\n%s", res.Err, res.Stderr)
	}
	var doc struct {
		Values *struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &doc); err != nil {
		c.t.Fatalf("terraform show -json: %v", err)
	}
	out := map[string]map[string]any{}
	if doc.Values != nil {
		for _, r := range doc.Values.RootModule.Resources {
			out[r.Address] = r.Values
		}
	}
	return out
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
