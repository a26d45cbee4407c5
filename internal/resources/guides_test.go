package resources_test

// The guides of the Terraform 1.12+ features walk through commands against the bundled
// emulator ("Trying it against the bundled emulator"); these tests run the same
// commands on the guides' example directories, so that a guide that stops working
// fails the build.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// guideCLI is a working directory holding a copy of examples/guides/<name>, with the
// provider configured from the environment as in the guides.
func guideCLI(t *testing.T, name string) (*acctest.Target, *tfCLI) {
	t.Helper()
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cli := newTFCLI(t, "DATABRICKS_HOST="+tg.URL, "DATABRICKS_ACCOUNT_ID="+tg.Emulator.AccountID(),
		"DATABRICKS_TOKEN="+tg.Emulator.Token(), "DATABRICKS_AUTH_TYPE=pat")
	src := filepath.Join("..", "..", "examples", "guides", name)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(cli.dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tg, cli
}

// changeSummary returns the counts of a `plan -json` run's change summary.
func changeSummary(t *testing.T, res tfResult) map[string]int {
	t.Helper()
	for _, msg := range jsonLines(t, res.Stdout) {
		if msg["type"] == "change_summary" {
			out := map[string]int{}
			for k, v := range as[map[string]any](t, msg["changes"]) {
				if n, ok := v.(float64); ok {
					out[k] = int(n)
				}
			}
			return out
		}
	}
	t.Fatalf("no change summary in %s", res.Stdout)
	return nil
}

// wantSummary checks a plan's counts; the guides' plans never change or destroy.
func wantSummary(t *testing.T, res tfResult, add, imports int) {
	t.Helper()
	s := changeSummary(t, res)
	if s["add"] != add || s["change"] != 0 || s["remove"] != 0 || s["import"] != imports {
		t.Fatalf("plan: %v, want %d to import, %d to add, 0 to change, 0 to destroy", s, imports, add)
	}
}

func TestAccGuide_resourceIdentity(t *testing.T) {
	t.Parallel()
	tg, cli := guideCLI(t, "resource-identity")
	cli.skipBelow("1.12.0", false)
	wantSummary(t, cli.mustRun("plan", "-json"), 2, 1)
	cli.mustRun("apply", "-auto-approve", "-json")
	cli.mustRun("state", "rm", "databricksoauth_service_principal_federation_policy.ci")
	wantSummary(t, cli.mustRun("plan", "-json", "-var=import_ci_policies=true"), 0, 2)
	cli.mustRun("apply", "-auto-approve", "-json", "-var=import_ci_policies=true")
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Fatalf("plan after the imports: %v %v", res.Err, res.Errors())
	}
	if n := len(tg.Emulator.ServicePrincipalPolicies(emulator.DefaultServicePrincipals[0])); n != 2 {
		t.Errorf("%d policies on the server, want the 2 created once", n)
	}
}

func TestAccGuide_federationSubjects(t *testing.T) {
	t.Parallel()
	tg, cli := guideCLI(t, "federation-subjects")
	cli.skipBelow("1.8.0", false)
	cli.mustRun("apply", "-auto-approve", "-json")
	var subjects []string
	for _, p := range tg.Emulator.ServicePrincipalPolicies(emulator.DefaultServicePrincipals[0]) {
		subjects = append(subjects, p.OIDCPolicy.Subject)
	}
	slices.Sort(subjects)
	want := []string{
		"organization:my-org:project:Default Project:workspace:databricks-prod:run_phase:apply",
		"p://my-org/infra/deploy-prod",
		"project_path:my-group/infra:ref_type:tag:ref:v1.0.0",
		"repo:my-org/infra:environment:prod",
		"repo:my-org/infra:ref:refs/heads/main",
	}
	if !slices.Equal(subjects, want) {
		t.Fatalf("subjects on the server %q, want %q", subjects, want)
	}
	res := cli.run("plan", "-json", "-var=extra_github_subject=repo:my-org/infra:ref:main")
	if errs := res.Errors(); len(errs) == 0 || !strings.Contains(errs[0].String(), "Not the subject of a GitHub Actions token") {
		t.Fatalf("a wrong subject is not refused by the variable's validation: %v", errs)
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
}

func TestAccGuide_revokeLeakedSecrets(t *testing.T) {
	t.Parallel()
	tg, cli := guideCLI(t, "revoke-leaked-secrets")
	cli.skipBelow("1.14.0", true)
	sp := emulator.DefaultServicePrincipals[0]
	cli.mustRun("-chdir=leaked", "apply", "-auto-approve", "-json")
	cli.mustRun("apply", "-auto-approve", "-json")
	const invoke = "-invoke=action.databricksoauth_service_principal_secrets_revoke.ci"
	progress := actionProgress(t, cli.mustRun("apply", invoke, "-auto-approve", "-json"))
	if !hasLine(progress, "Dry run: service principal 1001 has 3 OAuth secret(s): 2 would be revoked, 1 kept.") {
		t.Fatalf("dry run: %q", progress)
	}
	if n := len(tg.Emulator.Secrets(sp)); n != 3 {
		t.Fatalf("%d secrets after the dry run, want 3", n)
	}
	cli.mustRun("apply", invoke, "-auto-approve", "-json", "-var=revoke=true")
	managed := cli.state()["databricksoauth_service_principal_secret.ci"]["id"]
	if got := secretIDs(tg, sp); len(got) != 1 || got[0] != managed {
		t.Fatalf("secrets after the revocation %v, want only the managed %v", got, managed)
	}
	wantSummary(t, cli.mustRun("-chdir=leaked", "plan", "-json"), 2, 0)
}

func TestAccGuide_adoptWithQuery(t *testing.T) {
	t.Parallel()
	tg, cli := guideCLI(t, "adopt-with-query")
	cli.skipBelow("1.14.0", true)
	cli.mustRun("query", "-generate-config-out=adopted.tf", "-json")
	// A fresh emulator holds the published app integrations enabled by default.
	wantSummary(t, cli.mustRun("plan", "-json"), 0, len(emulator.DefaultEnabledApps))
	tg.Emulator.ResetLog()
	cli.mustRun("apply", "-auto-approve", "-json")
	tg.AssertNoMutations(t)
}
