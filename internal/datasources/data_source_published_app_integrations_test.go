package datasources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The default-enabled integrations plus one more span three pages of 2: the list must
// return them all, in creation order.
func TestAccPublishedAppIntegrationsDataSource_allPages(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resourceCfg := `
resource "databricksoauth_published_app_integration" "jdbc" {
  app_id = "databricks-jdbc"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(resourceCfg)},
			{
				Config: tg.Config(resourceCfg + `
data "databricksoauth_published_app_integrations" "all" {}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.databricksoauth_published_app_integrations.all", tfjsonpath.New("apps"),
						knownvalue.ListSizeExact(len(emulator.DefaultEnabledApps)+1)),
					statecheck.ExpectKnownValue("data.databricksoauth_published_app_integrations.all", tfjsonpath.New("apps"),
						knownvalue.ListPartial(map[int]knownvalue.Check{
							0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"integration_id": knownvalue.StringExact("databricks-cli"),
								"app_id":         knownvalue.StringExact("databricks-cli"),
								"created_by":     knownvalue.Null(),
							}),
							len(emulator.DefaultEnabledApps): knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"app_id": knownvalue.StringExact("databricks-jdbc"),
								"name":   knownvalue.StringExact("Databricks JDBC Driver"),
							}),
						})),
				},
			},
		},
	})
}
