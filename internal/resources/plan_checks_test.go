package resources_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// What a plan can know fails the plan, not the apply.

// Every account-only object fails at plan without an account API: on a workspace
// host, even one whose metadata names the account (the SDK then fills account_id in,
// but a workspace serves no account API).
func TestAccAccountObjects_failAtPlanWithoutAccount(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name, metadataAccountID := range map[string]bool{"workspace-host": false, "workspace-host-metadata-with-account-id": true} {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t, func(o *emulator.Options) {
				o.HostType = emulator.HostTypeWorkspace
				o.WorkspaceMetadataAccountID = metadataAccountID
			})
			var steps []resource.TestStep
			for _, body := range []string{
				`resource "databricksoauth_custom_app_integration" "test" { name = "needs-account" }`,
				`resource "databricksoauth_published_app_integration" "test" { app_id = "dbt-cloud" }`,
				`resource "databricksoauth_account_federation_policy" "test" {
  oidc_policy = { issuer = "https://idp.example.com" }
}`,
				`resource "databricksoauth_service_principal_federation_policy" "test" {
  service_principal_id = 1001
  oidc_policy = { issuer = "https://idp.example.com", subject = "x" }
}`,
			} {
				steps = append(steps, resource.TestStep{
					Config:      tg.Config(body),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)account_id is required.*account console`),
				})
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
			tg.AssertNoMutations(t)
		})
	}
}

// Without account_id, a service principal secret goes through the workspace proxy,
// even when the workspace host's metadata names the account.
func TestAccServicePrincipalSecret_workspaceMetadataWithAccountID(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) {
		o.HostType = emulator.HostTypeWorkspace
		o.WorkspaceMetadataAccountID = true
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, tg.ServicePrincipalID),
		Steps: []resource.TestStep{{
			Config: tg.Config(testAccServicePrincipalSecretConfig(tg.ServicePrincipalID, `lifetime = "3600s"`)),
			Check:  checkSPSecretOnEmulator(tg),
		}},
	})
	// Destroy, too.
	if err := acctest.ExpectWorkspaceProxy(tg.Emulator, tg.ServicePrincipalID, http.MethodDelete)(nil); err != nil {
		t.Error(err)
	}
}

// An app whose integration already exists (enabled by default, or by someone else)
// fails at plan, with the import command and block, whatever id the server gave it.
func TestAccPublishedAppIntegration_existsFailsAtPlan(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.DefaultApps = emulator.DefaultAppsUUID })
	pbi := publishedIDOf(tg, "power-bi")
	tg.Emulator.PutPublishedIntegration(emulator.PublishedIntegration{IntegrationID: "int-elsewhere", AppID: testPublishedAppID})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:   tg.Config(testAccPublishedAppIntegrationConfig_bare("power-bi")),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Published app integration already exists.*"power-bi".*` +
					`terraform import databricksoauth_published_app_integration\.<name> ` + regexp.QuoteMeta(pbi) + `.*` +
					`import \{\s+to = databricksoauth_published_app_integration\.<name>\s+id = "` + regexp.QuoteMeta(pbi) + `"\s+\}`),
			},
			{
				Config:      tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Published app integration already exists.*int-elsewhere`),
			},
		},
	})
	tg.AssertNoMutations(t)
}

// A tainted integration is planned by Terraform as a new one (no prior state), so the
// plan-time check cannot tell that the existing integration is the resource's own:
// the plan fails with the way out (untaint, or -replace).
func TestAccPublishedAppIntegration_tainted(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkPublishedDestroyed(tg, testPublishedAppID),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:      cfg,
				Taint:       []string{publishedApp},
				ExpectError: regexp.MustCompile("(?s)already exists.*terraform untaint <address>.*terraform apply -replace=<address>"),
			},
		},
	})
}

// Replacing an integration with -replace in an apply that also creates another: the
// plans made again during apply may share a listing made before the destroy half of
// the replacement; the replacement still goes through.
func TestAccPublishedAppIntegration_replaceSameApp(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	one := testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)
	cli.writeConfig(tg, one)
	cli.mustRun("apply", "-auto-approve", "-json")
	first := cli.state()[publishedApp]["integration_id"]

	cli.writeConfig(tg, one+`
resource "databricksoauth_published_app_integration" "other" {
  app_id = "databricks-jdbc"
}
`)
	cli.mustRun("apply", "-replace="+publishedApp, "-auto-approve", "-json")
	st := cli.state()
	if id := st[publishedApp]["integration_id"]; id == first || id != publishedIDOf(tg, testPublishedAppID) {
		t.Fatalf("integration %v in state, %s on the server, %v before", id, publishedIDOf(tg, testPublishedAppID), first)
	}
	if st["databricksoauth_published_app_integration.other"] == nil {
		t.Fatal("the other integration was not created")
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
}
