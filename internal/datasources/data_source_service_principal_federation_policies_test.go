package datasources_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Three policies on one service principal (page size 2: two pages), one on another
// and one account policy: the list holds exactly the first three.
func TestAccServicePrincipalFederationPoliciesDataSource_allPages(t *testing.T) {
	acctest.EmulatorOnly(t) // needs two service principals
	tg := acctest.New(t)
	sp, other := emulator.DefaultServicePrincipals[0], emulator.DefaultServicePrincipals[1]
	policies := fmt.Sprintf(`
resource "databricksoauth_service_principal_federation_policy" "p" {
  count                = 3
  service_principal_id = %[1]d
  policy_id            = "gha-${count.index}"
  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = "repo:my-org/repo-${count.index}:environment:prod"
  }
}

resource "databricksoauth_service_principal_federation_policy" "other" {
  service_principal_id = %[2]d
  policy_id            = "gha-other"
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/other:environment:prod"
  }
}

resource "databricksoauth_account_federation_policy" "account" {
  policy_id   = "account-wide"
  oidc_policy = { issuer = "https://idp.example.com" }
}
`, sp, other)
	const ds = "data.databricksoauth_service_principal_federation_policies.all"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(policies)},
			{
				// Creation runs in parallel, so the list order is not known here: the
				// outputs sort and pick.
				Config: tg.Config(policies + fmt.Sprintf(`
data "databricksoauth_service_principal_federation_policies" "all" {
  service_principal_id = %d
}

output "ids" {
  value = sort([for p in data.databricksoauth_service_principal_federation_policies.all.policies : p.policy_id])
}

output "third" {
  value = one([for p in data.databricksoauth_service_principal_federation_policies.all.policies : p if p.policy_id == "gha-2"])
}
`, sp)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("policies"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownOutputValue("ids", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("gha-0"), knownvalue.StringExact("gha-1"), knownvalue.StringExact("gha-2")})),
					statecheck.ExpectKnownOutputValue("third", knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"oidc_policy": knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"subject": knownvalue.StringExact("repo:my-org/repo-2:environment:prod"),
						}),
					})),
				},
			},
		},
	})
}
