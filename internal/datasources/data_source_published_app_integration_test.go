package datasources_test

import (
	"regexp"
	"strings"
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

# By app_id: the same integration, whatever its (here generated) integration id.
data "databricksoauth_published_app_integration" "dbt_by_app" {
  app_id     = "dbt-cloud"
  depends_on = [databricksoauth_published_app_integration.dbt]
}

data "databricksoauth_published_app_integration" "power_bi_by_app" {
  app_id = "power-bi"
}
`)
	const dbt = "data.databricksoauth_published_app_integration.dbt"
	const pbi = "data.databricksoauth_published_app_integration.power_bi"
	const dbtByApp = "data.databricksoauth_published_app_integration.dbt_by_app"
	const pbiByApp = "data.databricksoauth_published_app_integration.power_bi_by_app"
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
					statecheck.CompareValuePairs(dbtByApp, tfjsonpath.New("integration_id"),
						"databricksoauth_published_app_integration.dbt", tfjsonpath.New("integration_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(dbtByApp, tfjsonpath.New("token_access_policy").AtMapKey("refresh_token_ttl_in_minutes"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue(dbtByApp, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(pbiByApp, tfjsonpath.New("integration_id"), knownvalue.StringExact("power-bi")),
					statecheck.ExpectKnownValue(pbiByApp, tfjsonpath.New("name"), knownvalue.StringExact("Power BI Desktop")),
				},
			},
			{
				// dbt Cloud's integration id is generated: its app_id as integration_id is
				// a 404, and the error names the integration and the app_id to use.
				Config: cfg + `
data "databricksoauth_published_app_integration" "wrong_key" {
  integration_id = "dbt-cloud"
  depends_on     = [databricksoauth_published_app_integration.dbt]
}
`,
				ExpectError: wrapped(`Cannot read published app integration dbt-cloud.*"dbt-cloud" is the app_id of the enabled app dbt Cloud, whose integration id is "[0-9a-f-]{36}": set ` + "`" + `app_id = "dbt-cloud"` + "`"),
			},
			{
				Config:      tg.Config(`data "databricksoauth_published_app_integration" "x" { app_id = "looker" }` + "\n"),
				ExpectError: wrapped(`Published app not enabled.*No published app integration has the app_id "looker".*power-bi \(app_id power-bi, Power BI Desktop\)`),
			},
			{
				Config:      tg.Config(`data "databricksoauth_published_app_integration" "x" { integration_id = "no-such-integration" }` + "\n"),
				ExpectError: wrapped(`Cannot read published app integration no-such-integration.*RESOURCE_DOES_NOT_EXIST.*If "no-such-integration" is an app_id, set ` + "`" + `app_id = "no-such-integration"` + "`"),
			},
		},
	})
}

// wrapped compiles a pattern in which each space matches any run of white space, as
// Terraform wraps the text of diagnostics; (?s) lets . span lines.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// Exactly one of integration_id and app_id, checked before anything is sent.
func TestAccPublishedAppIntegrationDataSource_keys(t *testing.T) {
	tg := acctest.New(t)
	both := regexp.MustCompile(`Exactly one of these attributes must be configured:\s+\[integration_id,app_id\]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      tg.Config(`data "databricksoauth_published_app_integration" "x" {}` + "\n"),
				ExpectError: both,
			},
			{
				Config: tg.Config(`data "databricksoauth_published_app_integration" "x" {
  app_id         = "power-bi"
  integration_id = "power-bi"
}
`),
				ExpectError: both,
			},
		},
	})
	tg.AssertNoMutations(t)
}
