package resources_test

import (
	"fmt"
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

const customApp = "databricksoauth_custom_app_integration.test"

func testAccCustomAppConfig_full(name string, accessTTL int) string {
	return fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "test" {
  name                   = %[1]q
  confidential           = true
  redirect_urls          = ["https://example.com/callback", "http://localhost:8020"]
  scopes                 = ["all-apis", "offline_access", "openid"]
  user_authorized_scopes = ["openid"]
  token_access_policy = {
    access_token_ttl_in_minutes  = %[2]d
    refresh_token_ttl_in_minutes = 1440
  }
}
`, name, accessTTL)
}

func TestAccCustomAppIntegration_basic(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccCustomAppConfig_full("tf-acc-basic", 60)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("integration_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.StringRegexp(regexp.MustCompile(`.{8,}`))),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("confidential"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("all-apis"), knownvalue.StringExact("offline_access"), knownvalue.StringExact("openid")})),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(60)),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.CompareValuePairs(customApp, tfjsonpath.New("id"), customApp, tfjsonpath.New("integration_id"), compareEqual),
				},
			},
			{
				ResourceName:            customApp,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
		},
	})
}

// A public app has no client secret, and its plan says so: client_secret is planned
// null, not `(sensitive value)`, on create and on a replacement from confidential;
// a confidential app's secret is planned unknown.
func TestAccCustomAppIntegration_public(t *testing.T) {
	tg := acctest.New(t)
	cfg := func(confidential string) string {
		return tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-public"
  redirect_urls = ["http://localhost:8020"]
  ` + confidential + `
}
`)
	}
	secretPlanned := func(action plancheck.ResourceActionType, secret knownvalue.Check) resource.ConfigPlanChecks {
		checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(customApp, action)}
		if secret == nil {
			checks = append(checks, plancheck.ExpectUnknownValue(customApp, tfjsonpath.New("client_secret")))
		} else {
			checks = append(checks, plancheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), secret))
		}
		return resource.ConfigPlanChecks{PreApply: checks}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config:           cfg(""), // confidential defaults to false
				ConfigPlanChecks: secretPlanned(plancheck.ResourceActionCreate, knownvalue.Null()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("confidential"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("scopes"), knownvalue.SetSizeExact(0)),
				},
			},
			{
				Config:           cfg("confidential = true"),
				ConfigPlanChecks: secretPlanned(plancheck.ResourceActionDestroyBeforeCreate, nil),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
				},
			},
			{
				Config:           cfg("confidential = false"),
				ConfigPlanChecks: secretPlanned(plancheck.ResourceActionDestroyBeforeCreate, knownvalue.Null()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccCustomAppIntegration_update(t *testing.T) {
	tg := acctest.New(t)
	withoutPolicy := tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name                   = "tf-acc-update"
  confidential           = true
  redirect_urls          = ["https://example.com/callback", "http://localhost:8020"]
  scopes                 = ["all-apis", "offline_access", "openid"]
  user_authorized_scopes = ["openid"]
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{
			{Config: tg.Config(testAccCustomAppConfig_full("tf-acc-update", 60))},
			{
				// TTL change: in place, and the client secret survives the update.
				Config:           tg.Config(testAccCustomAppConfig_full("tf-acc-update", 120)),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(120)),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
				},
			},
			{
				// Turning on refresh token rotation: the server fills its default absolute
				// session lifetime, which must not cause a diff.
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name                   = "tf-acc-update"
  confidential           = true
  redirect_urls          = ["https://example.com/callback", "http://localhost:8020"]
  scopes                 = ["all-apis", "offline_access", "openid"]
  user_authorized_scopes = ["openid"]
  token_access_policy = {
    access_token_ttl_in_minutes      = 120
    refresh_token_ttl_in_minutes     = 1440
    enable_single_use_refresh_tokens = true
  }
}
`),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
			},
			{
				// Leaving the policy out while rotation is on: the server's policy (with its
				// default absolute lifetime) stays and the plan is empty.
				Config:           withoutPolicy,
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.NotNull()),
				},
			},
			{
				// And off again: the server's absolute lifetime must not be sent back.
				Config:           tg.Config(testAccCustomAppConfig_full("tf-acc-update", 120)),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("enable_single_use_refresh_tokens"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
				},
			},
			{
				// Removing token_access_policy leaves the server's policy alone: no diff.
				Config:           withoutPolicy,
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				// name cannot be updated: replace.
				Config:           tg.Config(testAccCustomAppConfig_full("tf-acc-renamed", 120)),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionReplace),
			},
			{
				// confidential cannot be updated either.
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name = "tf-acc-renamed"
}
`),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccCustomAppIntegration_clearLists(t *testing.T) {
	tg := acctest.New(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccCustomAppConfig_full("tf-acc-clear", 60)),
				Check:  acctest.CaptureAttr(customApp, "id", &id),
			},
			{
				// redirect_urls = [] and the other lists removed: all cleared on the server.
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-clear"
  confidential  = true
  redirect_urls = []
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 1440
  }
}
`),
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
				Check: func(*terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					app, ok := tg.Emulator.CustomApp(id)
					if !ok {
						return fmt.Errorf("integration %s is gone", id)
					}
					if len(app.RedirectURLs)+len(app.Scopes)+len(app.UserAuthorizedScopes) != 0 {
						return fmt.Errorf("server still holds lists: %+v", app)
					}
					return nil
				},
			},
			{
				// The next plan is empty (the harness also checks this after every step).
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-clear"
  confidential  = true
  redirect_urls = []
}
`),
				PlanOnly: true,
			},
		},
	})
}

func TestAccCustomAppIntegration_drift(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	var id string
	cfg := tg.Config(testAccCustomAppConfig_full("tf-acc-drift", 60))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: acctest.CaptureAttr(customApp, "id", &id)},
			{
				// Someone changes the TTL and the scopes in the console.
				PreConfig: func() {
					tg.Emulator.UpdateCustomApp(id, func(a *emulator.CustomApp) {
						a.TokenAccessPolicy.AccessTokenTTLInMinutes = 15
						a.Scopes = []string{"sql"}
						a.UserAuthorizedScopes = nil
					})
				},
				Config:           cfg,
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
			},
			{
				// Someone deletes it: the plan creates it again, no error.
				PreConfig:        func() { tg.Emulator.DeleteCustomApp(id) },
				Config:           cfg,
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionCreate),
			},
			{
				PreConfig:          func() { tg.Emulator.DeleteCustomApp(currentCustomAppID(tg)) },
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccCustomAppIntegration_importBlock(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	tg.Emulator.PutCustomApp(emulator.CustomApp{
		IntegrationID: "0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f", ClientID: "0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f",
		Name: "existing", RedirectURLs: []string{"https://example.com/cb"}, Scopes: []string{"all-apis"},
		TokenAccessPolicy: &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 60, RefreshTokenTTLInMinutes: 10080},
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{{
			Config: tg.Config(`
import {
  to = databricksoauth_custom_app_integration.test
  id = "0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f"
}

resource "databricksoauth_custom_app_integration" "test" {
  name          = "existing"
  redirect_urls = ["https://example.com/cb"]
  scopes        = ["all-apis"]
}
`),
			ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionNoop),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("refresh_token_ttl_in_minutes"), knownvalue.Int64Exact(10080)),
			},
		}},
	})
}

func TestAccCustomAppIntegration_validation(t *testing.T) {
	tg := acctest.New(t)
	bad := func(body string) string {
		return tg.Config(`resource "databricksoauth_custom_app_integration" "test" {` + "\n" + body + "\n}\n")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      bad(`name = "x"` + "\n" + `token_access_policy = { access_token_ttl_in_minutes = 2 }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)token_access_policy.access_token_ttl_in_minutes.*between 5 and 1440, got: 2`),
			},
			{
				Config:      bad(`name = "x"` + "\n" + `token_access_policy = { refresh_token_ttl_in_minutes = 200000 }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)refresh_token_ttl_in_minutes.*between 5 and 129600`),
			},
			{
				Config:      bad(`name = "x"` + "\n" + `token_access_policy = { access_token_ttl_in_minutes = 120, refresh_token_ttl_in_minutes = 60 }`),
				PlanOnly:    true,
				ExpectError: wrapped(`Refresh token TTL below access token TTL.*token_access_policy.refresh_token_ttl_in_minutes is 60 minutes, below token_access_policy.access_token_ttl_in_minutes \(120 minutes\).*set token_access_policy.refresh_token_ttl_in_minutes to 120 or more`),
			},
			{
				Config:      bad(`name = "x"` + "\n" + `token_access_policy = { absolute_session_lifetime_in_minutes = 600 }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)absolute_session_lifetime_in_minutes is only allowed when\s+enable_single_use_refresh_tokens is true`),
			},
			{
				Config:      bad(`name = "x"` + "\n" + `scopes = ["sql"]` + "\n" + `user_authorized_scopes = ["openid"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)user_authorized_scopes must be a subset of scopes.*"openid"`),
			},
			{
				Config:      bad(`name = "x"` + "\n" + `redirect_urls = ["not a url"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`must be an absolute URL`),
			},
			{
				Config:      bad(`name = ""`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)name.*length must be at least 1`),
			},
		},
	})
	tg.AssertNoMutations(t)
}

// A read failure right after create must not lose the integration or its secret:
// the state keeps both (tainted), so the next apply replaces it instead of orphaning it.
func TestAccCustomAppIntegration_secretKeptWhenReadFails(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(testAccCustomAppConfig_full("tf-acc-keep", 60))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					tg.Emulator.InjectFault(emulator.Fault{Method: "GET", PathPattern: `/custom-app-integrations/[^/]+$`, Status: 500, Times: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`cannot read it back`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true, // tainted: the next apply replaces it
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrSet(customApp, "client_secret"),
					resource.TestCheckResourceAttrSet(customApp, "integration_id"),
					func(s *terraform.State) error {
						secret := s.RootModule().Resources[customApp].Primary.Attributes["client_secret"]
						apps := tg.Emulator.CustomApps()
						if len(apps) != 1 || apps[0].ClientSecret != secret {
							return fmt.Errorf("state secret does not match the one integration on the server (%d apps)", len(apps))
						}
						return nil
					},
				),
			},
		},
	})
}
