package datasources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

func TestAccServicePrincipalFederationPolicyDataSource_basic(t *testing.T) {
	tg := acctest.New(t)
	const ds = "data.databricksoauth_service_principal_federation_policy.one"
	const res = "databricksoauth_service_principal_federation_policy.p"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(fmt.Sprintf(`
resource "databricksoauth_service_principal_federation_policy" "p" {
  service_principal_id = %[1]d
  oidc_policy = {
    issuer    = "https://vstoken.dev.azure.com/0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f"
    audiences = ["api://AzureADTokenExchange"]
    subject   = "p://my-org/my-project/my-pipeline"
  }
}

data "databricksoauth_service_principal_federation_policy" "one" {
  service_principal_id = databricksoauth_service_principal_federation_policy.p.service_principal_id
  policy_id            = databricksoauth_service_principal_federation_policy.p.policy_id
}
`, tg.ServicePrincipalID)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(ds, tfjsonpath.New("uid"), res, tfjsonpath.New("uid"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(tg.ServicePrincipalID)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("subject"), knownvalue.StringExact("p://my-org/my-project/my-pipeline")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("audiences"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("api://AzureADTokenExchange")})),
				},
			},
			{
				Config: tg.Config(`
data "databricksoauth_service_principal_federation_policy" "one" {
  service_principal_id = 987654
  policy_id            = "any"
}
`),
				ExpectError: regexp.MustCompile(`(?s)Cannot read federation policy any of service principal 987654`),
			},
		},
	})
}
