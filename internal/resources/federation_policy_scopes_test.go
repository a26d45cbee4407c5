package resources_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The federation policy acceptance tests: one table over both scopes a policy lives
// in, the account and a service principal. Every test here runs once per scope,
// each with its own emulator; what only one scope has (an account policy has no
// subject; a service principal policy moves with service_principal_id) is tested
// in that scope's file.

// generatedPolicyIDRe is the form of the policy ids the provider chooses itself.
var generatedPolicyIDRe = regexp.MustCompile(`^tf-[0-9a-f]{16}$`)

// federationPoliciesPath matches the create (and list) path of both scopes.
const federationPoliciesPath = `/federationPolicies$`

var (
	fedPolicyCreates = regexp.MustCompile(federationPoliciesPath)
	fedPolicyItems   = regexp.MustCompile(`/federationPolicies/[^/]+$`)
)

// spSubject is the subject a service principal policy requires, which the tests
// add to every oidc_policy of that scope that does not set its own.
const spSubject = "repo:my-org/my-repo:environment:prod"

// fedScope is one scope of a federation policy, with what the resource tests
// write of it.
type fedScope struct{ acctest.FederationScope }

// forEachFedScope runs test once per scope (acctest.ForEachFederationScope).
func forEachFedScope(t *testing.T, test func(t *testing.T, tg *acctest.Target, s fedScope)) {
	t.Helper()
	acctest.ForEachFederationScope(t, func(t *testing.T, tg *acctest.Target, s acctest.FederationScope) {
		test(t, tg, fedScope{s})
	})
}

// addr is the address of the test resource.
func (s fedScope) addr() string { return s.ResourceType() + ".test" }

// config is the scope's test resource with args, and an oidc_policy of the lines
// oidc when there are any; a service principal's policy gets its service
// principal and, unless a line sets it, spSubject.
func (s fedScope) config(args string, oidc ...string) string {
	return s.namedConfig("test", args, oidc...)
}

func (s fedScope) namedConfig(name, args string, oidc ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource %q %q {\n", s.ResourceType(), name)
	if s.SP != 0 {
		fmt.Fprintf(&b, "  service_principal_id = %d\n", s.SP)
	}
	if args != "" {
		b.WriteString("  " + strings.TrimSpace(args) + "\n")
	}
	if len(oidc) > 0 {
		b.WriteString("  oidc_policy = {\n")
		subject := s.SP != 0
		for _, l := range oidc {
			b.WriteString("    " + l + "\n")
			if strings.HasPrefix(l, "subject ") || strings.HasPrefix(l, "subject=") {
				subject = false
			}
		}
		if subject {
			fmt.Fprintf(&b, "    subject = %q\n", spSubject)
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// block is the scope's test resource with body, as written.
func (s fedScope) block(body string) string {
	if s.SP == 0 {
		return testAccAccountFederationPolicyConfig(body)
	}
	return testAccServicePrincipalFederationPolicyConfig(s.SP, body)
}

// importID is the import id of the policy in state.
func (s fedScope) importID(st *terraform.State) (string, error) {
	rs, ok := st.RootModule().Resources[s.addr()]
	if !ok {
		return "", fmt.Errorf("%s not in state", s.addr())
	}
	return s.ID(rs.Primary.Attributes["policy_id"]), nil
}

// describe names the policy as the provider's messages do.
func (s fedScope) describe(policyID string) string {
	if s.SP == 0 {
		return fmt.Sprintf("account federation policy %q", policyID)
	}
	return fmt.Sprintf("federation policy %q of service principal %d", policyID, s.SP)
}

// onlyOneInState checks that the scope holds exactly one policy on the server and
// that it is the one in state: no orphan, no twin. (It passes against a real
// account, like every server check.)
func (s fedScope) onlyOneInState(tg *acctest.Target) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		rs, ok := st.RootModule().Resources[s.addr()]
		if !ok {
			return fmt.Errorf("%s not in state", s.addr())
		}
		ps := s.Policies(tg.Emulator)
		if len(ps) != 1 || ps[0].PolicyID != rs.Primary.Attributes["policy_id"] || ps[0].UID != rs.Primary.Attributes["uid"] {
			where := "the account"
			if s.SP != 0 {
				where = fmt.Sprintf("service principal %d", s.SP)
			}
			return fmt.Errorf("%s holds %d policies (%+v); state has %q", where, len(ps), ps, rs.Primary.Attributes["policy_id"])
		}
		return nil
	}
}

// createdAsInState checks that exactly one create was sent since the last ResetLog,
// with the policy id in state in its query.
func (s fedScope) createdAsInState(tg *acctest.Target) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		posts := acctest.Requests(tg.Emulator, http.MethodPost, fedPolicyCreates)
		rs, ok := st.RootModule().Resources[s.addr()]
		if !ok {
			return fmt.Errorf("%s not in state", s.addr())
		}
		if id := rs.Primary.Attributes["policy_id"]; len(posts) != 1 || posts[0].Query.Get("policy_id") != id {
			return fmt.Errorf("create requests %+v, state id %q", posts, id)
		}
		return nil
	}
}

// expectMasks checks the update masks of the PATCH requests since the last ResetLog.
func expectMasks(tg *acctest.Target, want ...string) resource.TestCheckFunc {
	return tg.ServerCheck(func(e *emulator.Emulator) error { return acctest.ExpectUpdateMasks(e, fedPolicyItems, want...)(nil) })
}

func TestAccFederationPolicy_basic(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		addr := s.addr()
		name := `^accounts/[^/]+/federationPolicies/tf-acc-basic$`
		var subject knownvalue.Check = knownvalue.Null()
		badImports := []resource.TestStep{{
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: "1001/tf-acc-basic",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*policy_id of an account federation policy`),
		}}
		if s.SP != 0 {
			name = fmt.Sprintf(`^accounts/[^/]+/servicePrincipals/%d/federationPolicies/tf-acc-basic$`, s.SP)
			subject = knownvalue.StringExact(spSubject)
			badImports = []resource.TestStep{{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "tf-acc-basic",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*Expected\s+<service_principal_id>/<policy_id>, e.g. 1001/my-policy`),
			}, {
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "my-sp/tf-acc-basic",
				ExpectError:   regexp.MustCompile(`(?s)Expected\s+<service_principal_id>/<policy_id>.*positive\s+integer`),
			}}
		}
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(s.ID("tf-acc-basic"))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("policy_id"), knownvalue.StringExact("tf-acc-basic")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(name))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("uid"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("create_time"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("update_time"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("Okta tokens")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("databricks"), knownvalue.StringExact("other")})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.StringExact("email")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject"), subject),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("jwks_uri"), knownvalue.Null()),
		}
		if s.SP != 0 {
			checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(s.SP)))
		}
		resource.ParallelTest(t, resource.TestCase{
			PreCheck:                 func() { acctest.PreCheck(t) },
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: append([]resource.TestStep{
				{
					Config: tg.Config(s.config(`policy_id = "tf-acc-basic"
  description = "Okta tokens"`,
						`issuer        = "https://idp.example.com/oauth2/default"`,
						`audiences     = ["databricks", "other"]`,
						`subject_claim = "email"`)),
					ConfigPlanChecks:  expectAction(addr, plancheck.ResourceActionCreate),
					ConfigStateChecks: checks,
					// The id goes in the query; the body is the bare policy object.
					Check: tg.ServerCheck(func(e *emulator.Emulator) error {
						posts := acctest.Requests(e, http.MethodPost, fedPolicyCreates)
						if len(posts) != 1 || posts[0].Query.Get("policy_id") != "tf-acc-basic" {
							return fmt.Errorf("creates: %+v", posts)
						}
						var body map[string]json.RawMessage
						if err := json.Unmarshal(posts[0].Body, &body); err != nil {
							return err
						}
						if _, ok := body["oidc_policy"]; !ok || body["policy"] != nil || body["policy_id"] != nil || body["name"] != nil {
							return fmt.Errorf("create body is not the bare policy: %s", posts[0].Body)
						}
						return nil
					}),
				},
				{
					ResourceName:      addr,
					ImportState:       true,
					ImportStateIdFunc: s.importID,
					ImportStateVerify: true,
				},
			}, badImports...),
		})
	})
}

// Without policy_id, the provider chooses one and sends it with the create.
func TestAccFederationPolicy_generatedID(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		addr := s.addr()
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("policy_id"), knownvalue.StringRegexp(generatedPolicyIDRe)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(
				regexp.MustCompile("^"+regexp.QuoteMeta(s.ID(""))+`tf-[0-9a-f]{16}$`))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
			// The server's default subject claim is not echoed: null, no diff.
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.Null()),
		}
		if s.SP == 0 {
			checks = append(checks, statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), addr, tfjsonpath.New("policy_id"), compareEqual))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{
				{
					Config: tg.Config(s.config(``, `issuer = "https://idp.example.com"`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("policy_id")),
					}},
					ConfigStateChecks: checks,
					Check:             resource.ComposeTestCheckFunc(s.createdAsInState(tg), s.onlyOneInState(tg)),
				},
				{
					ResourceName:      addr,
					ImportState:       true,
					ImportStateIdFunc: s.importID,
					ImportStateVerify: true,
				},
			},
		})
	})
}

// Each in-place change sends a PATCH whose update_mask names exactly the changed fields.
func TestAccFederationPolicy_update(t *testing.T) {
	acctest.EmulatorOnly(t)
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		addr := s.addr()
		update := expectAction(addr, plancheck.ResourceActionUpdate)
		full := func(policyID, description, issuer string) string {
			return tg.Config(s.config(fmt.Sprintf("policy_id = %q\n  description = %q", policyID, description),
				fmt.Sprintf("issuer = %q", issuer), `audiences = ["databricks", "other"]`, `subject_claim = "email"`))
		}
		bare := func(oidc ...string) string { return tg.Config(s.config(`policy_id = "tf-acc-update"`, oidc...)) }
		steps := []resource.TestStep{
			{Config: full("tf-acc-update", "one", "https://idp.example.com")},
			{
				// Only the description.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           full("tf-acc-update", "two", "https://idp.example.com"),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("two")),
				},
				Check: expectMasks(tg, "description"),
			},
			{
				// Only the issuer.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           full("tf-acc-update", "two", "https://login.example.org"),
				ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					expectMasks(tg, "oidc_policy.issuer"),
					tg.ServerCheck(func(e *emulator.Emulator) error {
						p, _ := s.Policy(e, "tf-acc-update")
						if p.OIDCPolicy == nil || p.OIDCPolicy.Issuer != "https://login.example.org" || len(p.OIDCPolicy.Audiences) != 2 ||
							p.OIDCPolicy.SubjectClaim != "email" || p.Description != "two" {
							return fmt.Errorf("server policy after issuer change: %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					}),
				),
			},
			{
				// Removing description, audiences and subject_claim clears them on the server.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           bare(`issuer = "https://login.example.org"`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					expectMasks(tg, "description,oidc_policy.audiences,oidc_policy.subject_claim"),
					tg.ServerCheck(func(e *emulator.Emulator) error {
						p, _ := s.Policy(e, "tf-acc-update")
						if p.Description != "" || len(p.OIDCPolicy.Audiences) != 0 || p.OIDCPolicy.SubjectClaim != "" {
							return fmt.Errorf("not cleared on the server: %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					}),
				),
			},
			{
				// The plan after clearing is empty.
				Config:           bare(`issuer = "https://login.example.org"`),
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				// Explicit JWKS keys.
				PreConfig: tg.Emulator.ResetLog,
				Config: bare(`issuer    = "https://login.example.org"`,
					`jwks_json = jsonencode({ keys = [{ kty = "RSA", kid = "k1", n = "AQAB", e = "AQAB" }] })`),
				ConfigPlanChecks: update,
				Check:            expectMasks(tg, "oidc_policy.jwks_json"),
			},
			{
				// From JWKS keys to a JWKS URL: both fields change.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           bare(`issuer   = "https://login.example.org"`, `jwks_uri = "https://login.example.org/keys"`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("jwks_json"), knownvalue.Null()),
				},
				Check: expectMasks(tg, "oidc_policy.jwks_uri,oidc_policy.jwks_json"),
			},
		}
		if s.SP != 0 {
			// The subject, alone and with a custom subject claim.
			steps = append(steps, resource.TestStep{
				PreConfig:        tg.Emulator.ResetLog,
				Config:           bare(`issuer   = "https://login.example.org"`, `jwks_uri = "https://login.example.org/keys"`, `subject  = "repo:my-org/my-repo:ref:refs/heads/main"`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("subject"),
						knownvalue.StringExact("repo:my-org/my-repo:ref:refs/heads/main")),
				},
				Check: expectMasks(tg, "oidc_policy.subject"),
			}, resource.TestStep{
				PreConfig:        tg.Emulator.ResetLog,
				Config:           bare(`issuer   = "https://login.example.org"`, `jwks_uri = "https://login.example.org/keys"`, `subject       = "my-org/my-repo"`, `subject_claim = "repository"`),
				ConfigPlanChecks: update,
				Check:            expectMasks(tg, "oidc_policy.subject,oidc_policy.subject_claim"),
			})
		}
		steps = append(steps,
			resource.TestStep{
				// policy_id cannot change: replace.
				Config:           full("tf-acc-renamed", "two", "https://idp.example.com"),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(s.ID("tf-acc-renamed"))),
				},
				Check: s.onlyOneInState(tg),
			},
			resource.TestStep{
				// Removing policy_id from the configuration keeps the policy (no replace).
				Config: tg.Config(s.config(`description = "two"`,
					`issuer        = "https://idp.example.com"`, `audiences     = ["databricks", "other"]`, `subject_claim = "email"`)),
				ConfigPlanChecks: expectEmptyPlan,
			})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps:                    steps,
		})
	})
}

// An explicit "" or [] is kept as such: the API does not echo empty values.
func TestAccFederationPolicy_emptyValues(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		addr := s.addr()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{
				{
					Config: tg.Config(s.config(`description = ""`, `issuer    = "https://idp.example.com"`, `audiences = []`)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.ListSizeExact(0)),
					},
				},
				{
					// Going from "" to null is not a change the API can see: no PATCH.
					PreConfig: func() {
						if tg.Emulator != nil {
							tg.Emulator.ResetLog()
						}
					},
					Config: tg.Config(s.config(``, `issuer = "https://idp.example.com"`)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.Null()),
					},
					Check: expectMasks(tg),
				},
			},
		})
	})
}

func TestAccFederationPolicy_drift(t *testing.T) {
	acctest.EmulatorOnly(t)
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		cfg := tg.Config(s.config(`policy_id = "tf-acc-drift"
  description = "one"`, `issuer        = "https://idp.example.com"`, `audiences     = ["databricks", "other"]`, `subject_claim = "email"`))
		masks := "description,oidc_policy.audiences"
		if s.SP != 0 {
			masks += ",oidc_policy.subject"
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					// Someone changes the audiences and the description in the console
					// (and a service principal policy's subject, to trust another repository).
					PreConfig: func() {
						s.UpdatePolicy(tg.Emulator, "tf-acc-drift", func(p *emulator.FederationPolicy) {
							p.Description = "changed"
							p.OIDCPolicy.Audiences = []string{"someone-else"}
							if s.SP != 0 {
								p.OIDCPolicy.Subject = "repo:attacker/repo:environment:prod"
							}
						})
						tg.Emulator.ResetLog()
					},
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(s.addr(), plancheck.ResourceActionUpdate),
					}},
					Check: expectMasks(tg, masks),
				},
				{
					// Someone deletes it: the plan creates it again, no error.
					PreConfig: func() { s.DeletePolicy(tg.Emulator, "tf-acc-drift") },
					Config:    cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(s.addr(), plancheck.ResourceActionCreate),
					}},
					Check: s.onlyOneInState(tg),
				},
			},
		})
	})
}

// spPolicyHCL is a service principal policy with a service_principal_id line and a
// subject line of its own, for what fedScope.config cannot write.
const spPolicyHCL = `
resource "databricksoauth_service_principal_federation_policy" "test" {
  %s
  oidc_policy = {
    issuer = "https://token.actions.githubusercontent.com"
    %s
  }
}
`

func TestAccFederationPolicy_validation(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		// Terraform wraps long messages: any space in want matches any run of white space.
		step := func(cfg, want string) resource.TestStep {
			return resource.TestStep{Config: tg.Config(cfg), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))}
		}
		const issuer = `issuer = "https://idp.example.com"`
		steps := []resource.TestStep{
			step(s.config(``, `issuer = "http://idp.example.com"`), `(?s)oidc_policy.issuer.*must be an https:// URL`),
			step(s.config(``, `issuer = "idp.example.com"`), `(?s)oidc_policy.issuer.*must be an https:// URL`),
			step(s.config(``, `audiences = ["a"]`), `(?s)oidc_policy.*"issuer" is\s+required`),
			step(s.config(`description = "x"`), `(?s)"oidc_policy" is required`),
			step(s.config(``, issuer, `jwks_json = "{not json"`), `(?s)Invalid JWKS JSON.*must be a JSON object holding a JSON Web Key Set.*invalid character`),
			step(s.config(``, issuer, `jwks_json = jsonencode({ kty = "RSA" })`), `(?s)must be a JSON Web Key Set: a JSON object with a "keys" array`),
			step(s.config(``, issuer, `jwks_json = jsonencode({ keys = [] })`, `jwks_uri = "https://idp.example.com/keys"`),
				`(?s)Invalid Attribute Combination.*"oidc_policy.jwks_uri" cannot be specified when "oidc_policy.jwks_json" is specified`),
			step(s.config(``, issuer, `jwks_uri = "http://idp.example.com/keys"`), `(?s)oidc_policy.jwks_uri.*must be an https:// URL`),
			step(s.config(``, issuer, `audiences = ["ok", ""]`), `(?s)oidc_policy.audiences\[1\].*length must be at least 1`),
			step(s.config(`policy_id = "My_Policy"`, issuer),
				`(?s)policy_id.*must be 1 to 63 characters long and contain only lowercase letters \(a-z\), digits \(0-9\) and hyphens`),
			step(s.config(`policy_id = "GitHub.Prod"`, issuer), `(?s)policy_id.*must be 1 to 63 characters long and contain only lowercase letters`),
			step(s.config(`policy_id = "`+strings.Repeat("a", 64)+`"`, issuer), `(?s)policy_id.*must be 1 to 63 characters long`),
			step(s.config(`policy_id = ""`, issuer), `(?s)policy_id.*must be 1 to 63 characters long`),
		}
		if s.SP == 0 {
			steps = append(steps,
				step(s.config(``, issuer, `subject = "repo:my-org/my-repo:ref:refs/heads/main"`), `(?s)oidc_policy.subject must not be set: an account federation policy`))
		} else {
			steps = append(steps,
				step(fmt.Sprintf(spPolicyHCL, fmt.Sprintf("service_principal_id = %d", s.SP), ""), `(?s)"oidc_policy": attribute "subject" is required`),
				step(s.config(``, issuer, `subject = ""`), `(?s)oidc_policy.subject.*length must be at least 1`),
				step(fmt.Sprintf(spPolicyHCL, "service_principal_id = 0", "subject = "+strconv.Quote(spSubject)), `(?s)service_principal_id.*must be at least 1, got: 0`),
				step(fmt.Sprintf(spPolicyHCL, "", "subject = "+strconv.Quote(spSubject)), `(?s)"service_principal_id" is required`))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps:                    steps,
		})
		tg.AssertNoMutations(t)
	})
}

// A user-chosen policy_id that is taken is a real conflict: a clear error that
// suggests importing, and the existing policy is left alone.
func TestAccFederationPolicy_conflict(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{{
				Config: tg.Config(s.namedConfig("first", `policy_id = "tf-acc-taken"`, `issuer = "https://idp.example.com"`) +
					s.namedConfig("second", `policy_id = "tf-acc-taken"
  depends_on = [`+s.ResourceType()+`.first]`, `issuer = "https://other.example.com"`)),
				ExpectError: wrapped(regexp.QuoteMeta(s.describe("tf-acc-taken")) + ` already exists.*terraform import <resource address> ` +
					regexp.QuoteMeta(s.ID("tf-acc-taken"))),
			}},
		})
	})
}

// A create whose answer is lost must end with exactly one policy, in state: never
// an orphan (created but unknown to Terraform) nor a twin.
func TestAccFederationPolicy_lostCreateAnswer(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name, tc := range map[string]struct {
		status   int
		policyID string
		posts    int
	}{
		"500, generated id":   {http.StatusInternalServerError, "", 1}, // not retried by the SDK: adopted by GET
		"503, generated id":   {http.StatusServiceUnavailable, "", 2},  // retried by the SDK: 409, adopted
		"500, user-chosen id": {http.StatusInternalServerError, "tf-acc-lost", 1},
	} {
		t.Run(name, func(t *testing.T) {
			forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
				args := ""
				if tc.policyID != "" {
					args = fmt.Sprintf("policy_id = %q", tc.policyID)
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					CheckDestroy:             s.Destroyed(tg),
					Steps: []resource.TestStep{{
						PreConfig: func() {
							tg.Emulator.InjectFault(emulator.Fault{Method: "POST", PathPattern: federationPoliciesPath, ApplyFirst: true, Status: tc.status})
						},
						Config: tg.Config(s.config(args, `issuer = "https://idp.example.com"`)),
						Check: resource.ComposeTestCheckFunc(
							s.onlyOneInState(tg),
							acctest.ExpectRequests(tg.Emulator, http.MethodPost, fedPolicyCreates, tc.posts),
						),
					}},
				})
			})
		})
	}
}

// When even the look-up after a lost create answer fails, the id stays in state
// (tainted): the next apply finds the policy and replaces it instead of orphaning it.
func TestAccFederationPolicy_lostCreateAnswerAndLookup(t *testing.T) {
	acctest.EmulatorOnly(t)
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		cfg := tg.Config(s.config(``, `issuer = "https://idp.example.com"`))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: "POST", PathPattern: federationPoliciesPath, ApplyFirst: true, Status: 500})
						tg.Emulator.InjectFault(emulator.Fault{Method: "GET", PathPattern: `/federationPolicies/[^/]+$`, Status: 500})
					},
					Config:      cfg,
					ExpectError: regexp.MustCompile(`it may exist on the server and is kept in state`),
				},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(s.addr(), plancheck.ResourceActionReplace),
					}},
					Check: s.onlyOneInState(tg),
				},
			},
		})
	})
}

// At the API's limit of 20 policies per scope the 21st create fails with the
// server's message, once: no retry loop.
func TestAccFederationPolicy_limit(t *testing.T) {
	acctest.EmulatorOnly(t)
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             s.Destroyed(tg),
			Steps: []resource.TestStep{{
				Config: tg.Config(s.namedConfig("many", `count = 21
  policy_id = "tf-acc-limit-${count.index}"`, `issuer = "https://idp.example.com"`)),
				ExpectError: wrapped(`Cannot create ` + strings.Replace(regexp.QuoteMeta(s.describe("tf-acc-limit-N")), "N", `\d+`, 1) +
					`.*maximum of 20 federation policies`),
			}, {
				// Nothing was lost on the way: 20 on the server, 21 creates sent.
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					tg.ServerCheck(func(e *emulator.Emulator) error {
						if n := len(s.Policies(e)); n != 20 {
							return fmt.Errorf("%d policies on the server, want 20", n)
						}
						return nil
					}),
					acctest.ExpectRequests(tg.Emulator, http.MethodPost, fedPolicyCreates, 21),
				),
			}},
		})
	})
}

// A jwks_json the server holds that is not JSON (changed behind the API) is drift that
// apply repairs, not an error that blocks every plan; the list data source reads it too.
func TestAccFederationPolicy_driftToInvalidJWKS(t *testing.T) {
	acctest.EmulatorOnly(t)
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		const jwks = `{"keys":[{"kid":"k1","kty":"RSA"}]}` // as jsonencode writes it
		list := fmt.Sprintf("\ndata %q \"all\" {\n", s.ListDataSource())
		if s.SP != 0 {
			list += fmt.Sprintf("  service_principal_id = %d\n", s.SP)
		}
		list += "}\n"
		serverJWKS := func(id, want string) resource.TestCheckFunc {
			return func(*terraform.State) error {
				p, ok := s.Policy(tg.Emulator, id)
				if !ok || p.OIDCPolicy.JwksJSON != want {
					return fmt.Errorf("server jwks_json = %q (found %v), want %q", p.OIDCPolicy.JwksJSON, ok, want)
				}
				return nil
			}
		}
		for i, bad := range []string{"not json{", "  "} {
			t.Run(fmt.Sprintf("%q", bad), func(t *testing.T) {
				id := fmt.Sprintf("tf-acc-badjwks-%d", i)
				cfg := s.config(fmt.Sprintf("policy_id = %q", id), `issuer    = "https://idp.example.com"`,
					`jwks_json = jsonencode({ keys = [{ kty = "RSA", kid = "k1" }] })`)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{Config: tg.Config(cfg), Check: serverJWKS(id, jwks)},
						{
							PreConfig: func() {
								s.UpdatePolicy(tg.Emulator, id, func(p *emulator.FederationPolicy) { p.OIDCPolicy.JwksJSON = bad })
							},
							Config: tg.Config(cfg + list),
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(s.addr(), plancheck.ResourceActionUpdate),
							}},
							Check: serverJWKS(id, jwks),
						},
					},
				})
			})
		}
	})
}
