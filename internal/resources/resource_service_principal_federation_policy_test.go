package resources_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

const spFedPolicy = "databricksoauth_service_principal_federation_policy.test"

func testAccServicePrincipalFederationPolicyConfig(sp int64, body string) string {
	return fmt.Sprintf(`
resource "databricksoauth_service_principal_federation_policy" "test" {
  service_principal_id = %[1]d
%[2]s
}
`, sp, body)
}

// testAccServicePrincipalFederationPolicyConfig_github is a GitHub Actions policy.
func testAccServicePrincipalFederationPolicyConfig_github(sp int64, policyID, description, subject string) string {
	return testAccServicePrincipalFederationPolicyConfig(sp, fmt.Sprintf(`
  policy_id   = %[1]q
  description = %[2]q
  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = %[3]q
  }
`, policyID, description, subject))
}

// spFedPolicyImportID is the composite import id of the policy in state.
func spFedPolicyImportID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[spFedPolicy]
	if !ok {
		return "", fmt.Errorf("%s not in state", spFedPolicy)
	}
	return rs.Primary.Attributes["service_principal_id"] + "/" + rs.Primary.Attributes["policy_id"], nil
}

// checkOnlySPPolicyInState asserts that the service principal has exactly one policy
// on the server and that it is the one in state.
func checkOnlySPPolicyInState(tg *acctest.Target, sp int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[spFedPolicy]
		if !ok {
			return fmt.Errorf("%s not in state", spFedPolicy)
		}
		ps := tg.Emulator.ServicePrincipalPolicies(sp)
		if len(ps) != 1 || ps[0].PolicyID != rs.Primary.Attributes["policy_id"] || ps[0].UID != rs.Primary.Attributes["uid"] {
			return fmt.Errorf("service principal %d holds %d policies (%+v); state has %q", sp, len(ps), ps, rs.Primary.Attributes["policy_id"])
		}
		return nil
	}
}

func checkSPPoliciesDestroyed(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		for _, sp := range emulator.DefaultServicePrincipals {
			if ps := tg.Emulator.ServicePrincipalPolicies(sp); len(ps) != 0 {
				return fmt.Errorf("%d federation policies of service principal %d left after destroy", len(ps), sp)
			}
		}
		return nil
	}
}

func TestAccServicePrincipalFederationPolicy_basic(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-gha", "GitHub Actions, prod",
					"repo:my-org/my-repo:environment:prod")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spFedPolicy, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d/tf-acc-gha", sp))),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(sp)),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("policy_id"), knownvalue.StringExact("tf-acc-gha")),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("name"), knownvalue.StringRegexp(
						regexp.MustCompile(fmt.Sprintf(`^accounts/[^/]+/servicePrincipals/%d/federationPolicies/tf-acc-gha$`, sp)))),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("uid"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("subject"),
						knownvalue.StringExact("repo:my-org/my-repo:environment:prod")),
					// The server's default subject claim is not echoed: null, no diff.
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.Null()),
				},
			},
			{
				ResourceName:      spFedPolicy,
				ImportState:       true,
				ImportStateIdFunc: spFedPolicyImportID,
				ImportStateVerify: true,
			},
			{
				ResourceName:  spFedPolicy,
				ImportState:   true,
				ImportStateId: "tf-acc-gha",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*Expected\s+<service_principal_id>/<policy_id>, e.g. 1001/my-policy`),
			},
			{
				ResourceName:  spFedPolicy,
				ImportState:   true,
				ImportStateId: "my-sp/tf-acc-gha",
				ExpectError:   regexp.MustCompile(`(?s)Expected\s+<service_principal_id>/<policy_id>.*positive\s+integer`),
			},
		},
	})
}

// Azure DevOps: no policy_id, so the provider chooses it.
func TestAccServicePrincipalFederationPolicy_generatedID(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccServicePrincipalFederationPolicyConfig(sp, `
  oidc_policy = {
    issuer    = "https://vstoken.dev.azure.com/0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f"
    audiences = ["api://AzureADTokenExchange"]
    subject   = "p://my-org/my-project/my-pipeline"
  }
`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("policy_id"), knownvalue.StringRegexp(generatedPolicyIDRe)),
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("id"), knownvalue.StringRegexp(
						regexp.MustCompile(fmt.Sprintf(`^%d/tf-[0-9a-f]{16}$`, sp)))),
				},
				Check: func(s *terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					posts := fedPolicyPosts(tg)
					id := s.RootModule().Resources[spFedPolicy].Primary.Attributes["policy_id"]
					if len(posts) != 1 || posts[0].Query.Get("policy_id") != id {
						return fmt.Errorf("create requests %+v, state id %q", posts, id)
					}
					return checkOnlySPPolicyInState(tg, sp)(s)
				},
			},
			{
				ResourceName:      spFedPolicy,
				ImportState:       true,
				ImportStateIdFunc: spFedPolicyImportID,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccServicePrincipalFederationPolicy_update(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(spFedPolicy, plancheck.ResourceActionUpdate),
	}}
	cfg := func(description, subject string) string {
		return tg.Config(testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-upd", description, subject))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{Config: cfg("one", "repo:my-org/my-repo:environment:prod")},
			{
				PreConfig:        tg.Emulator.ResetLog,
				Config:           cfg("two", "repo:my-org/my-repo:environment:prod"),
				ConfigPlanChecks: update,
				Check:            checkFedPolicyPatches(tg, "description"),
			},
			{
				PreConfig:        tg.Emulator.ResetLog,
				Config:           cfg("two", "repo:my-org/my-repo:ref:refs/heads/main"),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("subject"),
						knownvalue.StringExact("repo:my-org/my-repo:ref:refs/heads/main")),
				},
				Check: checkFedPolicyPatches(tg, "oidc_policy.subject"),
			},
			{
				// Only the issuer (GitHub Enterprise Server), and the audiences and
				// description removed: cleared on the server.
				PreConfig: tg.Emulator.ResetLog,
				Config: tg.Config(testAccServicePrincipalFederationPolicyConfig(sp, `
  policy_id = "tf-acc-upd"
  oidc_policy = {
    issuer  = "https://ghe.example.com/_services/token"
    subject = "repo:my-org/my-repo:ref:refs/heads/main"
  }
`)),
				ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					checkFedPolicyPatches(tg, "description,oidc_policy.issuer,oidc_policy.audiences"),
					func(*terraform.State) error {
						p, _ := tg.Emulator.ServicePrincipalPolicy(sp, "tf-acc-upd")
						if p.Description != "" || len(p.OIDCPolicy.Audiences) != 0 || p.OIDCPolicy.Issuer != "https://ghe.example.com/_services/token" ||
							p.OIDCPolicy.Subject != "repo:my-org/my-repo:ref:refs/heads/main" {
							return fmt.Errorf("server policy: %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					},
				),
			},
			{
				// A custom subject claim.
				PreConfig: tg.Emulator.ResetLog,
				Config: tg.Config(testAccServicePrincipalFederationPolicyConfig(sp, `
  policy_id = "tf-acc-upd"
  oidc_policy = {
    issuer        = "https://ghe.example.com/_services/token"
    subject       = "my-org/my-repo"
    subject_claim = "repository"
  }
`)),
				ConfigPlanChecks: update,
				Check:            checkFedPolicyPatches(tg, "oidc_policy.subject,oidc_policy.subject_claim"),
			},
		},
	})
}

// service_principal_id and policy_id cannot change in place.
func TestAccServicePrincipalFederationPolicy_replace(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp, other := emulator.DefaultServicePrincipals[0], emulator.DefaultServicePrincipals[1]
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(spFedPolicy, plancheck.ResourceActionReplace),
	}}
	const subject = "repo:my-org/my-repo:environment:prod"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{Config: tg.Config(testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-repl", "d", subject))},
			{
				Config:           tg.Config(testAccServicePrincipalFederationPolicyConfig_github(other, "tf-acc-repl", "d", subject)),
				ConfigPlanChecks: replace,
				Check: resource.ComposeTestCheckFunc(
					checkOnlySPPolicyInState(tg, other),
					func(*terraform.State) error {
						if n := len(tg.Emulator.ServicePrincipalPolicies(sp)); n != 0 {
							return fmt.Errorf("old service principal still holds %d policies", n)
						}
						return nil
					},
				),
			},
			{
				Config:           tg.Config(testAccServicePrincipalFederationPolicyConfig_github(other, "tf-acc-repl-2", "d", subject)),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spFedPolicy, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d/tf-acc-repl-2", other))),
				},
				Check: checkOnlySPPolicyInState(tg, other),
			},
		},
	})
}

func TestAccServicePrincipalFederationPolicy_drift(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cfg := tg.Config(testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-drift", "d", "repo:my-org/my-repo:environment:prod"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					tg.Emulator.UpdateServicePrincipalPolicy(sp, "tf-acc-drift", func(p *emulator.FederationPolicy) {
						p.OIDCPolicy.Subject = "repo:attacker/repo:environment:prod"
					})
					tg.Emulator.ResetLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spFedPolicy, plancheck.ResourceActionUpdate),
				}},
				Check: checkFedPolicyPatches(tg, "oidc_policy.subject"),
			},
			{
				PreConfig: func() { tg.Emulator.DeleteServicePrincipalPolicy(sp, "tf-acc-drift") },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spFedPolicy, plancheck.ResourceActionCreate),
				}},
				Check: checkOnlySPPolicyInState(tg, sp),
			},
		},
	})
}

func TestAccServicePrincipalFederationPolicy_unknownServicePrincipal(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      tg.Config(testAccServicePrincipalFederationPolicyConfig_github(987654, "tf-acc-nosp", "d", "repo:my-org/my-repo:environment:prod")),
			ExpectError: regexp.MustCompile(`(?s)Service principal 987654 not found.*service principal 987654 does\s+not\s+exist\s+in\s+this\s+account`),
		}},
	})
}

func TestAccServicePrincipalFederationPolicy_validation(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	// Terraform wraps long messages: any space in want matches any run of white space.
	step := func(cfg, want string) resource.TestStep {
		return resource.TestStep{Config: tg.Config(cfg), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(testAccServicePrincipalFederationPolicyConfig(sp, `  oidc_policy = { issuer = "https://token.actions.githubusercontent.com" }`),
				`(?s)"oidc_policy": attribute "subject" is required`),
			step(testAccServicePrincipalFederationPolicyConfig(sp, `  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = ""
  }`), `(?s)oidc_policy.subject.*length must be at least 1`),
			step(testAccServicePrincipalFederationPolicyConfig(0, `  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }`), `(?s)service_principal_id.*must be at least 1, got: 0`),
			step(testAccServicePrincipalFederationPolicyConfig(sp, `  oidc_policy = {
    issuer  = "http://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }`), `(?s)oidc_policy.issuer.*must be an https:// URL`),
			step(`
resource "databricksoauth_service_principal_federation_policy" "test" {
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }
}
`, `(?s)"service_principal_id" is required`),
			step(testAccServicePrincipalFederationPolicyConfig(sp, `  policy_id = "GitHub.Prod"
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }`), `(?s)policy_id.*must be 1 to 63 characters long and contain only lowercase letters`),
		},
	})
	tg.AssertNoMutations(t)
}

// The 503 variant: the SDK retries the applied create and gets a 409 for the id the
// provider chose, which it adopts.
func TestAccServicePrincipalFederationPolicy_lostCreateAnswer(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPPoliciesDestroyed(tg),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				tg.Emulator.InjectFault(emulator.Fault{Method: "POST", PathPattern: federationPoliciesPath, ApplyFirst: true, Status: http.StatusServiceUnavailable})
			},
			Config: tg.Config(testAccServicePrincipalFederationPolicyConfig(sp, `
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/my-repo:environment:prod"
  }
`)),
			Check: resource.ComposeTestCheckFunc(
				checkOnlySPPolicyInState(tg, sp),
				func(*terraform.State) error {
					if n := len(fedPolicyPosts(tg)); n != 2 {
						return fmt.Errorf("%d create requests, want 2 (the SDK's retry)", n)
					}
					return nil
				},
			),
		}},
	})
}
