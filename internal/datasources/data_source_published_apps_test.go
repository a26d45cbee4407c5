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

const publishedAppsData = "data.databricksoauth_published_apps.all"

// The seeded catalog (plus one added app) is larger than a page of 2: the data
// source must return every app, the last page's included.
func TestAccPublishedAppsDataSource_allPages(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	tg.Emulator.AddPublishedApp(emulator.PublishedApp{
		AppID: "zz-partner", ClientID: "zz-partner-client", Name: "ZZ Partner", Description: "Added by the test",
		RedirectURLs: []string{"https://partner.example.com/cb"}, Scopes: []string{"sql"},
	})
	catalog := tg.Emulator.PublishedApps()
	if len(catalog) <= 2 {
		t.Fatalf("the catalog (%d apps) must be larger than one page", len(catalog))
	}
	last := len(catalog) - 1
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.Config(`data "databricksoauth_published_apps" "all" {}` + "\n"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(publishedAppsData, tfjsonpath.New("apps"), knownvalue.ListSizeExact(len(catalog))),
				statecheck.ExpectKnownValue(publishedAppsData, tfjsonpath.New("apps").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id":                 knownvalue.StringExact(catalog[0].AppID),
					"client_id":              knownvalue.StringExact(catalog[0].ClientID),
					"name":                   knownvalue.StringExact(catalog[0].Name),
					"description":            knownvalue.StringExact(catalog[0].Description),
					"is_confidential_client": knownvalue.Bool(false),
					"redirect_urls":          knownvalue.SetSizeExact(len(catalog[0].RedirectURLs)),
					"scopes":                 knownvalue.SetSizeExact(len(catalog[0].Scopes)),
				})),
				statecheck.ExpectKnownValue(publishedAppsData, tfjsonpath.New("apps").AtSliceIndex(last), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id":                 knownvalue.StringExact("zz-partner"),
					"client_id":              knownvalue.StringExact("zz-partner-client"),
					"name":                   knownvalue.StringExact("ZZ Partner"),
					"description":            knownvalue.StringExact("Added by the test"),
					"is_confidential_client": knownvalue.Bool(false),
					"redirect_urls":          knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://partner.example.com/cb")}),
					"scopes":                 knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("sql")}),
				})),
			},
		}},
	})
}
