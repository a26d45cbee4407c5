package datasources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// Five integrations with a page size of 2: the list must follow three pages.
func TestAccCustomAppIntegrationsDataSource_allPages(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "app" {
  count         = 5
  name          = "tf-acc-list-${count.index}"
  redirect_urls = ["https://example.com/${count.index}"]
  scopes        = ["all-apis"]
}
`),
			},
			{
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "app" {
  count         = 5
  name          = "tf-acc-list-${count.index}"
  redirect_urls = ["https://example.com/${count.index}"]
  scopes        = ["all-apis"]
}

data "databricksoauth_custom_app_integrations" "all" {
  include_creator_username = true
}

data "databricksoauth_custom_app_integration" "one" {
  integration_id = databricksoauth_custom_app_integration.app[3].integration_id
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.databricksoauth_custom_app_integrations.all", tfjsonpath.New("apps"), knownvalue.ListSizeExact(5)),
					statecheck.ExpectKnownValue("data.databricksoauth_custom_app_integrations.all",
						tfjsonpath.New("apps").AtSliceIndex(0).AtMapKey("creator_username"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.databricksoauth_custom_app_integration.one", tfjsonpath.New("name"), knownvalue.StringExact("tf-acc-list-3")),
					statecheck.ExpectKnownValue("data.databricksoauth_custom_app_integration.one", tfjsonpath.New("redirect_urls"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://example.com/3")})),
					statecheck.ExpectKnownValue("data.databricksoauth_custom_app_integration.one", tfjsonpath.New("confidential"), knownvalue.Bool(false)),
				},
			},
		},
	})
}
