package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

func TestAccAccountFederationPolicyDataSource_basic(t *testing.T) {
	tg := acctest.New(t)
	const ds = "data.databricksoauth_account_federation_policy.one"
	const res = "databricksoauth_account_federation_policy.p"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(`
resource "databricksoauth_account_federation_policy" "p" {
  description = "Okta"
  oidc_policy = {
    issuer        = "https://idp.example.com/oauth2/default"
    subject_claim = "email"
  }
}

data "databricksoauth_account_federation_policy" "one" {
  policy_id = databricksoauth_account_federation_policy.p.policy_id
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(ds, tfjsonpath.New("uid"), res, tfjsonpath.New("uid"), compare.ValuesSame()),
					statecheck.CompareValuePairs(ds, tfjsonpath.New("name"), res, tfjsonpath.New("name"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("description"), knownvalue.StringExact("Okta")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.StringExact("email")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("create_time"), knownvalue.NotNull()),
				},
			},
			{
				Config: tg.Config(`
data "databricksoauth_account_federation_policy" "one" {
  policy_id = "does-not-exist"
}
`),
				ExpectError: regexp.MustCompile(`(?s)Cannot read account federation policy does-not-exist.*RESOURCE_DOES_NOT_EXIST`),
			},
		},
	})
}
