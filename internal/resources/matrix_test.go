package resources_test

// The lifecycle of every resource under every emulator variant that can affect it
// (acctest.Matrix): create, in-place update, import, out-of-band drift and destroy.
// After every applying step the harness plans again and fails on a non-empty plan,
// so each step also checks that the second plan is clean.

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Import blocks (the import steps' form) need Terraform 1.5.
var skipBelow15 = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}

// onEmulator marks a step that changes things behind the API: it is skipped against
// a real account.
func onEmulator(tg *acctest.Target, step resource.TestStep) resource.TestStep {
	pre := step.PreConfig
	step.PreConfig = func() {
		if tg.Emulator != nil && pre != nil {
			pre()
		}
	}
	step.SkipFunc = func() (bool, error) { return tg.Emulator == nil, nil }
	return step
}

// sameSet reports whether a and b hold the same strings, whatever their order and
// repetitions (the server may sort or deduplicate lists).
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

func matrixCustomAppConfig(scopes, policy string) string {
	return fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "test" {
  name                   = "tf-acc-matrix"
  confidential           = true
  redirect_urls          = ["https://b.example.com/callback", "https://a.example.com/callback"]
  scopes                 = %[1]s
  user_authorized_scopes = ["openid"]
%[2]s
}
`, scopes, policy)
}

const (
	matrixRotationOn = `
  token_access_policy = {
    access_token_ttl_in_minutes      = 60
    refresh_token_ttl_in_minutes     = 1440
    enable_single_use_refresh_tokens = true
  }`
	matrixRotationOff = `
  token_access_policy = {
    access_token_ttl_in_minutes  = 120
    refresh_token_ttl_in_minutes = 1440
  }`
)

func TestAccCustomAppIntegration_matrix(t *testing.T) {
	acctest.Matrix(t, acctest.CustomApp, func(t *testing.T, tg *acctest.Target) {
		var id string
		scopes := `["sql", "openid", "all-apis"]`
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   skipBelow15,
			CheckDestroy:             checkCustomAppsDestroyed(tg),
			Steps: []resource.TestStep{
				{
					// Rotation on and no absolute lifetime: the server may or may not report
					// its default; either way the next plan is clean.
					Config:           tg.Config(matrixCustomAppConfig(scopes, matrixRotationOn)),
					ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionCreate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("all-apis"), knownvalue.StringExact("openid"), knownvalue.StringExact("sql")})),
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("enable_single_use_refresh_tokens"), knownvalue.Bool(true)),
					},
					Check: acctest.CaptureAttr(customApp, "id", &id),
				},
				{
					// In place: scopes and the policy (rotation off: no absolute lifetime).
					Config:           tg.Config(matrixCustomAppConfig(`["all-apis", "openid"]`, matrixRotationOff)),
					ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
					},
					Check: func(*terraform.State) error {
						if tg.Emulator == nil {
							return nil
						}
						app, _ := tg.Emulator.CustomApp(id)
						if !sameSet(app.Scopes, []string{"all-apis", "openid"}) || app.TokenAccessPolicy == nil ||
							app.TokenAccessPolicy.AccessTokenTTLInMinutes != 120 || app.TokenAccessPolicy.EnableSingleUseRefreshTokens {
							return fmt.Errorf("server holds %+v, policy %+v", app.Scopes, app.TokenAccessPolicy)
						}
						return nil
					},
				},
				{
					// The policy left out of the configuration is unmanaged: nothing to do.
					Config:           tg.Config(matrixCustomAppConfig(`["all-apis", "openid"]`, "")),
					ConfigPlanChecks: expectEmptyPlan,
				},
				{
					ResourceName:    customApp,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				onEmulator(tg, resource.TestStep{
					// Out of band: scopes and the token policy change. The scopes are put back;
					// the unmanaged policy stays as the server holds it.
					PreConfig: func() {
						tg.Emulator.UpdateCustomApp(id, func(a *emulator.CustomApp) {
							a.Scopes = []string{"sql", "openid"}
							a.TokenAccessPolicy = &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 15, RefreshTokenTTLInMinutes: 30}
						})
					},
					Config:           tg.Config(matrixCustomAppConfig(`["all-apis", "openid"]`, "")),
					ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(customApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(15)),
					},
					Check: func(*terraform.State) error {
						app, _ := tg.Emulator.CustomApp(id)
						if !sameSet(app.Scopes, []string{"all-apis", "openid"}) || app.TokenAccessPolicy.AccessTokenTTLInMinutes != 15 {
							return fmt.Errorf("server holds %+v, policy %+v", app.Scopes, app.TokenAccessPolicy)
						}
						return nil
					},
				}),
				onEmulator(tg, resource.TestStep{
					// Deleted out of band: created again.
					PreConfig:        func() { tg.Emulator.DeleteCustomApp(id) },
					Config:           tg.Config(matrixCustomAppConfig(`["all-apis", "openid"]`, matrixRotationOn)),
					ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionCreate),
				}),
			},
		})
	})
}

func matrixPublishedConfig(policy string) string {
	return fmt.Sprintf(`
resource "databricksoauth_published_app_integration" "test" {
  app_id = %[1]q
%[2]s
}
`, testPublishedAppID, policy)
}

func TestAccPublishedAppIntegration_matrix(t *testing.T) {
	acctest.Matrix(t, acctest.PublishedApp, func(t *testing.T, tg *acctest.Target) {
		var id string
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   skipBelow15,
			CheckDestroy:             checkPublishedDestroyed(tg, testPublishedAppID),
			Steps: []resource.TestStep{
				{
					Config:           tg.Config(matrixPublishedConfig(matrixRotationOn)),
					ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionCreate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("name"), knownvalue.StringExact("dbt Cloud")),
					},
					Check: acctest.CaptureAttr(publishedApp, "id", &id),
				},
				{
					Config:           tg.Config(matrixPublishedConfig(matrixRotationOff)),
					ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), knownvalue.Int64Exact(120)),
						statecheck.ExpectKnownValue(publishedApp, tfjsonpath.New("token_access_policy").AtMapKey("absolute_session_lifetime_in_minutes"), knownvalue.Null()),
					},
				},
				{
					Config:           tg.Config(matrixPublishedConfig("")),
					ConfigPlanChecks: expectEmptyPlan,
				},
				{
					// By integration id, and by app id (an app has at most one integration).
					ResourceName:    publishedApp,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				{
					ResourceName:    publishedApp,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
					ImportStateId:   testPublishedAppID,
				},
				onEmulator(tg, resource.TestStep{
					// Out of band: the managed policy is tightened; the plan puts it back.
					PreConfig: func() {
						tg.Emulator.UpdatePublishedIntegration(id, func(p *emulator.PublishedIntegration) {
							p.TokenAccessPolicy = &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 10, RefreshTokenTTLInMinutes: 20}
						})
					},
					Config:           tg.Config(matrixPublishedConfig(matrixRotationOff)),
					ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionUpdate),
					Check: func(*terraform.State) error {
						p, _ := tg.Emulator.PublishedIntegration(id)
						if p.TokenAccessPolicy == nil || p.TokenAccessPolicy.AccessTokenTTLInMinutes != 120 {
							return fmt.Errorf("server policy %+v", p.TokenAccessPolicy)
						}
						return nil
					},
				}),
				onEmulator(tg, resource.TestStep{
					PreConfig:        func() { tg.Emulator.DeletePublishedIntegration(id) },
					Config:           tg.Config(matrixPublishedConfig(matrixRotationOff)),
					ConfigPlanChecks: expectAction(publishedApp, plancheck.ResourceActionCreate),
				}),
			},
		})
	})
}

// A JWKS as a user writes it: spaces, keys in no particular order.
const (
	matrixJWKS         = `{ "keys": [ { "kty": "RSA", "kid": "k1", "use": "sig", "n": "0vx7agoebGcQSuu", "e": "AQAB" } ] }`
	matrixJWKSReformat = `{"keys":[{"e":"AQAB","n":"0vx7agoebGcQSuu","use":"sig","kid":"k1","kty":"RSA"}]}`
)

// matrixPolicyBody is the body of a federation policy of either scope; subject is
// "" for an account policy.
func matrixPolicyBody(description, audiences, subjectClaim, jwks, subject string) string {
	oidc := fmt.Sprintf("    issuer    = \"https://idp.example.com/oauth2\"\n    audiences = %s\n", audiences)
	if subject != "" {
		oidc += fmt.Sprintf("    subject   = %q\n", subject)
	}
	if subjectClaim != "" {
		oidc += fmt.Sprintf("    subject_claim = %q\n", subjectClaim)
	}
	if jwks != "" {
		oidc += fmt.Sprintf("    jwks_json = %q\n", jwks)
	}
	return fmt.Sprintf("  description = %q\n  oidc_policy = {\n%s  }\n", description, oidc)
}

// federationPolicyMatrix is the lifecycle of both federation policy resources.
func federationPolicyMatrix(t *testing.T, kind acctest.Kind) {
	acctest.Matrix(t, kind, func(t *testing.T, tg *acctest.Target) {
		s, subject := fedScope{acctest.FederationScope{Name: "account"}}, ""
		if kind == acctest.ServicePrincipalPolicy {
			s, subject = fedScope{acctest.FederationScope{Name: "service_principal", SP: tg.ServicePrincipalID}}, spSubject
		}
		addr := s.addr()
		config := func(body string) string { return tg.Config(s.block(body)) }
		stored := func(e *emulator.Emulator) emulator.FederationPolicy {
			p, _ := s.Policy(e, policyIDIn(tg, s.SP))
			return p
		}
		audiences := `["zeta", "alpha"]`
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   skipBelow15,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{
				{
					// No subject_claim (the server may echo its default) and a JWKS the
					// server may re-encode.
					Config:           config(matrixPolicyBody("first", audiences, "", matrixJWKS, subject)),
					ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionCreate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("zeta"), knownvalue.StringExact("alpha")})),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("jwks_json"), knownvalue.StringExact(matrixJWKS)),
					},
				},
				{
					// In place: description, audiences and an explicit subject claim.
					Config:           config(matrixPolicyBody("second", `["zeta", "beta", "alpha"]`, "email", matrixJWKS, subject)),
					ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.StringExact("email")),
					},
					Check: tg.ServerCheck(func(e *emulator.Emulator) error {
						p := stored(e)
						if p.Description != "second" || p.OIDCPolicy.SubjectClaim != "email" || !sameSet(p.OIDCPolicy.Audiences, []string{"zeta", "beta", "alpha"}) {
							return fmt.Errorf("server holds %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					}),
				},
				{
					// subject_claim removed: back to the server's default, then a clean plan.
					Config:           config(matrixPolicyBody("second", `["zeta", "beta", "alpha"]`, "", matrixJWKS, subject)),
					ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
					Check: tg.ServerCheck(func(e *emulator.Emulator) error {
						if p := stored(e); p.OIDCPolicy.SubjectClaim != "" {
							return fmt.Errorf("subject_claim %q left on the server", p.OIDCPolicy.SubjectClaim)
						}
						return nil
					}),
				},
				{
					// The same JWKS written differently is no change.
					Config:           config(matrixPolicyBody("second", `["zeta", "beta", "alpha"]`, "", matrixJWKSReformat, subject)),
					ConfigPlanChecks: expectEmptyPlan,
				},
				{
					ResourceName:    addr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				onEmulator(tg, resource.TestStep{
					// Out of band: another issuer and audience; the plan puts them back.
					PreConfig: func() {
						s.UpdatePolicy(tg.Emulator, policyIDIn(tg, s.SP), func(p *emulator.FederationPolicy) {
							p.OIDCPolicy.Issuer = "https://evil.example.com"
							p.OIDCPolicy.Audiences = []string{"other"}
						})
					},
					Config:           config(matrixPolicyBody("second", `["zeta", "beta", "alpha"]`, "", matrixJWKSReformat, subject)),
					ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
					Check: tg.ServerCheck(func(e *emulator.Emulator) error {
						if p := stored(e); p.OIDCPolicy.Issuer != "https://idp.example.com/oauth2" || !sameSet(p.OIDCPolicy.Audiences, []string{"zeta", "beta", "alpha"}) {
							return fmt.Errorf("server holds %+v", p.OIDCPolicy)
						}
						return nil
					}),
				}),
				onEmulator(tg, resource.TestStep{
					PreConfig:        func() { s.DeletePolicy(tg.Emulator, policyIDIn(tg, s.SP)) },
					Config:           config(matrixPolicyBody("second", `["zeta", "beta", "alpha"]`, "", matrixJWKSReformat, subject)),
					ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionCreate),
				}),
			},
		})
	})
}

// policyIDIn returns the id of the only policy of sp (0: the account) on the emulator.
func policyIDIn(tg *acctest.Target, sp int64) string {
	ps := tg.Emulator.AccountPolicies()
	if sp != 0 {
		ps = tg.Emulator.ServicePrincipalPolicies(sp)
	}
	if len(ps) != 1 {
		return ""
	}
	return ps[0].PolicyID
}

func TestAccAccountFederationPolicy_matrix(t *testing.T) {
	federationPolicyMatrix(t, acctest.AccountPolicy)
}

func TestAccServicePrincipalFederationPolicy_matrix(t *testing.T) {
	federationPolicyMatrix(t, acctest.ServicePrincipalPolicy)
}

// matrixSecretConfig is four secrets of one principal: reading them back lists the
// principal's secrets across pages.
func matrixSecretConfig(sp int64, extra string) string {
	return fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %[1]d
  lifetime             = "86400s"
%[2]s
}

resource "databricksoauth_service_principal_secret" "others" {
  count                = 3
  service_principal_id = %[1]d
}
`, sp, extra)
}

func TestAccServicePrincipalSecret_matrix(t *testing.T) {
	acctest.Matrix(t, acctest.Secret, func(t *testing.T, tg *acctest.Target) {
		sp := tg.ServicePrincipalID
		var id string
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
			Steps: []resource.TestStep{
				{
					Config:           tg.Config(matrixSecretConfig(sp, "")),
					ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionCreate),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(spSecret, tfjsonpath.New("secret"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue("databricksoauth_service_principal_secret.others[2]", tfjsonpath.New("expire_time"), knownvalue.NotNull()),
					},
					Check: acctest.CaptureAttr(spSecret, "id", &id),
				},
				{
					// early_renewal_hours is a plan-side setting: updated in place.
					Config:           tg.Config(matrixSecretConfig(sp, "  early_renewal_hours = 1")),
					ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionUpdate),
				},
				{
					ResourceName:            spSecret,
					ImportState:             true,
					ImportStateIdFunc:       spSecretImportID(spSecret),
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"secret", "early_renewal_hours"},
				},
				onEmulator(tg, resource.TestStep{
					// Deleted out of band: created again, the others untouched.
					PreConfig: func() {
						tg.Emulator.DeleteSecret(sp, id)
					},
					Config:           tg.Config(matrixSecretConfig(sp, "  early_renewal_hours = 1")),
					ConfigPlanChecks: expectAction(spSecret, plancheck.ResourceActionCreate),
					Check: func(*terraform.State) error {
						if n := len(tg.Emulator.Secrets(sp)); n != 4 {
							return fmt.Errorf("%d secrets on the server, want 4", n)
						}
						return nil
					},
				}),
			},
		})
	})
}
