package resources_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// TestAccListResources_generateConfig adopts objects created outside Terraform the way
// the feature is meant to be used: `terraform query -generate-config-out` writes
// resource and import blocks for every object listed (every type, across pages); the
// plan of that configuration shows imports only; the apply sends no mutating request;
// the next plan is empty; and no secret value appears anywhere on the way.
func TestAccListResources_generateConfig(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.skipBelow("1.14.0", true)
	c := createClickOps(t, tg)

	cli.writeConfig(tg, "")
	// include_resource is not needed: generating configuration fetches each object.
	query := strings.ReplaceAll(testAccListConfig(c.sp), "  include_resource = true\n", "")
	// The filtered lists would list the same objects twice.
	query = regexp.MustCompile(`(?s)list "databricksoauth_custom_app_integration" "adopt" \{.*?\n\}\n`).ReplaceAllString(query, "")
	query = regexp.MustCompile(`(?s)list "databricksoauth_published_app_integration" "dbt" \{.*?\n\}\n`).ReplaceAllString(query, "")
	if err := os.WriteFile(filepath.Join(cli.dir, "adopt.tfquery.hcl"), []byte(query), 0o644); err != nil {
		t.Fatal(err)
	}
	res := cli.mustRun("query", "-generate-config-out=adopted.tf", "-json")
	generated, err := os.ReadFile(filepath.Join(cli.dir, "adopted.tf"))
	if err != nil {
		t.Fatalf("no generated configuration: %v\n%s", err, res.Stdout)
	}
	for _, secret := range tg.Emulator.IssuedSecrets() {
		if strings.Contains(res.Stdout+res.Stderr+string(generated), secret) {
			t.Fatal("a secret value issued by the API appears in the query output or the generated configuration")
		}
	}
	wantImports := len(c.customApps) + len(emulator.DefaultEnabledApps) + 1 + len(c.accountPolicies) + len(c.spPolicies) + len(c.secrets)
	if n := strings.Count(string(generated), "\nimport {"); n != wantImports {
		t.Fatalf("%d import blocks generated, want %d:\n%s", n, wantImports, generated)
	}

	plan := cli.mustRun("plan", "-json")
	var imports int
	for _, msg := range jsonLines(t, plan.Stdout) {
		switch msg["type"] {
		case "planned_change":
			if change, _ := msg["change"].(map[string]any); change["action"] != "import" {
				t.Errorf("the plan of the generated configuration does more than import: %v", change)
			}
		case "resource_drift":
			t.Errorf("the plan reports drift: %v", msg["change"])
		case "change_summary":
			summary, _ := msg["changes"].(map[string]any)
			imports = int(as[float64](t, summary["import"]))
			if as[float64](t, summary["add"])+as[float64](t, summary["change"])+as[float64](t, summary["remove"]) != 0 {
				t.Errorf("the plan of the generated configuration is not imports only: %v\n%s", summary, generated)
			}
		}
	}
	if imports != wantImports {
		t.Fatalf("plan imports %d objects, want %d", imports, wantImports)
	}

	if testing.Verbose() {
		t.Logf("generated configuration:\n%s", generated)
	}
	tg.Emulator.ResetLog()
	cli.mustRun("apply", "-auto-approve", "-json")
	tg.AssertNoMutations(t)
	if n := len(cli.state()); n != wantImports {
		t.Errorf("%d objects in state after the apply, want %d", n, wantImports)
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Errorf("the plan after adoption is not empty: %v %v", res.Err, res.Errors())
	}
}
