// Command demoquery is `make demo-query`: it adopts objects that already exist in an
// account through `terraform query`, against the bundled emulator:
//
//  1. starts the emulator (in this process, on loopback, two results per page);
//  2. creates objects of every type through the API, as someone would by hand;
//  3. runs `terraform query` with the list blocks of examples/guides/adopt-with-query,
//     then `terraform query -generate-config-out=adopted.tf`;
//  4. runs `terraform plan` (imports only) and `terraform apply`, and checks that the
//     emulator received no request that changes anything, and that the next plan is
//     empty.
//
// It needs Terraform 1.14 or later (TERRAFORM, default `terraform` on PATH); with an
// older one it says so and exits 0. -provider-dir is where `make build` put the
// provider binary.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/go-version"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// minTerraform is the first Terraform with `terraform query`.
const minTerraform = "1.14.0"

func main() {
	providerDir := flag.String("provider-dir", "bin", "directory holding terraform-provider-databricksoauth (make build)")
	examples := flag.String("examples", "examples/guides/adopt-with-query", "directory with main.tf and the .tfquery.hcl files")
	flag.Parse()
	terraform := os.Getenv("TERRAFORM")
	if terraform == "" {
		terraform = "terraform"
	}
	if err := run(os.Stdout, terraform, *providerDir, *examples); err != nil {
		fmt.Fprintln(os.Stderr, "demo-query:", err)
		os.Exit(1)
	}
}

func run(out io.Writer, terraform, providerDir, examples string) error {
	version, err := terraformVersion(terraform)
	if err != nil {
		return err
	}
	if reason := unsupported(version); reason != "" {
		fmt.Fprintf(out, "demo-query: skipped: %s; `terraform query` needs Terraform >= %s "+
			"(run with TERRAFORM=/path/to/terraform).\n", reason, minTerraform)
		return nil
	}
	providerDir, err = filepath.Abs(providerDir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(providerDir, "terraform-provider-databricksoauth")); err != nil {
		return fmt.Errorf("no provider binary in %s (run make build): %w", providerDir, err)
	}
	step := func(format string, a ...any) { fmt.Fprintf(out, "\n\033[1m==> "+format+"\033[0m\n", a...) }

	step("Starting the emulator of the Databricks account OAuth2 API on loopback (%s)", version.text)
	e, url, stop, err := serveEmulator(out)
	if err != nil {
		return err
	}
	defer stop()

	step("Someone creates OAuth objects by hand (account console, Databricks CLI): through the API")
	made, err := createObjects(context.Background(), url, e)
	if err != nil {
		return err
	}
	for _, m := range made {
		fmt.Fprintln(out, "  "+m)
	}

	work, err := os.MkdirTemp("", "demo-query-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := prepare(work, providerDir, examples); err != nil {
		return err
	}
	tf := &cli{bin: terraform, dir: work, out: out, env: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(work, "terraformrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"DATABRICKS_HOST="+url, "DATABRICKS_ACCOUNT_ID="+e.AccountID(), "DATABRICKS_TOKEN="+e.Token(),
		"DATABRICKS_AUTH_TYPE=pat")}
	if err := queryAndGenerate(out, step, tf, work); err != nil {
		return err
	}
	return adoptGenerated(out, step, tf, e)
}

// serveEmulator serves an emulator on loopback, two results a page; stop ends it.
func serveEmulator(out io.Writer) (e *emulator.Emulator, url string, stop func(), err error) {
	e = emulator.New(emulator.Options{PageSize: 2})
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	url = "http://" + ln.Addr().String()
	fmt.Fprintf(out, "emulator listening on %s (two results per page, so every list crosses pages)\n", url)
	return e, url, func() { _ = srv.Close() }, nil
}

// queryAndGenerate runs terraform query, then again to generate adopted.tf.
func queryAndGenerate(out io.Writer, step func(string, ...any), tf *cli, work string) error {
	step("terraform query: what the account holds (%s)", strings.Join(queryFiles(work), ", "))
	if _, err := tf.run(true, "query", "-no-color"); err != nil {
		return err
	}

	step("terraform query -generate-config-out=adopted.tf: resource and import blocks for each object")
	if _, err := tf.run(false, "query", "-no-color", "-generate-config-out=adopted.tf"); err != nil {
		return err
	}
	generated, err := os.ReadFile(filepath.Join(work, "adopted.tf"))
	if err != nil {
		return fmt.Errorf("no adopted.tf generated: %w", err)
	}
	fmt.Fprintf(out, "adopted.tf: %d resource blocks, %d import blocks; the first of them:\n\n%s\n",
		strings.Count(string(generated), "\nresource \""), strings.Count(string(generated), "\nimport {"), firstBlocks(string(generated), 2))
	return nil
}

// adoptGenerated plans and applies the generated configuration, and checks that it
// only imports: no request changes an object, and the next plan is empty.
func adoptGenerated(out io.Writer, step func(string, ...any), tf *cli, e *emulator.Emulator) error {
	step("terraform plan: imports only")
	plan, err := tf.run(false, "plan", "-no-color", "-input=false")
	if err != nil {
		return err
	}
	summary := lineWith(plan, "Plan: ")
	fmt.Fprintln(out, summary)
	if !strings.Contains(summary, " to import, 0 to add, 0 to change, 0 to destroy") {
		return fmt.Errorf("the plan of the generated configuration is not imports only:\n%s", plan)
	}

	step("terraform apply: the objects enter the state; nothing is sent that changes them")
	e.ResetLog()
	apply, err := tf.run(false, "apply", "-no-color", "-input=false", "-auto-approve")
	if err != nil {
		return err
	}
	fmt.Fprintln(out, lineWith(apply, "Apply complete!"))
	if m := e.MutatingRequests(); len(m) > 0 {
		return fmt.Errorf("the apply sent %d requests that change objects, the first %s %s", len(m), m[0].Method, m[0].Path)
	}
	fmt.Fprintln(out, "requests that change objects received by the emulator during the apply: 0")

	step("terraform plan: nothing to change")
	if _, err := tf.run(false, "plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil {
		return fmt.Errorf("the plan after adoption is not empty: %w", err)
	}
	fmt.Fprintln(out, "No changes: every object found is now managed by Terraform, as it was.")
	step("Done: found with terraform query, configuration generated, imported without any change")
	return nil
}

// createObjects makes objects of every type through the REST API with the Databricks
// SDK, as a user of the account console or the Databricks CLI would.
func createObjects(ctx context.Context, url string, e *emulator.Emulator) ([]string, error) {
	a, err := databricks.NewAccountClient(&databricks.Config{Host: url, AccountID: e.AccountID(), Token: e.Token(), AuthType: "pat"})
	if err != nil {
		return nil, err
	}
	sp := emulator.DefaultServicePrincipals[0]
	var made []string
	for _, app := range []oauth2.CreateCustomAppIntegration{
		{Name: "tableau-server", Confidential: true, RedirectUrls: []string{"https://tableau.example.com/auth/add_oauth_token"},
			Scopes: []string{"all-apis", "offline_access"}, TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 10080}},
		{Name: "desktop-tool", RedirectUrls: []string{"http://localhost:8020"}, Scopes: []string{"sql", "offline_access"}},
	} {
		out, err := a.CustomAppIntegration.Create(ctx, app)
		if err != nil {
			return nil, err
		}
		made = append(made, fmt.Sprintf("custom app integration %q (%s)", app.Name, out.IntegrationId))
	}
	if _, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: "dbt-cloud"}); err != nil {
		return nil, err
	}
	made = append(made, "published app integration dbt-cloud (besides the 4 apps enabled by default)")
	for _, id := range []string{"corporate-idp", "partner-idp"} {
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: id,
			Policy: oauth2.FederationPolicy{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://" + id + ".example.com", Audiences: []string{"databricks"}}}})
		if err != nil {
			return nil, err
		}
		made = append(made, "account federation policy "+id)
	}
	for _, env := range []string{"prod", "staging"} {
		id := "github-infra-" + env
		_, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: sp, PolicyId: id, Policy: oauth2.FederationPolicy{Description: "GitHub Actions: infra, " + env,
				OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://token.actions.githubusercontent.com",
					Audiences: []string{"https://github.com/my-org"}, Subject: "repo:my-org/infra:environment:" + env}}})
		if err != nil {
			return nil, err
		}
		made = append(made, fmt.Sprintf("federation policy %s of service principal %d", id, sp))
	}
	for _, lifetime := range []string{"7776000s", ""} {
		out, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{
			ServicePrincipalId: strconv.FormatInt(sp, 10), Lifetime: lifetime})
		if err != nil {
			return nil, err
		}
		made = append(made, fmt.Sprintf("OAuth secret %s of service principal %d", out.Id, sp))
	}
	return made, nil
}

// prepare writes the working directory: the example's configuration and query files,
// and a CLI configuration that points Terraform at the provider just built.
func prepare(work, providerDir, examples string) error {
	entries, err := os.ReadDir(examples)
	if err != nil {
		return err
	}
	for _, f := range entries {
		if f.IsDir() || !strings.HasSuffix(f.Name(), ".tf") && !strings.HasSuffix(f.Name(), ".tfquery.hcl") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(examples, f.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(work, f.Name()), b, 0o644); err != nil {
			return err
		}
	}
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"databricksoauth/databricksoauth", providerDir)
	return os.WriteFile(filepath.Join(work, "terraformrc"), []byte(rc), 0o644)
}

func queryFiles(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "*.tfquery.hcl"))
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	return m
}

// cli runs Terraform in the working directory.
type cli struct {
	bin, dir string
	env      []string
	out      io.Writer
}

// run runs a command; with show, its output goes to out as it comes (without the
// dev_overrides warning), otherwise it is returned.
func (c *cli) run(show bool, args ...string) (string, error) {
	cmd := exec.CommandContext(context.Background(), c.bin, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	text := withoutDevOverridesWarning(buf.String())
	if show {
		fmt.Fprint(c.out, text)
	}
	if err != nil {
		return text, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, text)
	}
	return text, nil
}

// withoutDevOverridesWarning drops the warning Terraform prints for dev_overrides,
// which says nothing about the demo.
func withoutDevOverridesWarning(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	skip := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "Warning: Provider development overrides are in effect"):
			skip = true
		case skip && strings.HasSuffix(strings.TrimSpace(l), "releases."):
			skip = false
			continue
		}
		if !skip {
			out = append(out, l)
		}
	}
	return strings.TrimLeft(strings.Join(out, "\n"), "\n")
}

func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// firstBlocks returns the first n resource blocks of generated configuration, each
// with the import block after it.
func firstBlocks(s string, n int) string {
	var blocks, cur []string
	for _, l := range strings.Split(s, "\n") {
		if cur == nil && !strings.HasPrefix(l, "resource \"") && !strings.HasPrefix(l, "import {") {
			continue
		}
		cur = append(cur, l)
		if l == "}" {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	if len(blocks) > 2*n {
		blocks = blocks[:2*n]
	}
	return strings.Join(blocks, "\n\n")
}

// tfVersion is what `terraform version -json` reports.
type tfVersion struct {
	text     string // e.g. "Terraform 1.15.9"
	version  string
	openTofu bool
}

func terraformVersion(bin string) (tfVersion, error) {
	cmd := exec.CommandContext(context.Background(), bin, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	raw, err := cmd.Output()
	if err != nil {
		return tfVersion{}, fmt.Errorf("cannot run %s version: %w (set TERRAFORM to a Terraform >= %s)", bin, err, minTerraform)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	// OpenTofu may print warnings about the CLI configuration before the JSON.
	if i := bytes.IndexByte(raw, '{'); i > 0 {
		raw = raw[i:]
	}
	if err := json.Unmarshal(raw, &v); err != nil || v.Version == "" {
		return tfVersion{}, fmt.Errorf("%s version -json: unexpected output %q", bin, raw)
	}
	plain, _ := exec.CommandContext(context.Background(), bin, "version").Output()
	tofu := strings.Contains(string(plain), "OpenTofu v")
	name := "Terraform"
	if tofu {
		name = "OpenTofu"
	}
	return tfVersion{text: name + " " + v.Version, version: v.Version, openTofu: tofu}, nil
}

// unsupported says why a CLI cannot run the demo, or "" when it can.
func unsupported(v tfVersion) string {
	if v.openTofu {
		return v.text + " has no `query` command"
	}
	if versionLess(v.version, minTerraform) {
		return "this is " + v.text
	}
	return ""
}

// versionLess compares major.minor.patch (a pre-release suffix of a is ignored; a
// version that does not parse counts as below).
func versionLess(a, b string) bool {
	va, err := version.NewVersion(a)
	return err != nil || va.Core().LessThan(version.Must(version.NewVersion(b)))
}
