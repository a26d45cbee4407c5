package resources_test

// Plans that explain themselves: the warnings a plan shows for a published app about
// to be disabled, a misspelt scope and a secret renewed by early_renewal_hours. They
// run the real CLI, as terraform-plugin-testing drops warnings.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources"
)

// warningsAbout returns the warnings whose summary contains s.
func warningsAbout(res tfResult, s string) []tfDiag {
	var out []tfDiag
	for _, w := range res.Warnings() {
		if strings.Contains(w.Summary, s) {
			out = append(out, w)
		}
	}
	return out
}

// A plan that deletes a published app integration (destroy, removal from the
// configuration, a new app_id) warns that the app is disabled account-wide, more
// strongly for an app enabled by default, and shows the removed block that keeps it
// enabled; that block does keep it enabled. Plans that delete nothing stay silent.
func TestAccPlanWarnings_publishedAppDisabled(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.skipBelow("1.7.0", false) // its last step declares a removed block
	both := `
import {
  to = databricksoauth_published_app_integration.power_bi
  id = "power-bi"
}

resource "databricksoauth_published_app_integration" "power_bi" {
  app_id = "power-bi"
}

resource "databricksoauth_published_app_integration" "dbt" {
  app_id = "dbt-cloud"
}
`
	cli.writeConfig(tg, both)
	if res := cli.mustRun("apply", "-auto-approve", "-json"); len(warningsAbout(res, "disabled")) != 0 {
		t.Fatalf("apply that deletes nothing warned: %v", res.Warnings())
	}
	dbtID := publishedIDOf(tg, "dbt-cloud")
	if res := cli.mustRun("plan", "-json"); len(res.Warnings()) != 0 {
		t.Fatalf("plan without changes warned: %v", res.Warnings())
	}

	const removedHint = "removed {\n    from = databricksoauth_published_app_integration.<name>\n    lifecycle {\n      destroy = false\n    }\n  }"
	res := cli.mustRun("plan", "-destroy", "-json")
	pbi := warningsAbout(res, "Power BI Desktop (power-bi), enabled by default, will be disabled for the whole account")
	if len(pbi) != 1 || pbi[0].Address != "databricksoauth_published_app_integration.power_bi" ||
		!strings.Contains(pbi[0].Detail, "every user of Power BI Desktop (power-bi) loses OAuth sign-in") ||
		!strings.Contains(pbi[0].Detail, "power-bi is enabled by default in every Databricks account") ||
		!strings.Contains(pbi[0].Detail, removedHint) {
		t.Errorf("want the default-app warning on power_bi, got %v", res.Warnings())
	}
	dbt := warningsAbout(res, "dbt Cloud (dbt-cloud) will be disabled for the whole account")
	if len(dbt) != 1 || !strings.Contains(dbt[0].Detail, "Deleting published app integration "+dbtID+" disables the app") ||
		strings.Contains(dbt[0].Detail, "enabled by default") || !strings.Contains(dbt[0].Detail, removedHint) {
		t.Errorf("want the plain warning on dbt, got %v", res.Warnings())
	}
	if len(res.Warnings()) != 2 {
		t.Errorf("want 2 warnings, got %v", res.Warnings())
	}

	// A new app_id replaces the integration: the old app is disabled.
	cli.writeConfig(tg, strings.Replace(both, `app_id = "dbt-cloud"`, `app_id = "databricks-jdbc"`, 1))
	res = cli.mustRun("plan", "-json")
	if w := warningsAbout(res, "dbt Cloud (dbt-cloud) will be disabled"); len(w) != 1 ||
		!strings.Contains(w[0].Detail, `app_id changes to "databricks-jdbc"`) || len(res.Warnings()) != 1 {
		t.Errorf("want one replacement warning for dbt, got %v", res.Warnings())
	}

	// The safe pattern from the warning: nothing is deleted, and nothing warns.
	cli.writeConfig(tg, `
resource "databricksoauth_published_app_integration" "dbt" {
  app_id = "dbt-cloud"
}

removed {
  from = databricksoauth_published_app_integration.power_bi
  lifecycle {
    destroy = false
  }
}
`)
	res = cli.mustRun("apply", "-auto-approve", "-json")
	if w := warningsAbout(res, "disabled"); len(w) != 0 {
		t.Errorf("the removed block warned: %v", w)
	}
	if _, ok := tg.Emulator.PublishedIntegration("power-bi"); !ok {
		t.Fatal("the removed block disabled power-bi")
	}
	if _, ok := cli.state()["databricksoauth_published_app_integration.power_bi"]; ok {
		t.Error("power_bi is still in state after the removed block")
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
	if publishedIDOf(tg, "dbt-cloud") != "" {
		t.Error("destroy left dbt-cloud enabled")
	}
}

// A scope a letter or two from a known one warns at plan (naming the known scope and
// the attribute), and does not stop the apply; a granular scope the provider does
// not know stays silent.
func TestAccPlanWarnings_scopeTypo(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.writeConfig(tg, `
resource "databricksoauth_custom_app_integration" "test" {
  name                   = "tf-acc-scope-typo"
  redirect_urls          = ["https://example.com/callback"]
  scopes                 = ["all-api", "offline_acess", "clusters"]
  user_authorized_scopes = ["offline_acess"]
}
`)
	res := cli.mustRun("plan", "-json")
	typos := warningsAbout(res, "Possible typo in OAuth scope")
	want := map[string]int{
		`"all-api" is not a known scope: did you mean "all-apis"?`:             1,
		`"offline_acess" is not a known scope: did you mean "offline_access"?`: 2, // scopes and user_authorized_scopes
	}
	got := map[string]int{}
	for _, w := range typos {
		for k := range want {
			if strings.HasPrefix(w.Detail, k) {
				got[k]++
			}
		}
		if strings.Contains(w.Detail, `"clusters"`) {
			t.Errorf("a warning names the granular scope clusters: %v", w)
		}
	}
	if len(typos) != 3 || got[`"all-api" is not a known scope: did you mean "all-apis"?`] != 1 ||
		got[`"offline_acess" is not a known scope: did you mean "offline_access"?`] != 2 {
		t.Errorf("want 3 typo warnings (all-api once, offline_acess twice), got %v", res.Warnings())
	}
	cli.mustRun("apply", "-auto-approve", "-json")
	if apps := tg.Emulator.CustomApps(); len(apps) != 1 {
		t.Fatalf("the warning stopped the apply: %d apps", len(apps))
	}
	cli.writeConfig(tg, `
resource "databricksoauth_custom_app_integration" "test" {
  name                   = "tf-acc-scope-typo"
  redirect_urls          = ["https://example.com/callback"]
  scopes                 = ["all-apis", "offline_access", "clusters"]
  user_authorized_scopes = ["offline_access"]
}
`)
	if res := cli.mustRun("apply", "-auto-approve", "-json"); len(res.Warnings()) != 0 {
		t.Errorf("correct scopes warned: %v", res.Warnings())
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
}

// A replacement by early_renewal_hours says why, with the window and the expiry;
// other plans of the same secret say nothing.
func TestAccPlanWarnings_earlyRenewal(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cli := newTFCLI(t)
	cli.writeConfig(tg, testAccServicePrincipalSecretConfig(sp, `lifetime            = "7200s"
  early_renewal_hours = 1
  lifecycle {
    create_before_destroy = true
  }`))
	if res := cli.mustRun("apply", "-auto-approve", "-json"); len(res.Warnings()) != 0 {
		t.Fatalf("create warned: %v", res.Warnings())
	}
	if res := cli.mustRun("plan", "-json"); len(res.Warnings()) != 0 {
		t.Fatalf("a plan outside the window warned: %v", res.Warnings())
	}
	id, _ := cli.state()[spSecret]["id"].(string)
	expire := time.Now().Add(30 * time.Minute).UTC().Truncate(time.Second)
	if !tg.Emulator.UpdateSecret(sp, id, func(s *emulator.Secret) { s.ExpireTime = expire }) {
		t.Fatalf("secret %s not on the emulator", id)
	}
	res := cli.mustRun("plan", "-json")
	w := warningsAbout(res, "Secret renewed: it expires within early_renewal_hours")
	wantDetail := fmt.Sprintf("OAuth secret %s of service principal %d expires at %s. early_renewal_hours = 1 renews it from %s on",
		id, sp, expire.Format(time.RFC3339), expire.Add(-time.Hour).Format(time.RFC3339))
	if len(w) != 1 || len(res.Warnings()) != 1 || !strings.HasPrefix(w[0].Detail, wantDetail) || w[0].Address != spSecret {
		t.Fatalf("want one warning starting %q on %s, got %v", wantDetail, spSecret, res.Warnings())
	}
	cli.mustRun("apply", "-auto-approve", "-json")
	if res := cli.mustRun("plan", "-json"); len(res.Warnings()) != 0 {
		t.Errorf("the plan after the renewal warned: %v", res.Warnings())
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
}

// The same warning from ModifyPlan itself, for the cases a CLI run cannot reach
// cheaply: an app_id known only at apply, and an update in place.
func TestPublishedAppIntegrationDisableWarning(t *testing.T) {
	ctx := context.Background()
	r := resources.NewPublishedAppIntegrationResource()
	var sresp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sresp)
	objType := as[tftypes.Object](t, sresp.Schema.Type().TerraformType(ctx))
	value := func(appID any, integrationID, name string, accessTTL int64) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for n, typ := range objType.AttributeTypes {
			vals[n] = tftypes.NewValue(typ, nil)
		}
		vals["app_id"] = tftypes.NewValue(tftypes.String, appID)
		vals["id"] = tftypes.NewValue(tftypes.String, integrationID)
		vals["integration_id"] = tftypes.NewValue(tftypes.String, integrationID)
		vals["name"] = tftypes.NewValue(tftypes.String, name)
		policyType := as[tftypes.Object](t, objType.AttributeTypes["token_access_policy"])
		policy := map[string]tftypes.Value{}
		for n, typ := range policyType.AttributeTypes {
			policy[n] = tftypes.NewValue(typ, nil)
		}
		policy["access_token_ttl_in_minutes"] = tftypes.NewValue(tftypes.Number, accessTTL)
		vals["token_access_policy"] = tftypes.NewValue(policyType, policy)
		return tftypes.NewValue(objType, vals)
	}
	null := tftypes.NewValue(objType, nil)
	for _, tc := range []struct {
		name        string
		state, plan tftypes.Value
		summary     string // "" for no warning
		detail      string
	}{
		{"destroy, default app", value("power-bi", "power-bi", "Power BI Desktop", 60), null,
			"Power BI Desktop (power-bi), enabled by default, will be disabled for the whole account", "power-bi is enabled by default"},
		{"destroy, default app imported with a generated id", value("tableau-desktop", "9f0c", "Tableau Desktop", 60), null,
			"Tableau Desktop (tableau-desktop), enabled by default, will be disabled for the whole account", "destroy = false"},
		{"destroy, other app", value("dbt-cloud", "9f0c", "dbt Cloud", 60), null,
			"dbt Cloud (dbt-cloud) will be disabled for the whole account", "Deleting published app integration 9f0c disables the app"},
		{"replacement, new app_id unknown", value("dbt-cloud", "9f0c", "dbt Cloud", 60), value(tftypes.UnknownValue, "9f0c", "dbt Cloud", 60),
			"dbt Cloud (dbt-cloud) will be disabled for the whole account", "app_id may change (its new value is known only at apply)"},
		{"update in place", value("dbt-cloud", "9f0c", "dbt Cloud", 60), value("dbt-cloud", "9f0c", "dbt Cloud", 30), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := fwresource.ModifyPlanRequest{
				State: tfsdk.State{Schema: sresp.Schema, Raw: tc.state},
				Plan:  tfsdk.Plan{Schema: sresp.Schema, Raw: tc.plan},
			}
			resp := fwresource.ModifyPlanResponse{Plan: tfsdk.Plan{Schema: sresp.Schema, Raw: tc.plan}}
			as[fwresource.ResourceWithModifyPlan](t, r).ModifyPlan(ctx, req, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("errors: %v", resp.Diagnostics)
			}
			warns := resp.Diagnostics.Warnings()
			if tc.summary == "" {
				if len(warns) != 0 {
					t.Fatalf("want no warning, got %v", warns)
				}
				return
			}
			if len(warns) != 1 || warns[0].Summary() != tc.summary || !strings.Contains(warns[0].Detail(), tc.detail) {
				t.Fatalf("want one warning %q containing %q, got %v", tc.summary, tc.detail, warns)
			}
		})
	}
}
