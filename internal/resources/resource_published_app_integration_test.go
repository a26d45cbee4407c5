package resources_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

const publishedApp = "databricksoauth_published_app_integration.test"

// Apps of the emulator's catalog that are NOT enabled by default.
const (
	testPublishedAppID      = "dbt-cloud"
	testOtherPublishedAppID = "databricks-jdbc"
)

func testAccPublishedAppIntegrationConfig_ttl(appID string, accessTTL int) string {
	return fmt.Sprintf(`
resource "databricksoauth_published_app_integration" "test" {
  app_id = %[1]q
  token_access_policy = {
    access_token_ttl_in_minutes  = %[2]d
    refresh_token_ttl_in_minutes = 1440
  }
}
`, appID, accessTTL)
}

func testAccPublishedAppIntegrationConfig_bare(appID string) string {
	return fmt.Sprintf(`
resource "databricksoauth_published_app_integration" "test" {
  app_id = %[1]q
}
`, appID)
}

// checkPublishedDestroyed asserts that destroy disabled the given apps again.
func checkPublishedDestroyed(tg *acctest.Target, appIDs ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		for _, p := range tg.Emulator.PublishedIntegrations() {
			for _, id := range appIDs {
				if p.AppID == id {
					return fmt.Errorf("published app integration %s (%s) left after destroy", p.IntegrationID, id)
				}
			}
		}
		return nil
	}
}

// publishedIDOf returns the integration id of appID on the emulator, or "".
func publishedIDOf(tg *acctest.Target, appID string) string {
	for _, p := range tg.Emulator.PublishedIntegrations() {
		if p.AppID == appID {
			return p.IntegrationID
		}
	}
	return ""
}

func TestAccPublishedAppIntegration_basic(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkPublishedDestroyed(tg, testPublishedAppID),
		Steps: []resource.TestStep{
			{
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 60)),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("app_id"), knownvalue.StringExact(testPublishedAppID)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("integration_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("name"), knownvalue.StringExact("dbt Cloud")),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("created_by"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(60)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("refresh_token_ttl_in_minutes"), knownvalue.Int64Exact(1440)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("enable_single_use_refresh_tokens"), knownvalue.Bool(false)),
					statecheck.CompareValuePairs(publishedApp, tfjsonpath.New("id"), publishedApp, tfjsonpath.New("integration_id"), compareEqual),
				},
			},
			{
				ResourceName:      publishedApp,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccPublishedAppIntegration_update(t *testing.T) {
	tg := acctest.New(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkPublishedDestroyed(tg, testPublishedAppID, testOtherPublishedAppID),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 60)),
				Check:  acctest.CaptureAttr(publishedApp, "id", &id),
			},
			{
				// Only the access TTL changes: in place, same integration.
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 120)),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(120)),
				},
				Check: func(*terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					p, ok := tg.Emulator.PublishedIntegration(id)
					if !ok || p.TokenAccessPolicy == nil || p.TokenAccessPolicy.AccessTokenTTLInMinutes != 120 {
						return fmt.Errorf("server does not hold the updated policy: %+v", p.TokenAccessPolicy)
					}
					return nil
				},
			},
			{
				// Rotation on: the server fills its default absolute session lifetime,
				// which must not cause a diff.
				Config: tg.Config(fmt.Sprintf(`
resource "databricksoauth_published_app_integration" "test" {
  app_id = %q
  token_access_policy = {
    access_token_ttl_in_minutes      = 120
    refresh_token_ttl_in_minutes     = 1440
    enable_single_use_refresh_tokens = true
  }
}
`, testPublishedAppID)),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.NotNull()),
				},
			},
			{
				// Left out while rotation is on: still a clean plan, and the server keeps
				// rotation and its absolute session lifetime.
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("enable_single_use_refresh_tokens"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.NotNull()),
				},
			},
			{
				// And off again.
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 120)),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
				},
			},
			{
				// Removing token_access_policy leaves the server's policy alone, and what
				// the server holds matches the plan: no diff now, and none after refresh
				// (the harness plans again after the step).
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(120)),
				},
			},
			{
				Config:   tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
				PlanOnly: true,
			},
			{
				// app_id cannot be updated: replace.
				Config:           tg.Config(testAccPublishedAppIntegrationConfig_ttl(testOtherPublishedAppID, 30)),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("app_id"), knownvalue.StringExact(testOtherPublishedAppID)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("name"), knownvalue.StringExact("Databricks JDBC Driver")),
				},
				Check: func(*terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					if _, ok := tg.Emulator.PublishedIntegration(id); ok {
						return fmt.Errorf("the replaced integration %s still exists", id)
					}
					return nil
				},
			},
		},
	})
}

func TestAccPublishedAppIntegration_drift(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	var id string
	cfg := tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 60))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: acctest.CaptureAttr(publishedApp, "id", &id)},
			{
				// Someone changes the TTL in the console.
				PreConfig: func() {
					tg.Emulator.UpdatePublishedIntegration(id, func(p *emulator.PublishedIntegration) {
						p.TokenAccessPolicy.AccessTokenTTLInMinutes = 15
					})
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Applying the same configuration puts it back in place.
				Config:           cfg,
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(60)),
				},
			},
			{
				// Someone disables the app: the plan enables it again, no error.
				PreConfig:        func() { tg.Emulator.DeletePublishedIntegration(id) },
				Config:           cfg,
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionCreate),
				Check: func(*terraform.State) error {
					if publishedIDOf(tg, testPublishedAppID) == "" {
						return fmt.Errorf("%s was not enabled again", testPublishedAppID)
					}
					return nil
				},
			},
		},
	})
}

// An app_id outside the catalog fails at plan time, listing the catalog, before any
// change reaches the server.
func TestAccPublishedAppIntegration_unknownApp(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccPublishedAppIntegrationConfig_bare("tableau-desk")),
				// The whole catalog is listed, including apps beyond the first page.
				ExpectError: regexp.MustCompile(`(?s)Unknown published app.*"tableau-desk" is not in the account's.*` +
					`databricks-cli \(Databricks CLI\).*dbt-cloud \(dbt Cloud\).*tableau-desktop \(Tableau Desktop\)`),
			},
		},
	})
	tg.AssertNoMutations(t)
}

// An app enabled by default is never adopted silently: create is refused with the
// import command; importing it (import block) and then tuning its policy works.
func TestAccPublishedAppIntegration_defaultEnabled(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	const appID = "power-bi"
	withPolicy := fmt.Sprintf(`
resource "databricksoauth_published_app_integration" "test" {
  app_id = %q
  token_access_policy = {
    access_token_ttl_in_minutes  = 30
    refresh_token_ttl_in_minutes = 600
  }
}
`, appID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config: tg.Config(withPolicy),
				ExpectError: regexp.MustCompile(`(?s)Published app integration already exists.*"power-bi" \(Power BI Desktop\).*` +
					`terraform import databricksoauth_published_app_integration\.<name> power-bi.*` +
					`import \{\s+to = databricksoauth_published_app_integration\.<name>\s+id = "power-bi"\s+\}`),
			},
			{
				PreConfig: func() {
					// The refused create sent nothing that changes the account.
					tg.AssertNoMutations(t)
				},
				Config: tg.Config(`
import {
  to = databricksoauth_published_app_integration.test
  id = "power-bi"
}

resource "databricksoauth_published_app_integration" "test" {
  app_id = "power-bi"
}
`),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("integration_id"), knownvalue.StringExact(appID)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("name"), knownvalue.StringExact("Power BI Desktop")),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("created_by"), knownvalue.Null()),
				},
			},
			{
				Config:           tg.Config(withPolicy),
				ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("integration_id"), knownvalue.StringExact(appID)),
					statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(30)),
				},
				Check: func(*terraform.State) error {
					p, ok := tg.Emulator.PublishedIntegration(appID)
					if !ok || p.TokenAccessPolicy == nil || p.TokenAccessPolicy.RefreshTokenTTLInMinutes != 600 {
						return fmt.Errorf("power-bi policy not updated on the server: %+v", p.TokenAccessPolicy)
					}
					return nil
				},
			},
		},
	})
}

// When the POST is answered 409 (another client enabled the app between the check and
// the create), the same import hint is given.
func TestAccPublishedAppIntegration_conflictOnCreate(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				// The pre-create list sees nothing; the app appears before the POST.
				tg.Emulator.InjectFault(emulator.Fault{Method: "GET", PathPattern: `/published-app-integrations$`,
					RawBody: `{"apps":[]}`, ContentType: "application/json"})
				tg.Emulator.PutPublishedIntegration(emulator.PublishedIntegration{IntegrationID: "int-raced", AppID: testPublishedAppID})
			},
			Config: tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import ` +
				`databricksoauth_published_app_integration\.<name> int-raced`),
		}},
	})
}

// The plan-time checks list the catalog and the account's integrations once per
// configured provider, not once per resource: three new integrations in one plan
// cost one listing of each.
func TestAccPublishedAppIntegration_listedOncePerPlan(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.Config(`
resource "databricksoauth_published_app_integration" "test" {
  for_each = toset(["dbt-cloud", "databricks-jdbc", "databricks-odbc"])
  app_id   = each.key
}
`),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	// A PlanOnly step runs two plans (plan, then refresh and plan again), each with a
	// freshly configured provider: one listing each, not one per resource (3 each).
	for what, path := range map[string]string{"catalog": "published-apps", "integrations": "published-app-integrations"} {
		listings := 0
		for _, r := range acctest.Requests(tg.Emulator, http.MethodGet, regexp.MustCompile("^"+regexp.QuoteMeta("/api/2.0/accounts/"+tg.Emulator.AccountID()+"/oauth2/"+path)+"$")) {
			if r.Query.Get("page_token") == "" {
				listings++
			}
		}
		if listings != 2 {
			t.Errorf("the %s was listed %d times in two plans of three new integrations, want 2", what, listings)
		}
	}
}
