package resources_test

import (
	"fmt"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// TestAccResourceIdentity_upgrade starts from state written without identity, as the
// releases before identity support wrote it, with one object deleted out of band in
// the meantime: the next plan must show that object's create and nothing else (no
// "Missing Resource Identity After Read"), and the next refresh must store every
// remaining object's identity.
func TestAccResourceIdentity_upgrade(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.skipBelow("1.12.0", false)
	sp := tg.ServicePrincipalID
	cli.writeConfig(tg, fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "test" {
  name   = "tf-acc-upgrade"
  scopes = ["all-apis"]
}
resource "databricksoauth_custom_app_integration" "gone" {
  name   = "tf-acc-upgrade-gone"
  scopes = ["all-apis"]
}
resource "databricksoauth_published_app_integration" "test" {
  app_id = "dbt-cloud"
}
resource "databricksoauth_account_federation_policy" "test" {
  policy_id   = "tf-acc-upgrade"
  oidc_policy = { issuer = "https://idp.example.com/oidc" }
}
resource "databricksoauth_service_principal_federation_policy" "test" {
  service_principal_id = %[1]d
  policy_id            = "tf-acc-upgrade"
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }
}
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %[1]d
}
resource "databricksoauth_service_principal_secret" "gone" {
  service_principal_id = %[1]d
}
`, sp))
	cli.mustRun("apply", "-auto-approve", "-json")

	// The state as a release without identity left it.
	st := cli.stateFile()
	for addr, inst := range stateInstances(st) {
		if inst["identity"] == nil {
			t.Fatalf("%s: no identity after create: %v", addr, inst)
		}
		delete(inst, "identity")
		delete(inst, "identity_schema_version")
	}
	cli.writeStateFile(st)
	before := stateInstances(cli.stateFile())
	goneApp := as[string](t, as[map[string]any](t, before["databricksoauth_custom_app_integration.gone"]["attributes"])["id"])
	goneSecret := as[string](t, as[map[string]any](t, before["databricksoauth_service_principal_secret.gone"]["attributes"])["id"])
	if !tg.Emulator.DeleteCustomApp(goneApp) || !tg.Emulator.DeleteSecret(sp, goneSecret) {
		t.Fatal("cannot delete the objects out of band")
	}

	res := cli.run("plan", "-detailed-exitcode", "-json")
	if errs := res.Errors(); len(errs) > 0 {
		t.Fatalf("plan from state without identity failed: %v", errs)
	}
	changes := plannedChanges(t, res.Stdout)
	want := map[string]string{
		"databricksoauth_custom_app_integration.gone":   "create",
		"databricksoauth_service_principal_secret.gone": "create",
	}
	if fmt.Sprint(changes) != fmt.Sprint(want) {
		t.Fatalf("planned changes %v, want %v", changes, want)
	}

	cli.mustRun("apply", "-refresh-only", "-auto-approve", "-json")
	after := stateInstances(cli.stateFile())
	for addr, want := range map[string]map[string]any{
		"databricksoauth_custom_app_integration.test":              {"integration_id": attr(before, "databricksoauth_custom_app_integration.test", "id")},
		"databricksoauth_published_app_integration.test":           {"integration_id": attr(before, "databricksoauth_published_app_integration.test", "id")},
		"databricksoauth_account_federation_policy.test":           {"policy_id": "tf-acc-upgrade"},
		"databricksoauth_service_principal_federation_policy.test": {"service_principal_id": float64(sp), "policy_id": "tf-acc-upgrade"},
		"databricksoauth_service_principal_secret.test": {"service_principal_id": float64(sp),
			"secret_id": attr(before, "databricksoauth_service_principal_secret.test", "id")},
	} {
		got, _ := after[addr]["identity"].(map[string]any)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: identity after refresh %v, want %v", addr, got, want)
		}
	}
	if _, ok := after["databricksoauth_custom_app_integration.gone"]; ok {
		t.Error("the integration deleted out of band is still in state after refresh")
	}
}

// attr returns a state attribute of a state file instance.
func attr(insts map[string]map[string]any, addr, name string) any {
	attrs, _ := insts[addr]["attributes"].(map[string]any)
	return attrs[name]
}

// plannedChanges returns the actions of a `plan -json` run by resource address,
// leaving out no-ops.
func plannedChanges(t *testing.T, stdout string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, msg := range jsonLines(t, stdout) {
		if msg["type"] != "planned_change" {
			continue
		}
		change, _ := msg["change"].(map[string]any)
		res, _ := change["resource"].(map[string]any)
		out[as[string](t, res["addr"])] = as[string](t, change["action"])
	}
	return out
}
