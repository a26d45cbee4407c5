package resources_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Twins: the SDK re-sends a POST answered 503 even when the server had carried it out
// (Fault ApplyFirst). The apply succeeds with the object the retry made, and a
// warning names the twin with the command that deletes it; the provider deletes
// nothing itself. These run the real CLI, as terraform-plugin-testing drops warnings.

const customAppsPath = `/oauth2/custom-app-integrations$`

func TestAccTwins_customAppIntegration(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	cli := newTFCLI(t)
	cli.writeConfig(tg, `
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-twins"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}
`)
	tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: customAppsPath, ApplyFirst: true, Status: http.StatusServiceUnavailable, Times: 1})
	res := cli.mustRun("apply", "-auto-approve", "-json")

	apps := tg.Emulator.CustomApps()
	if len(apps) != 2 {
		t.Fatalf("%d integrations on the server, want 2 (the one kept and its twin)", len(apps))
	}
	kept := cli.state()[customApp]
	if kept == nil {
		t.Fatal("the integration is not in state")
	}
	var twin emulator.CustomApp
	for _, a := range apps {
		if a.IntegrationID != kept["integration_id"] {
			twin = a
		} else if a.ClientSecret != kept["client_secret"] {
			t.Errorf("the client secret in state is not the kept integration's")
		}
	}
	warns := res.Warnings()
	if len(warns) != 1 || warns[0].Summary != "Duplicate custom app integration created" ||
		!strings.Contains(warns[0].Detail, "databricks account custom-app-integration delete "+twin.IntegrationID) ||
		strings.Contains(warns[0].Detail, "delete "+as[string](t, kept["integration_id"])) {
		t.Fatalf("want one warning naming twin %s and its delete command, got %v", twin.IntegrationID, warns)
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Fatalf("the plan after apply is not empty: %v %v", res.Err, res.Errors())
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
	if left := tg.Emulator.CustomApps(); len(left) != 1 || left[0].IntegrationID != twin.IntegrationID {
		t.Fatalf("after destroy: %+v; want only the twin, which the provider must not delete", left)
	}
}

func TestAccTwins_servicePrincipalSecret(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cli := newTFCLI(t)
	// A sibling secret of the same principal is created in the same run: it must not
	// be taken for a twin.
	cli.writeConfig(tg, fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %[1]d
  lifetime             = "3600s"
}

resource "databricksoauth_service_principal_secret" "sibling" {
  service_principal_id = %[1]d
  lifetime             = "7200s"
  depends_on           = [databricksoauth_service_principal_secret.test]
}
`, sp))
	tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: `/credentials/secrets$`, ApplyFirst: true, Status: http.StatusServiceUnavailable, Times: 1})
	res := cli.mustRun("apply", "-auto-approve", "-json")

	secrets := tg.Emulator.Secrets(sp)
	if len(secrets) != 3 {
		t.Fatalf("%d secrets on the server, want 3 (two managed, one twin)", len(secrets))
	}
	st := cli.state()
	managed := map[string]bool{}
	for _, addr := range []string{spSecret, "databricksoauth_service_principal_secret.sibling"} {
		if st[addr] == nil {
			t.Fatalf("%s not in state", addr)
		}
		managed[as[string](t, st[addr]["id"])] = true
	}
	var twin emulator.Secret
	for _, s := range secrets {
		if !managed[s.ID] {
			twin = s
		}
	}
	warns := res.Warnings()
	if len(warns) != 1 || warns[0].Summary != "Duplicate OAuth secret created" ||
		!strings.Contains(warns[0].Detail, fmt.Sprintf("databricks account service-principal-secrets delete %d %s", sp, twin.ID)) {
		t.Fatalf("want one warning naming twin %s and its delete command, got %v", twin.ID, warns)
	}
	if sibling := as[string](t, st["databricksoauth_service_principal_secret.sibling"]["id"]); strings.Contains(warns[0].Detail, sibling) {
		t.Errorf("the warning names the sibling secret %s", sibling)
	}
	if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
		t.Fatalf("the plan after apply is not empty: %v %v", res.Err, res.Errors())
	}
	cli.mustRun("destroy", "-auto-approve", "-json")
	if left := tg.Emulator.Secrets(sp); len(left) != 1 || left[0].ID != twin.ID {
		t.Fatalf("after destroy: %d secrets; want only the twin, which the provider must not delete", len(left))
	}
}

// A 429 is a refusal: retries after it never trigger the search for twins (which
// would cost a listing per create under throttling).
func TestAccTwins_notSearchedAfter429(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: customAppsPath, Status: http.StatusTooManyRequests, Times: 1})
			},
			Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name = "tf-acc-throttled"
}
`),
			Check: func(*terraform.State) error {
				for _, r := range tg.Emulator.Requests() {
					if r.Method == http.MethodGet && regexp.MustCompile(customAppsPath).MatchString(r.Path) {
						return fmt.Errorf("the integrations were listed after a create retried only after a 429")
					}
				}
				if n := len(tg.Emulator.CustomApps()); n != 1 {
					return fmt.Errorf("%d integrations, want 1", n)
				}
				return nil
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}
