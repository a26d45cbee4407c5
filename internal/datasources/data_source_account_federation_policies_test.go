package datasources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// Three account policies with a page size of 2: the list must follow two pages, and
// must not include service principal policies.
func TestAccAccountFederationPoliciesDataSource_allPages(t *testing.T) {
	tg := acctest.New(t)
	policies := `
resource "databricksoauth_account_federation_policy" "p" {
  count       = 3
  policy_id   = "tf-acc-list-${count.index}"
  description = "policy ${count.index}"
  oidc_policy = {
    issuer    = "https://idp${count.index}.example.com"
    audiences = ["databricks"]
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(policies)},
			{
				// Creation runs in parallel, so the list order is not known here: the
				// outputs sort and pick.
				Config: tg.Config(policies + `
data "databricksoauth_account_federation_policies" "all" {}

output "ids" {
  value = sort([for p in data.databricksoauth_account_federation_policies.all.policies : p.policy_id])
}

output "third" {
  value = one([for p in data.databricksoauth_account_federation_policies.all.policies : p if p.policy_id == "tf-acc-list-2"])
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.databricksoauth_account_federation_policies.all", tfjsonpath.New("policies"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownOutputValue("ids", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("tf-acc-list-0"), knownvalue.StringExact("tf-acc-list-1"), knownvalue.StringExact("tf-acc-list-2")})),
					statecheck.ExpectKnownOutputValue("third", knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"description": knownvalue.StringExact("policy 2"),
						"uid":         knownvalue.NotNull(),
						"oidc_policy": knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"issuer":    knownvalue.StringExact("https://idp2.example.com"),
							"audiences": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("databricks")}),
							"subject":   knownvalue.Null(),
						}),
					})),
				},
			},
		},
	})
}
