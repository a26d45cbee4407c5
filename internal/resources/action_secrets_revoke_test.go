package resources_test

// The action databricksoauth_service_principal_secrets_revoke (internal/actions), run
// as incident response is run: `terraform apply -invoke=...` with the real CLI, whose
// output carries the action's progress messages (terraform-plugin-testing has no
// step that invokes an action).

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

const revokeAction = "action.databricksoauth_service_principal_secrets_revoke.leak"

func testAccRevokeConfig(sp int64, keep, extra string) string {
	return fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "ci" {
  service_principal_id = %[1]d
}
action "databricksoauth_service_principal_secrets_revoke" "leak" {
  config {
    service_principal_id = %[1]d
    keep_secret_ids      = %[2]s
    %[3]s
  }
}
`, sp, keep, extra)
}

// createSecrets creates n secrets of sp outside Terraform and returns their ids.
func createSecrets(t *testing.T, tg *acctest.Target, sp int64, n int) []string {
	t.Helper()
	a, err := databricks.NewAccountClient(&databricks.Config{
		Host: tg.URL, AccountID: tg.Emulator.AccountID(), Token: tg.Emulator.Token(), AuthType: "pat",
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range n {
		out, err := a.ServicePrincipalSecrets.Create(context.Background(), oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.Id)
	}
	return ids
}

// actionProgress returns the progress messages of an -invoke run.
func actionProgress(t *testing.T, res tfResult) []string {
	t.Helper()
	var out []string
	for _, msg := range jsonLines(t, res.Stdout) {
		if msg["type"] == "action_progress" {
			hook, _ := msg["hook"].(map[string]any)
			out = append(out, as[string](t, hook["message"]))
		}
	}
	return out
}

func secretIDs(tg *acctest.Target, sp int64) []string {
	var ids []string
	for _, s := range tg.Emulator.Secrets(sp) {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return ids
}

func hasLine(lines []string, prefix string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

func TestAccServicePrincipalSecretsRevokeAction(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.skipBelow("1.14.0", true)
	sp, other := emulator.DefaultServicePrincipals[0], emulator.DefaultServicePrincipals[1]

	cli.writeConfig(tg, testAccRevokeConfig(sp, "[databricksoauth_service_principal_secret.ci.id]", ""))
	cli.mustRun("apply", "-auto-approve", "-json")
	ci := as[string](t, cli.state()["databricksoauth_service_principal_secret.ci"]["id"])
	leaked := createSecrets(t, tg, sp, 2)
	untouched := createSecrets(t, tg, other, 1)
	before := secretIDs(tg, sp)

	// Dry run, the default: reports, deletes nothing.
	tg.Emulator.ResetLog()
	progress := actionProgress(t, cli.mustRun("apply", "-invoke="+revokeAction, "-auto-approve", "-json"))
	tg.AssertNoMutations(t)
	for _, id := range leaked {
		if !hasLine(progress, "Would revoke secret "+id+" (") {
			t.Errorf("the dry run does not report leaked secret %s: %q", id, progress)
		}
	}
	if !hasLine(progress, "Keeping secret "+ci) || !hasLine(progress, "Dry run: nothing was revoked") {
		t.Errorf("the dry run does not report the kept secret and that nothing was revoked: %q", progress)
	}

	// A mistyped id to keep: nothing is deleted, even with dry_run = false.
	cli.writeConfig(tg, testAccRevokeConfig(sp, `[databricksoauth_service_principal_secret.ci.id, "not-a-secret"]`, "dry_run = false"))
	res := cli.run("apply", "-invoke="+revokeAction, "-auto-approve", "-json")
	// Terraform prefixes the action's error with "Error when invoking action".
	if errs := res.Errors(); res.Err == nil || len(errs) != 1 || !strings.Contains(errs[0].String(), "Secret to keep not found; nothing was revoked") ||
		!strings.Contains(errs[0].String(), "no secret with id not-a-secret") {
		t.Fatalf("want the unknown id to keep refused, got %v %v", res.Err, errs)
	}
	tg.AssertNoMutations(t)

	// The real thing, with one deletion refused by the server: the others go on.
	tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodDelete, PathPattern: "/secrets/" + leaked[1] + "$",
		Status: http.StatusForbidden, Times: 1})
	cli.writeConfig(tg, testAccRevokeConfig(sp, "[databricksoauth_service_principal_secret.ci.id]", "dry_run = false"))
	res = cli.run("apply", "-invoke="+revokeAction, "-auto-approve", "-json")
	progress = actionProgress(t, res)
	if errs := res.Errors(); len(errs) != 1 || !strings.Contains(errs[0].String(), "Cannot revoke 1 OAuth secret(s)") ||
		!strings.Contains(errs[0].String(), leaked[1]+": ") {
		t.Fatalf("want one error naming %s, got %v", leaked[1], errs)
	}
	if !hasLine(progress, "Revoked secret "+leaked[0]) || !hasLine(progress, "Cannot revoke secret "+leaked[1]) {
		t.Errorf("progress does not report each secret: %q", progress)
	}
	if got, want := secretIDs(tg, sp), without(before, leaked[0]); !slices.Equal(got, want) {
		t.Fatalf("secrets after the failed deletion: %v, want %v", got, want)
	}

	// Run again: the secret left is revoked, the managed one kept.
	progress = actionProgress(t, cli.mustRun("apply", "-invoke="+revokeAction, "-auto-approve", "-json"))
	if !hasLine(progress, "Revoked secret "+leaked[1]) || !hasLine(progress, "Revoked 1 of 1 secret(s)") {
		t.Errorf("progress of the second run: %q", progress)
	}
	if got := secretIDs(tg, sp); !slices.Equal(got, []string{ci}) {
		t.Fatalf("secrets of service principal %d: %v, want only the managed %s", sp, got, ci)
	}
	if got := secretIDs(tg, other); !slices.Equal(got, untouched) {
		t.Errorf("the secrets of another service principal changed: %v, want %v", got, untouched)
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Errorf("the managed secret needs changes after the action: %v %v", res.Err, res.Errors())
	}
}

func without(ids []string, drop string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == drop })
}
