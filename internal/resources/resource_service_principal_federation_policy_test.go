package resources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Most of the service principal federation policy's tests are the table over both
// scopes in federation_policy_scopes_test.go; here are those only this scope has.

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

// checkOnlySPPolicyInState asserts that the service principal has exactly one policy
// on the server and that it is the one in state.
func checkOnlySPPolicyInState(tg *acctest.Target, sp int64) resource.TestCheckFunc {
	return fedScope{acctest.FederationScope{Name: "service_principal", SP: sp}}.onlyOneInState(tg)
}

// checkSPPoliciesDestroyed is the CheckDestroy of tests of service principal
// policies: none left on any of the seeded service principals.
func checkSPPoliciesDestroyed(tg *acctest.Target) resource.TestCheckFunc {
	return tg.ServerHoldsNone("service principal federation policies", func(e *emulator.Emulator) int {
		n := 0
		for _, sp := range emulator.DefaultServicePrincipals {
			n += len(e.ServicePrincipalPolicies(sp))
		}
		return n
	})
}

// service_principal_id and policy_id cannot change in place.
func TestAccServicePrincipalFederationPolicy_replace(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp, other := emulator.DefaultServicePrincipals[0], emulator.DefaultServicePrincipals[1]
	replace := expectAction(spFedPolicy, plancheck.ResourceActionReplace)
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
					tg.ServerHoldsNone("policies of the old service principal", func(e *emulator.Emulator) int {
						return len(e.ServicePrincipalPolicies(sp))
					}),
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
