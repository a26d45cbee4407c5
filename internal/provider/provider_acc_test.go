package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Without account_id every account-only object fails with a diagnostic that names
// account_id, before any request changes anything.
func TestAccProvider_accountObjectsNeedAccountID(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.HostType = emulator.HostTypeWorkspace })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name = "needs-account"
}
`),
				ExpectError: regexp.MustCompile(`(?s)account_id is required.*DATABRICKS_ACCOUNT_ID`),
			},
			{
				Config:      tg.Config(`data "databricksoauth_custom_app_integrations" "all" {}`),
				ExpectError: regexp.MustCompile(`account_id is required`),
			},
		},
	})
	tg.AssertNoMutations(t)
}

// A provider attribute that is unknown at plan time is an error naming it.
func TestAccProvider_unknownHost(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "host" {
  input = "` + tg.URL + `"
}

provider "databricksoauth" {
  host       = terraform_data.host.output
  account_id = "` + tg.Emulator.AccountID() + `"
  token      = "` + tg.Emulator.Token() + `"
  auth_type  = "pat"
}

data "databricksoauth_custom_app_integrations" "all" {}
`,
			ExpectError: regexp.MustCompile("(?s)Unknown provider attribute.*`host` depends on a value known only after apply"),
		}},
	})
}

// A wrong token is the API's 401, reported with its error code.
func TestAccProvider_badToken(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "databricksoauth" {
  host       = "` + tg.URL + `"
  account_id = "` + tg.Emulator.AccountID() + `"
  token      = "dapi-wrong"
  auth_type  = "pat"
}

data "databricksoauth_custom_app_integrations" "all" {}
`,
			ExpectError: regexp.MustCompile(`UNAUTHENTICATED`),
		}},
	})
}
