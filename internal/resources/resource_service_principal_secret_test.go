package resources_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources"
)

const spSecret = "databricksoauth_service_principal_secret.test"

// testAccServicePrincipalSecretConfig is one secret of principal sp; extra holds
// further arguments (lifetime, early_renewal_hours, lifecycle).
func testAccServicePrincipalSecretConfig(sp int64, extra string) string {
	return fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %[1]d
  %[2]s
}
`, sp, extra)
}

// spSecretImportID builds `<service_principal_id>/<secret_id>` from the state.
func spSecretImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		return rs.Primary.Attributes["service_principal_id"] + "/" + rs.Primary.ID, nil
	}
}

// checkSPSecretsDestroyed asserts that no secret of sp is left on the emulator.
func checkSPSecretsDestroyed(tg *acctest.Target, sp int64) resource.TestCheckFunc {
	return tg.ServerHoldsNone(fmt.Sprintf("secrets of service principal %d", sp), func(e *emulator.Emulator) int { return len(e.Secrets(sp)) })
}

// checkSPSecretOnEmulator asserts that the emulator holds exactly the secret in state
// (spSecret), with the value in state.
func checkSPSecretOnEmulator(tg *acctest.Target) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		rs, ok := s.RootModule().Resources[spSecret]
		if !ok {
			return fmt.Errorf("%s not in state", spSecret)
		}
		for _, sec := range tg.Emulator.Secrets(tg.ServicePrincipalID) {
			if sec.ID == rs.Primary.ID {
				if sec.Secret != rs.Primary.Attributes["secret"] {
					return fmt.Errorf("secret value in state differs from the one the server created")
				}
				return nil
			}
		}
		return fmt.Errorf("secret %s is not on the emulator", rs.Primary.ID)
	}
}

// secretRequests returns the logged requests with the given method on the secrets
// paths of service principal sp.
func secretRequests(e *emulator.Emulator, sp int64, method string) []emulator.Request {
	return acctest.Requests(e, method, regexp.MustCompile(fmt.Sprintf("/servicePrincipals/%d/credentials/secrets", sp)))
}

// checkOneSecretCreate checks that one secret of sp was created since the last
// ResetLog, with the request body body.
func checkOneSecretCreate(tg *acctest.Target, sp int64, body string) resource.TestCheckFunc {
	return tg.ServerCheck(func(e *emulator.Emulator) error {
		posts := secretRequests(e, sp, http.MethodPost)
		if len(posts) != 1 || string(posts[0].Body) != body {
			return fmt.Errorf("want one create with body %s, got %d: %v", body, len(posts), posts)
		}
		return nil
	})
}

func TestAccServicePrincipalSecret_basic(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "7200s"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^.{8,}$`))),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.StringRegexp(regexp.MustCompile(`^.{16,}$`))),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(sp)),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("lifetime"), knownvalue.StringExact("7200s")),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("early_renewal_hours"), knownvalue.Null()),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret_hash"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("update_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("expire_time"), knownvalue.NotNull()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeTestCheckFunc(
					checkSPSecretOnEmulator(tg),
					acctest.CaptureAttr(spSecret, "id", &firstID),
					checkOneSecretCreate(tg, sp, `{"lifetime":"7200s"}`),
				),
			},
			{
				// Import: everything but the value (never returned again) comes back;
				// the lifetime is derived from create_time and expire_time.
				ResourceName:            spSecret,
				ImportState:             true,
				ImportStateIdFunc:       spSecretImportID(spSecret),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("want 1 imported state, got %d", len(states))
					}
					if v, ok := states[0].Attributes["secret"]; ok && v != "" {
						return fmt.Errorf("secret is set after import")
					}
					return nil
				},
			},
			{
				// A new lifetime replaces the secret.
				Config: tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "3600s"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spSecret, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(spSecret, tfjsonpath.New("secret")),
				}},
				Check: resource.ComposeTestCheckFunc(
					checkSPSecretOnEmulator(tg),
					func(*terraform.State) error {
						if tg.Emulator != nil && len(tg.Emulator.Secrets(sp)) != 1 {
							return fmt.Errorf("the replaced secret %s was not deleted", firstID)
						}
						return nil
					},
				),
			},
			{
				// Removing lifetime keeps the current secret.
				Config:           tg.Config(testAccServicePrincipalSecretConfig(sp, ``)),
				ConfigPlanChecks: expectEmptyPlan,
			},
		},
	})
}

// Without lifetime the SDK sends `{}` and the server's default (730 days) applies.
func TestAccServicePrincipalSecret_defaultLifetime(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{{
			Config: tg.Config(testAccServicePrincipalSecretConfig(sp, ``)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("lifetime"), knownvalue.StringExact("63072000s")),
				statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.NotNull()),
			},
			Check: checkOneSecretCreate(tg, sp, `{}`),
		}},
	})
}

// A secret deleted behind Terraform's back is removed from state; the plan creates it.
func TestAccServicePrincipalSecret_disappears(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	var id string
	cfg := tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "7200s"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{Config: cfg, Check: acctest.CaptureAttr(spSecret, "id", &id)},
			{
				PreConfig: func() {
					if !tg.Emulator.DeleteSecret(sp, id) {
						t.Fatalf("secret %s not on the emulator", id)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionCreate),
				Check:            checkSPSecretOnEmulator(tg),
			},
		},
	})
}

// Expired secrets: hidden by the server (its clock moved past expire_time), or still
// listed but with an expire_time before the provider's now. Both plan a create.
func TestAccServicePrincipalSecret_expired(t *testing.T) {
	acctest.EmulatorOnly(t)
	clk := emulator.NewFakeClock(time.Now())
	tg := acctest.New(t, func(o *emulator.Options) { o.Clock = clk })
	sp := tg.ServicePrincipalID
	var id string
	cfg := tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "36000s"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:        func() { clk.Advance(11 * time.Hour) }, // past the 10 h lifetime
				Config:           cfg,
				ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionCreate),
				Check:            acctest.CaptureAttr(spSecret, "id", &id),
			},
			{
				PreConfig: func() {
					// The server lists the secret and its clock is an hour behind: by the
					// server's clock (which its Date headers tell) the secret expires in 59
					// minutes, though its expire_time has passed by this machine's. The
					// server's clock decides, so the live secret is kept, not orphaned.
					clk.Set(time.Now().Add(-time.Hour))
					if !tg.Emulator.UpdateSecret(sp, id, func(s *emulator.Secret) { s.ExpireTime = time.Now().Add(-time.Minute) }) {
						t.Fatalf("secret %s not on the emulator", id)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionNoop),
			},
		},
	})
}

// early_renewal_hours: no change outside the window, an in-place update when only the
// window changes, and a replacement (create before destroy) once the secret expires
// within it. The provider measures the window with the real clock, so the emulator
// keeps real time and the secret's expire_time is moved into the window.
func TestAccServicePrincipalSecret_earlyRenewal(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	var id string
	cfg := func(hours int) string {
		return tg.Config(testAccServicePrincipalSecretConfig(sp, fmt.Sprintf(`lifetime            = "7200s"
  early_renewal_hours = %d
  lifecycle {
    create_before_destroy = true
  }`, hours)))
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{
				Config: cfg(1), // expires in 2 h, window 1 h
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(spSecret, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("early_renewal_hours"), knownvalue.Int64Exact(1)),
				},
				Check: acctest.CaptureAttr(spSecret, "id", &id),
			},
			{
				Config:           cfg(1),
				ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionNoop),
			},
			{
				Config: cfg(0),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spSecret, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.NotNull()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(spSecret, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("early_renewal_hours"), knownvalue.Int64Exact(0)),
				},
			},
			{
				PreConfig: func() {
					if !tg.Emulator.UpdateSecret(sp, id, func(s *emulator.Secret) { s.ExpireTime = time.Now().Add(30 * time.Minute) }) {
						t.Fatalf("secret %s not on the emulator", id)
					}
				},
				Config: cfg(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(spSecret, plancheck.ResourceActionCreateBeforeDestroy),
					plancheck.ExpectUnknownValue(spSecret, tfjsonpath.New("secret")),
					plancheck.ExpectUnknownValue(spSecret, tfjsonpath.New("expire_time")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources[spSecret]
					if rs.Primary.ID == id {
						return fmt.Errorf("secret %s was not rotated", id)
					}
					if got := tg.Emulator.Secrets(sp); len(got) != 1 || got[0].ID != rs.Primary.ID {
						return fmt.Errorf("want only the new secret on the emulator, got %d", len(got))
					}
					return nil
				},
			},
		},
	})
}

// Without account_id the provider goes through the workspace-level proxy API.
func TestAccServicePrincipalSecret_workspaceProxy(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.HostType = "workspace" })
	sp := tg.ServicePrincipalID
	// Through the proxy, with no account id anywhere.
	sawProxy := func(method string) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(acctest.ExpectWorkspaceProxy(tg.Emulator, sp, method), acctest.NoRequestPathContains(tg.Emulator, tg.Emulator.AccountID()))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "7200s"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkSPSecretOnEmulator(tg),
					sawProxy(http.MethodPost),
				),
			},
			{
				// Import reads by listing, through the proxy as well.
				PreConfig:               tg.Emulator.ResetLog,
				ResourceName:            spSecret,
				ImportState:             true,
				ImportStateIdFunc:       spSecretImportID(spSecret),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
				ImportStateCheck:        func([]*terraform.InstanceState) error { return sawProxy(http.MethodGet)(nil) },
			},
		},
	})
}

// Bad input fails at plan time, before any request that changes something.
func TestAccServicePrincipalSecret_validation(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	step := func(args, want string) resource.TestStep {
		return resource.TestStep{
			Config:      tg.Config(`resource "databricksoauth_service_principal_secret" "test" {` + "\n" + args + "\n}\n"),
			ExpectError: regexp.MustCompile(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`service_principal_id = 0`, `at least 1`),
			step(`service_principal_id = -5`, `at least 1`),
			step(fmt.Sprintf(`service_principal_id = %d`+"\n"+`lifetime = "3600"`, sp), `Invalid secret lifetime`),
			step(fmt.Sprintf(`service_principal_id = %d`+"\n"+`lifetime = "0s"`, sp), `Invalid secret lifetime`),
			step(fmt.Sprintf(`service_principal_id = %d`+"\n"+`lifetime = "63072001s"`, sp), `Invalid secret lifetime`),
			step(fmt.Sprintf(`service_principal_id = %d`+"\n"+`lifetime = "1h"`, sp), `Invalid secret lifetime`),
			step(fmt.Sprintf(`service_principal_id = %d`+"\n"+`early_renewal_hours = -1`, sp), `at least 0`),
			{
				Config:        tg.Config(testAccServicePrincipalSecretConfig(sp, ``)),
				ResourceName:  spSecret,
				ImportState:   true,
				ImportStateId: "not-a-composite-id",
				ExpectError:   regexp.MustCompile(`Expected <service_principal_id>/<secret_id>`),
			},
			{
				// Nothing was created by any of the above.
				Config:   tg.Config(`# empty`),
				PlanOnly: true,
				Check: func(*terraform.State) error {
					tg.AssertNoMutations(t)
					return nil
				},
			},
		},
	})
	tg.AssertNoMutations(t)
}

func TestAccServicePrincipalSecret_unknownPrincipal(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      tg.Config(testAccServicePrincipalSecretConfig(424242, ``)),
			ExpectError: regexp.MustCompile(`Service principal 424242 does not exist`),
		}},
	})
}

// A sixth secret hits the API's limit of five per principal: a clear error.
func TestAccServicePrincipalSecret_limit(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{{
			Config: tg.Config(fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "test" {
  count                = 6
  service_principal_id = %d
  lifetime             = "7200s"
}
`, sp)),
			ExpectError: regexp.MustCompile(`(?s)already has 5 OAuth secrets, the maximum.*create_before_destroy`),
		}},
	})
}

// Three secrets of one principal refresh with one listing of that principal (two
// pages at the emulator's page size of 2), not three.
func TestAccServicePrincipalSecret_oneListingPerRefresh(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cfg := tg.Config(fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "a" {
  service_principal_id = %[1]d
  lifetime             = "7200s"
}

resource "databricksoauth_service_principal_secret" "b" {
  service_principal_id = %[1]d
  lifetime             = "7200s"
}

resource "databricksoauth_service_principal_secret" "c" {
  service_principal_id = %[1]d
  lifetime             = "7200s"
}
`, sp))
	listPath := fmt.Sprintf("/api/2.0/accounts/%s/servicePrincipals/%d/credentials/secrets", tg.Emulator.AccountID(), sp)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:    tg.Emulator.ResetLog,
				RefreshState: true,
				Check: func(*terraform.State) error {
					var listings, pages int
					for _, r := range tg.Emulator.Requests() {
						if r.Method != http.MethodGet || r.Path != listPath {
							continue
						}
						pages++
						if r.Query.Get("page_token") == "" {
							listings++
						}
					}
					if listings != 1 || pages != 2 {
						return fmt.Errorf("refresh listed the principal's secrets %d times (%d pages); want 1 listing of 2 pages", listings, pages)
					}
					return nil
				},
			},
		},
	})
}

// The lifetime validator, called directly with the resource's own schema.
func TestServicePrincipalSecretLifetimeValidator(t *testing.T) {
	r := resources.NewServicePrincipalSecretResource()
	var resp fwresource.SchemaResponse
	r.Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
	attr, ok := resp.Schema.Attributes["lifetime"].(schema.StringAttribute)
	if !ok {
		t.Fatal("lifetime is not a string attribute")
	}
	for value, valid := range map[string]bool{
		"1s": true, "3600s": true, "7776000s": true, "63072000s": true,
		"0s": false, "63072001s": false, "3600": false, "1h": false, "3600.5s": false, "-1s": false,
		"": false, "s": false, "03600s": false, " 3600s": false, "99999999999999999999s": false,
	} {
		var diags []string
		for _, v := range attr.Validators {
			var vr validator.StringResponse
			v.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("lifetime"), ConfigValue: types.StringValue(value)}, &vr)
			for _, d := range vr.Diagnostics {
				diags = append(diags, d.Detail())
			}
		}
		if valid != (len(diags) == 0) {
			t.Errorf("lifetime %q: valid=%v, diagnostics %v", value, valid, diags)
		}
	}
	// Null and unknown are left alone (unknown is checked once known).
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		for _, val := range attr.Validators {
			var vr validator.StringResponse
			val.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("lifetime"), ConfigValue: v}, &vr)
			if vr.Diagnostics.HasError() {
				t.Errorf("%v: unexpected error %v", v, vr.Diagnostics)
			}
		}
	}
}

// early_renewal_hours not below the lifetime would replace the secret on every plan:
// ValidateConfig warns (not an error: it is a valid, if odd, choice).
func TestServicePrincipalSecretEarlyRenewalWarning(t *testing.T) {
	ctx := context.Background()
	r := resources.NewServicePrincipalSecretResource()
	var sresp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sresp)
	objType, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("schema type is not an object")
	}
	v, ok := r.(fwresource.ResourceWithValidateConfig)
	if !ok {
		t.Fatal("resource has no ValidateConfig")
	}
	config := func(lifetime *string, hours int64) tfsdk.Config {
		vals := map[string]tftypes.Value{}
		for name, typ := range objType.AttributeTypes {
			vals[name] = tftypes.NewValue(typ, nil)
		}
		vals["service_principal_id"] = tftypes.NewValue(tftypes.Number, 1001)
		vals["early_renewal_hours"] = tftypes.NewValue(tftypes.Number, hours)
		if lifetime != nil {
			vals["lifetime"] = tftypes.NewValue(tftypes.String, *lifetime)
		}
		return tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(objType, vals)}
	}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		lifetime *string
		hours    int64
		warn     bool
	}{
		{str("7200s"), 1, false},
		{str("7200s"), 2, true},
		{str("3600s"), 2, true},
		{str("3600s"), 0, false},
		{nil, 17519, false}, // server default: 730 days = 17520 h
		{nil, 17520, true},
		{str("bad"), 5, false}, // reported by the attribute validator instead
	} {
		var vresp fwresource.ValidateConfigResponse
		v.ValidateConfig(ctx, fwresource.ValidateConfigRequest{Config: config(tc.lifetime, tc.hours)}, &vresp)
		if vresp.Diagnostics.HasError() || (vresp.Diagnostics.WarningsCount() > 0) != tc.warn {
			t.Errorf("lifetime %v, hours %d: want warning %v, got %v", tc.lifetime, tc.hours, tc.warn, vresp.Diagnostics)
		}
	}
}
