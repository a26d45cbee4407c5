package datasources_test

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

const spSecretsDS = "data.databricksoauth_service_principal_secrets.all"

// testAccServicePrincipalSecretsConfig creates three secrets of sp and, with
// withData, lists them with the data source.
func testAccServicePrincipalSecretsConfig(sp int64, withData bool) string {
	cfg := fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "s" {
  count                = 3
  service_principal_id = %[1]d
  lifetime             = "7200s"
}
`, sp)
	if withData {
		cfg += fmt.Sprintf(`
data "databricksoauth_service_principal_secrets" "all" {
  service_principal_id = %[1]d
  depends_on           = [databricksoauth_service_principal_secret.s]
}
`, sp)
	}
	return cfg
}

// checkListedIDs compares the data source's secret ids with the resources' ids.
func checkListedIDs(n int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ds, ok := s.RootModule().Resources[spSecretsDS]
		if !ok {
			return fmt.Errorf("%s not in state", spSecretsDS)
		}
		var want, got []string
		for i := range n {
			want = append(want, s.RootModule().Resources[fmt.Sprintf("databricksoauth_service_principal_secret.s.%d", i)].Primary.ID)
			got = append(got, ds.Primary.Attributes[fmt.Sprintf("secrets.%d.id", i)])
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(want, ",") != strings.Join(got, ",") {
			return fmt.Errorf("listed ids %v, want %v", got, want)
		}
		return nil
	}
}

// Three secrets with a page size of 2: the list must follow two pages.
func TestAccServicePrincipalSecretsDataSource_allPages(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	item := func(i int, name string) tfjsonpath.Path {
		return tfjsonpath.New("secrets").AtSliceIndex(i).AtMapKey(name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(testAccServicePrincipalSecretsConfig(sp, false))},
			{
				PreConfig: func() {
					if tg.Emulator != nil {
						tg.Emulator.ResetLog()
					}
				},
				Config: tg.Config(testAccServicePrincipalSecretsConfig(sp, true)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spSecretsDS, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(spSecretsDS, item(2, "status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(spSecretsDS, item(2, "secret_hash"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecretsDS, item(2, "create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecretsDS, item(2, "update_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecretsDS, item(2, "expire_time"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkListedIDs(3),
					func(*terraform.State) error {
						if tg.Emulator == nil {
							return nil
						}
						for _, r := range tg.Emulator.Requests() {
							if r.Method == http.MethodGet && r.Query.Get("page_token") != "" {
								return nil
							}
						}
						return fmt.Errorf("no request for a second page")
					},
				),
			},
		},
	})
}

// A principal without secrets lists none (an empty list, not null).
func TestAccServicePrincipalSecretsDataSource_empty(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.Config(fmt.Sprintf(`
data "databricksoauth_service_principal_secrets" "all" {
  service_principal_id = %d
}
`, emulator.DefaultServicePrincipals[2])),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(spSecretsDS, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

// Without account_id the list goes through the workspace-level proxy API.
func TestAccServicePrincipalSecretsDataSource_workspaceProxy(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.HostType = "workspace" })
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(testAccServicePrincipalSecretsConfig(sp, false))},
			{
				PreConfig: tg.Emulator.ResetLog,
				Config:    tg.Config(testAccServicePrincipalSecretsConfig(sp, true)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spSecretsDS, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(3)),
				},
				Check: resource.ComposeTestCheckFunc(
					checkListedIDs(3),
					acctest.ExpectWorkspaceProxy(tg.Emulator, sp, http.MethodGet),
					acctest.NoRequestPathContains(tg.Emulator, tg.Emulator.AccountID()),
				),
			},
		},
	})
}

func TestAccServicePrincipalSecretsDataSource_unknownPrincipal(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.Config(`
data "databricksoauth_service_principal_secrets" "all" {
  service_principal_id = 424242
}
`),
			ExpectError: regexp.MustCompile(`Service principal 424242 does not exist`),
		}},
	})
}
