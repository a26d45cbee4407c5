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

// Reads an app enabled by default (integration id = app id) and one enabled by
// Terraform; an unknown id is an error.
func TestAccPublishedAppIntegrationDataSource_basic(t *testing.T) {
	tg := acctest.New(t)
	cfg := tg.Config(`
resource "databricksoauth_published_app_integration" "dbt" {
  app_id = "dbt-cloud"
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 600
  }
}

data "databricksoauth_published_app_integration" "dbt" {
  integration_id = databricksoauth_published_app_integration.dbt.integration_id
}

data "databricksoauth_published_app_integration" "power_bi" {
  integration_id = "power-bi"
}
`)
	const dbt = "data.databricksoauth_published_app_integration.dbt"
	const pbi = "data.databricksoauth_published_app_integration.power_bi"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dbt, tfjsonpath.New("app_id"), knownvalue.StringExact("dbt-cloud")),
					statecheck.ExpectKnownValue(dbt, tfjsonpath.New("name"), knownvalue.StringExact("dbt Cloud")),
					statecheck.ExpectKnownValue(dbt, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(dbt, tfjsonpath.New("created_by"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(dbt, tfjsonpath.New("token_access_policy"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"access_token_ttl_in_minutes":          knownvalue.Int64Exact(60),
						"refresh_token_ttl_in_minutes":         knownvalue.Int64Exact(600),
						"enable_single_use_refresh_tokens":     knownvalue.Bool(false),
						"absolute_session_lifetime_in_minutes": knownvalue.Null(),
					})),
					statecheck.CompareValuePairs(dbt, tfjsonpath.New("integration_id"),
						"databricksoauth_published_app_integration.dbt", tfjsonpath.New("integration_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(pbi, tfjsonpath.New("app_id"), knownvalue.StringExact("power-bi")),
					statecheck.ExpectKnownValue(pbi, tfjsonpath.New("name"), knownvalue.StringExact("Power BI Desktop")),
				},
			},
			{
				Config:      tg.Config(`data "databricksoauth_published_app_integration" "x" { integration_id = "no-such-integration" }` + "\n"),
				ExpectError: regexp.MustCompile(`(?s)Cannot read published app integration no-such-integration.*RESOURCE_DOES_NOT_EXIST`),
			},
		},
	})
}
