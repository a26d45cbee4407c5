package resources_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// A token_access_policy left out of the configuration is unmanaged: an update of
// the integration never sends it, so a change made on the server after the plan (a
// saved plan, -refresh=false, a pause before approval) is not reverted, and the read
// back after the update never contradicts the plan. These run the real CLI: saved
// plans and -refresh=false are not steps of terraform-plugin-testing.

const unmanagedPolicyApp = `
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-unmanaged"
  redirect_urls = [%s]
%s
}
`

// customAppPatches returns the bodies of the custom app PATCHes logged since ResetLog.
func customAppPatches(t *testing.T, tg *acctest.Target) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range tg.Emulator.MutatingRequests() {
		if r.Method == http.MethodPatch && strings.Contains(r.Path, "/custom-app-integrations/") {
			var m map[string]any
			if err := json.Unmarshal(r.Body, &m); err != nil {
				t.Fatalf("PATCH body %q: %v", r.Body, err)
			}
			out = append(out, m)
		}
	}
	return out
}

func unmanagedPolicyConfig(urls, policy string) string {
	return fmt.Sprintf(unmanagedPolicyApp, urls, policy)
}

func hasWarning(res tfResult, summary string) bool {
	for _, w := range res.Warnings() {
		if w.Summary == summary {
			return true
		}
	}
	return false
}

// The policy was managed, then left out; it is tightened while a saved plan that
// changes the redirect URLs waits: applying the plan keeps the tightened policy.
func TestAccCustomAppIntegration_unmanagedPolicySavedPlan(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.writeConfig(tg, unmanagedPolicyConfig(`"https://a.example.com/cb"`, `
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 1440
  }`))
	cli.mustRun("apply", "-auto-approve", "-json")
	id := as[string](t, cli.state()[customApp]["integration_id"])

	cli.writeConfig(tg, unmanagedPolicyConfig(`"https://b.example.com/cb"`, ""))
	cli.mustRun("plan", "-out=tfplan", "-json")
	tg.Emulator.UpdateCustomApp(id, func(a *emulator.CustomApp) {
		a.TokenAccessPolicy = &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 15, RefreshTokenTTLInMinutes: 30}
	})
	tg.Emulator.ResetLog()
	res := cli.mustRun("apply", "-json", "tfplan")

	patches := customAppPatches(t, tg)
	if len(patches) != 1 {
		t.Fatalf("%d PATCHes, want 1", len(patches))
	}
	if _, sent := patches[0]["token_access_policy"]; sent {
		t.Errorf("the unmanaged token_access_policy was sent: %v", patches[0])
	}
	app, _ := tg.Emulator.CustomApp(id)
	if p := app.TokenAccessPolicy; p == nil || p.AccessTokenTTLInMinutes != 15 || p.RefreshTokenTTLInMinutes != 30 {
		t.Errorf("the tightened policy was reverted: %+v", p)
	}
	if len(app.RedirectURLs) != 1 || app.RedirectURLs[0] != "https://b.example.com/cb" {
		t.Errorf("redirect_urls not updated: %v", app.RedirectURLs)
	}
	if !hasWarning(res, "Token access policy changed outside Terraform") {
		t.Errorf("no warning about the policy changed since the plan: %v", res.Warnings())
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Errorf("the next plan is not empty: %v %v", res.Err, res.Errors())
	}
	cli.mustRun("apply", "-refresh-only", "-auto-approve", "-json")
	if p := as[map[string]any](t, cli.state()[customApp]["token_access_policy"]); p["access_token_ttl_in_minutes"] != float64(15) {
		t.Errorf("after a refresh the state has %v, want the server's policy", p)
	}
}

// The state holds no policy (the server had none); one is set on the server, and an
// update is applied with -refresh=false: no "inconsistent result", nothing reverted.
func TestAccCustomAppIntegration_unmanagedNullPolicyNoRefresh(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.writeConfig(tg, unmanagedPolicyConfig(`"https://a.example.com/cb"`, ""))
	cli.mustRun("apply", "-auto-approve", "-json")
	st := cli.state()[customApp]
	if st["token_access_policy"] != nil {
		t.Fatalf("the emulator holds a policy for an app created without one: %v", st["token_access_policy"])
	}
	id := as[string](t, st["integration_id"])

	tg.Emulator.UpdateCustomApp(id, func(a *emulator.CustomApp) {
		a.TokenAccessPolicy = &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 15, RefreshTokenTTLInMinutes: 30}
	})
	cli.writeConfig(tg, unmanagedPolicyConfig(`"https://b.example.com/cb"`, ""))
	tg.Emulator.ResetLog()
	cli.mustRun("apply", "-refresh=false", "-auto-approve", "-json")

	for _, p := range customAppPatches(t, tg) {
		if _, sent := p["token_access_policy"]; sent {
			t.Errorf("the unmanaged token_access_policy was sent: %v", p)
		}
	}
	if app, _ := tg.Emulator.CustomApp(id); app.TokenAccessPolicy == nil || app.TokenAccessPolicy.AccessTokenTTLInMinutes != 15 {
		t.Errorf("server policy %+v, want the one set outside Terraform", app.TokenAccessPolicy)
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Errorf("the next plan is not empty: %v %v", res.Err, res.Errors())
	}
}
