package resources_test

// Moves from the official Databricks provider (databricks/databricks) with a
// `moved` block: step 1 has the stand-in official provider (fake_official_provider_move_state_test.go)
// write the state it would hold for an object that already exists in the emulator;
// step 2 moves it to our resource and must plan a no-op, send no write to the API
// and leave an empty plan; step 3 plans again and must find nothing to do.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// moveCase is one move from an official resource to ours.
type moveCase struct {
	object       string         // type without prefix, e.g. "custom_app_integration"
	fixture      map[string]any // the official state
	sourceConfig string         // body of the official resource block (its required arguments)
	targetConfig string         // body of our resource block
	checks       []statecheck.StateCheck
	destroyed    func() error // nil once destroy removed the object from the emulator
}

func testAccMoveFromOfficial(t *testing.T, tg *acctest.Target, c moveCase) {
	t.Helper()
	from := "databricks_" + c.object + ".this"
	to := "databricksoauth_" + c.object + ".this"
	source := fmt.Sprintf("resource %q \"this\" {\n%s}\n", "databricks_"+c.object, c.sourceConfig)
	target := fmt.Sprintf("moved {\n  from = %s\n  to   = %s\n}\n\nresource %q \"this\" {\n%s}\n",
		from, to, "databricksoauth_"+c.object, c.targetConfig)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"databricksoauth": acctest.ProtoV6ProviderFactories["databricksoauth"],
			"databricks":      newFakeOfficialProvider(map[string]map[string]any{"databricks_" + c.object: c.fixture}),
		},
		CheckDestroy: func(*terraform.State) error { return c.destroyed() },
		Steps: []resource.TestStep{
			{
				// The object as the official provider manages it.
				Config: tg.Config(source),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(from, tfjsonpath.New(firstKey(c.fixture)), knownvalue.NotNull()),
				},
			},
			{
				PreConfig: tg.Emulator.ResetLog,
				Config:    tg.Config(target),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(to, plancheck.ResourceActionNoop)},
					// The step also fails on a non-empty plan after apply.
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: c.checks,
				Check:             acctest.NoMutatingRequests(tg.Emulator, "the move"),
			},
			{
				PreConfig: tg.Emulator.ResetLog,
				Config:    tg.Config(target),
				PlanOnly:  true,
			},
		},
	})
}

// firstKey is an attribute every fixture has, to check step 1 stored it.
func firstKey(fixture map[string]any) string {
	for _, k := range []string{"integration_id", "secret_hash", "policy_id"} {
		if _, ok := fixture[k]; ok {
			return k
		}
	}
	return "id"
}

// accountAPI sends one request to the emulator's account API (as the official
// provider once did, to create the object) and decodes the answer, numbers kept
// exact.
func accountAPI(t *testing.T, tg *acctest.Target, method, path string, body any) map[string]any {
	t.Helper()
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		in = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method,
		tg.URL+"/api/2.0/accounts/"+tg.Emulator.AccountID()+path, in)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tg.Emulator.Token())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	out := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAccMoveState_customAppIntegration(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	created := accountAPI(t, tg, http.MethodPost, "/oauth2/custom-app-integrations", map[string]any{
		"name":          "legacy-bi",
		"confidential":  true,
		"redirect_urls": []string{"https://bi.example.com/oauth/callback"},
		"scopes":        []string{"all-apis", "offline_access"},
		"token_access_policy": map[string]any{
			"access_token_ttl_in_minutes": 60, "refresh_token_ttl_in_minutes": 10080},
	})
	id := as[string](t, created["integration_id"])
	secret := as[string](t, created["client_secret"])
	// What the official (SDKv2) resource stores: the GET answer, its id, the client
	// secret from create, token_access_policy as a block list with zero values for
	// what is unset, and an empty provider_config block list.
	fixture := accountAPI(t, tg, http.MethodGet, "/oauth2/custom-app-integrations/"+id, nil)
	tap := as[map[string]any](t, fixture["token_access_policy"])
	tap["enable_single_use_refresh_tokens"] = false
	tap["absolute_session_lifetime_in_minutes"] = 0
	fixture["token_access_policy"] = []any{tap}
	fixture["id"] = id
	fixture["client_secret"] = secret
	fixture["user_authorized_scopes"] = []any{}
	fixture["provider_config"] = []any{}

	const addr = "databricksoauth_custom_app_integration.this"
	testAccMoveFromOfficial(t, tg, moveCase{
		object:       "custom_app_integration",
		fixture:      fixture,
		sourceConfig: "  name = \"legacy-bi\"\n",
		targetConfig: `  name          = "legacy-bi"
  confidential  = true
  redirect_urls = ["https://bi.example.com/oauth/callback"]
  scopes        = ["all-apis", "offline_access"]

  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080
  }
`,
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("integration_id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_id"), knownvalue.StringExact(as[string](t, created["client_id"]))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.StringExact(secret)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_authorized_scopes"), knownvalue.SetSizeExact(0)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("create_time"), knownvalue.StringExact(as[string](t, fixture["create_time"]))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
		},
		destroyed: func() error {
			if _, ok := tg.Emulator.CustomApp(id); ok {
				return fmt.Errorf("custom app integration %s still exists after destroy", id)
			}
			return nil
		},
	})
}

func TestAccMoveState_servicePrincipalSecret(t *testing.T) {
	acctest.EmulatorOnly(t)
	cases := map[string]struct {
		lifetime     string // what the official configuration set ("" = server default)
		timeRotating any    // the official time_rotating argument
		wantLifetime string
	}{
		"server default lifetime":           {"", nil, "63072000s"},
		"lifetime and time_rotating (90 d)": {"7776000s", "Rotate on 2025-01-01T00:00:00Z", "7776000s"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			sp := tg.ServicePrincipalID
			body := map[string]any{}
			if tc.lifetime != "" {
				body["lifetime"] = tc.lifetime
			}
			fixture := accountAPI(t, tg, http.MethodPost, fmt.Sprintf("/servicePrincipals/%d/credentials/secrets", sp), body)
			secretID, value := as[string](t, fixture["id"]), as[string](t, fixture["secret"])
			// The official state: the create answer plus its arguments, with
			// service_principal_id as a string.
			fixture["service_principal_id"] = fmt.Sprint(sp)
			fixture["lifetime"] = tc.lifetime
			fixture["time_rotating"] = tc.timeRotating
			fixture["provider_config"] = []any{}

			target := fmt.Sprintf("  service_principal_id = %d\n", sp)
			if tc.lifetime != "" {
				target += fmt.Sprintf("  lifetime             = %q\n", tc.lifetime)
			}
			const addr = "databricksoauth_service_principal_secret.this"
			testAccMoveFromOfficial(t, tg, moveCase{
				object:       "service_principal_secret",
				fixture:      fixture,
				sourceConfig: fmt.Sprintf("  service_principal_id = \"%d\"\n", sp),
				targetConfig: target,
				checks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(secretID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(sp)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret"), knownvalue.StringExact(value)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("lifetime"), knownvalue.StringExact(tc.wantLifetime)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expire_time"), knownvalue.StringExact(as[string](t, fixture["expire_time"]))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("early_renewal_hours"), knownvalue.Null()),
				},
				destroyed: func() error {
					for _, s := range tg.Emulator.Secrets(sp) {
						if s.ID == secretID {
							return fmt.Errorf("secret %s still exists after destroy", secretID)
						}
					}
					return nil
				},
			})
		})
	}
}

func TestAccMoveState_accountFederationPolicy(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	// The official (plugin framework) state is the API's answer as it is.
	fixture := accountAPI(t, tg, http.MethodPost, "/federationPolicies?policy_id=legacy-github", map[string]any{
		"description": "Tokens of the my-org GitHub organization",
		"oidc_policy": map[string]any{
			"issuer":        "https://token.actions.githubusercontent.com",
			"audiences":     []string{"https://github.com/my-org"},
			"subject_claim": "sub",
		},
	})
	const addr = "databricksoauth_account_federation_policy.this"
	testAccMoveFromOfficial(t, tg, moveCase{
		object:       "account_federation_policy",
		fixture:      fixture,
		sourceConfig: "  policy_id = \"legacy-github\"\n",
		targetConfig: `  policy_id   = "legacy-github"
  description = "Tokens of the my-org GitHub organization"

  oidc_policy = {
    issuer        = "https://token.actions.githubusercontent.com"
    audiences     = ["https://github.com/my-org"]
    subject_claim = "sub"
  }
`,
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("legacy-github")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("uid"), knownvalue.StringExact(as[string](t, fixture["uid"]))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(as[string](t, fixture["name"]))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject"), knownvalue.Null()),
		},
		destroyed: func() error {
			if _, ok := tg.Emulator.AccountPolicy("legacy-github"); ok {
				return fmt.Errorf("account federation policy legacy-github still exists after destroy")
			}
			return nil
		},
	})
}

func TestAccMoveState_servicePrincipalFederationPolicy(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	fixture := accountAPI(t, tg, http.MethodPost, fmt.Sprintf("/servicePrincipals/%d/federationPolicies?policy_id=legacy-deploy", sp),
		map[string]any{"oidc_policy": map[string]any{
			"issuer":    "https://token.actions.githubusercontent.com",
			"audiences": []string{"https://github.com/my-org"},
			"subject":   "repo:my-org/infra:environment:prod",
		}})
	const addr = "databricksoauth_service_principal_federation_policy.this"
	testAccMoveFromOfficial(t, tg, moveCase{
		object:       "service_principal_federation_policy",
		fixture:      fixture,
		sourceConfig: "  policy_id = \"legacy-deploy\"\n",
		targetConfig: fmt.Sprintf(`  service_principal_id = %d
  policy_id            = "legacy-deploy"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = "repo:my-org/infra:environment:prod"
  }
`, sp),
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d/legacy-deploy", sp))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(sp)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("uid"), knownvalue.StringExact(as[string](t, fixture["uid"]))),
		},
		destroyed: func() error {
			if _, ok := tg.Emulator.ServicePrincipalPolicy(sp, "legacy-deploy"); ok {
				return fmt.Errorf("federation policy legacy-deploy of service principal %d still exists after destroy", sp)
			}
			return nil
		},
	})
}
