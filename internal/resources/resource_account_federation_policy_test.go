package resources_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

const accountFedPolicy = "databricksoauth_account_federation_policy.test"

// generatedPolicyIDRe is the form of the policy ids the provider chooses itself.
var generatedPolicyIDRe = regexp.MustCompile(`^tf-[0-9a-f]{16}$`)

// federationPoliciesPath matches the create (and list) path of both scopes.
const federationPoliciesPath = `/federationPolicies$`

func testAccAccountFederationPolicyConfig(body string) string {
	return fmt.Sprintf(`
resource "databricksoauth_account_federation_policy" "test" {
%s
}
`, body)
}

func testAccAccountFederationPolicyConfig_full(policyID, description, issuer string) string {
	return testAccAccountFederationPolicyConfig(fmt.Sprintf(`
  policy_id   = %[1]q
  description = %[2]q
  oidc_policy = {
    issuer        = %[3]q
    audiences     = ["databricks", "other"]
    subject_claim = "email"
  }
`, policyID, description, issuer))
}

// checkFedPolicyPatches asserts the update masks of the PATCH requests logged since
// the last ResetLog, in order.
func checkFedPolicyPatches(tg *acctest.Target, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []string
		for _, r := range tg.Emulator.MutatingRequests() {
			if r.Method == http.MethodPatch && strings.Contains(r.Path, "/federationPolicies/") {
				got = append(got, r.Query.Get("update_mask"))
			}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("PATCH update masks %q, want %q", got, want)
		}
		return nil
	}
}

// fedPolicyPosts returns the logged create requests of federation policies.
func fedPolicyPosts(tg *acctest.Target) []emulator.Request {
	var out []emulator.Request
	for _, r := range tg.Emulator.MutatingRequests() {
		if r.Method == http.MethodPost && regexp.MustCompile(federationPoliciesPath).MatchString(r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// checkOnlyAccountPolicyInState asserts that the server holds exactly one account
// policy and that it is the one in state (accountFedPolicy): no orphan, no twin.
func checkOnlyAccountPolicyInState(tg *acctest.Target) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[accountFedPolicy]
		if !ok {
			return fmt.Errorf("%s not in state", accountFedPolicy)
		}
		ps := tg.Emulator.AccountPolicies()
		if len(ps) != 1 || ps[0].PolicyID != rs.Primary.Attributes["policy_id"] || ps[0].UID != rs.Primary.Attributes["uid"] {
			return fmt.Errorf("server holds %d account policies (%+v); state has %q", len(ps), ps, rs.Primary.Attributes["policy_id"])
		}
		return nil
	}
}

func checkAccountPoliciesDestroyed(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		if ps := tg.Emulator.AccountPolicies(); len(ps) != 0 {
			return fmt.Errorf("%d account federation policies left after destroy", len(ps))
		}
		return nil
	}
}

func TestAccAccountFederationPolicy_basic(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-basic", "Okta tokens", "https://idp.example.com/oauth2/default")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("id"), knownvalue.StringExact("tf-acc-basic")),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("policy_id"), knownvalue.StringExact("tf-acc-basic")),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^accounts/[^/]+/federationPolicies/tf-acc-basic$`))),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("uid"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("update_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.StringExact("Okta tokens")),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("databricks"), knownvalue.StringExact("other")})),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("subject"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("jwks_uri"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					// The id goes in the query; the body is the bare policy object.
					posts := fedPolicyPosts(tg)
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
				},
			},
			{
				ResourceName:      accountFedPolicy,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:  accountFedPolicy,
				ImportState:   true,
				ImportStateId: "1001/tf-acc-basic",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*policy_id of an account federation policy`),
			},
		},
	})
}

// Without policy_id, the provider chooses one and sends it with the create.
func TestAccAccountFederationPolicy_generatedID(t *testing.T) {
	tg := acctest.New(t)
	cfg := tg.Config(testAccAccountFederationPolicyConfig(`
  oidc_policy = {
    issuer = "https://idp.example.com"
  }
`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(accountFedPolicy, tfjsonpath.New("policy_id")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("policy_id"), knownvalue.StringRegexp(generatedPolicyIDRe)),
					statecheck.CompareValuePairs(accountFedPolicy, tfjsonpath.New("id"), accountFedPolicy, tfjsonpath.New("policy_id"), compareEqual),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					posts := fedPolicyPosts(tg)
					id := s.RootModule().Resources[accountFedPolicy].Primary.Attributes["policy_id"]
					if len(posts) != 1 || posts[0].Query.Get("policy_id") != id {
						return fmt.Errorf("create requests %+v, state id %q", posts, id)
					}
					return checkOnlyAccountPolicyInState(tg)(s)
				},
			},
			{
				ResourceName:      accountFedPolicy,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

// Each in-place change sends a PATCH whose update_mask names exactly the changed fields.
func TestAccAccountFederationPolicy_update(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
		Steps: []resource.TestStep{
			{Config: tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-update", "one", "https://idp.example.com"))},
			{
				// Only the description.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-update", "two", "https://idp.example.com")),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.StringExact("two")),
				},
				Check: checkFedPolicyPatches(tg, "description"),
			},
			{
				// Only the issuer.
				PreConfig:        tg.Emulator.ResetLog,
				Config:           tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-update", "two", "https://login.example.org")),
				ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					checkFedPolicyPatches(tg, "oidc_policy.issuer"),
					func(*terraform.State) error {
						p, _ := tg.Emulator.AccountPolicy("tf-acc-update")
						if p.OIDCPolicy == nil || p.OIDCPolicy.Issuer != "https://login.example.org" || len(p.OIDCPolicy.Audiences) != 2 ||
							p.OIDCPolicy.SubjectClaim != "email" || p.Description != "two" {
							return fmt.Errorf("server policy after issuer change: %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					},
				),
			},
			{
				// Removing description, audiences and subject_claim clears them on the server.
				PreConfig: tg.Emulator.ResetLog,
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  policy_id = "tf-acc-update"
  oidc_policy = {
    issuer = "https://login.example.org"
  }
`)),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkFedPolicyPatches(tg, "description,oidc_policy.audiences,oidc_policy.subject_claim"),
					func(*terraform.State) error {
						p, _ := tg.Emulator.AccountPolicy("tf-acc-update")
						if p.Description != "" || len(p.OIDCPolicy.Audiences) != 0 || p.OIDCPolicy.SubjectClaim != "" {
							return fmt.Errorf("not cleared on the server: %+v %+v", p, p.OIDCPolicy)
						}
						return nil
					},
				),
			},
			{
				// The plan after clearing is empty.
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  policy_id = "tf-acc-update"
  oidc_policy = {
    issuer = "https://login.example.org"
  }
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Explicit JWKS keys.
				PreConfig: tg.Emulator.ResetLog,
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  policy_id = "tf-acc-update"
  oidc_policy = {
    issuer    = "https://login.example.org"
    jwks_json = jsonencode({ keys = [{ kty = "RSA", kid = "k1", n = "AQAB", e = "AQAB" }] })
  }
`)),
				ConfigPlanChecks: update,
				Check:            checkFedPolicyPatches(tg, "oidc_policy.jwks_json"),
			},
			{
				// From JWKS keys to a JWKS URL: both fields change.
				PreConfig: tg.Emulator.ResetLog,
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  policy_id = "tf-acc-update"
  oidc_policy = {
    issuer   = "https://login.example.org"
    jwks_uri = "https://login.example.org/keys"
  }
`)),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("jwks_json"), knownvalue.Null()),
				},
				Check: checkFedPolicyPatches(tg, "oidc_policy.jwks_uri,oidc_policy.jwks_json"),
			},
			{
				// policy_id cannot change: replace.
				Config: tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-renamed", "two", "https://idp.example.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionReplace),
				}},
				Check: checkOnlyAccountPolicyInState(tg),
			},
			{
				// Removing policy_id from the configuration keeps the policy (no replace).
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  description = "two"
  oidc_policy = {
    issuer        = "https://idp.example.com"
    audiences     = ["databricks", "other"]
    subject_claim = "email"
  }
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// An explicit "" or [] is kept as such: the API does not echo empty values.
func TestAccAccountFederationPolicy_emptyValues(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  description = ""
  oidc_policy = {
    issuer    = "https://idp.example.com"
    audiences = []
  }
`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// Going from "" to null is not a change the API can see: no PATCH.
				PreConfig: func() {
					if tg.Emulator != nil {
						tg.Emulator.ResetLog()
					}
				},
				Config: tg.Config(testAccAccountFederationPolicyConfig(`
  oidc_policy = {
    issuer = "https://idp.example.com"
  }
`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountFedPolicy, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					if tg.Emulator == nil {
						return nil
					}
					return checkFedPolicyPatches(tg)(s)
				},
			},
		},
	})
}

func TestAccAccountFederationPolicy_drift(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(testAccAccountFederationPolicyConfig_full("tf-acc-drift", "one", "https://idp.example.com"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Someone changes the audiences and the description in the console.
				PreConfig: func() {
					tg.Emulator.UpdateAccountPolicy("tf-acc-drift", func(p *emulator.FederationPolicy) {
						p.Description = "changed"
						p.OIDCPolicy.Audiences = []string{"someone-else"}
					})
					tg.Emulator.ResetLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionUpdate),
				}},
				Check: checkFedPolicyPatches(tg, "description,oidc_policy.audiences"),
			},
			{
				// Someone deletes it: the plan creates it again, no error.
				PreConfig: func() { tg.Emulator.DeleteAccountPolicy("tf-acc-drift") },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionCreate),
				}},
				Check: checkOnlyAccountPolicyInState(tg),
			},
		},
	})
}

func TestAccAccountFederationPolicy_validation(t *testing.T) {
	tg := acctest.New(t)
	bad := func(body string) string { return tg.Config(testAccAccountFederationPolicyConfig(body)) }
	// Terraform wraps long messages: any space in want matches any run of white space.
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: bad(body), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`))}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`oidc_policy = { issuer = "http://idp.example.com" }`, `(?s)oidc_policy.issuer.*must be an https:// URL`),
			step(`oidc_policy = { issuer = "idp.example.com" }`, `(?s)oidc_policy.issuer.*must be an https:// URL`),
			step(`oidc_policy = { audiences = ["a"] }`, `(?s)oidc_policy.*"issuer" is\s+required`),
			step(`description = "x"`, `(?s)"oidc_policy" is required`),
			step(`oidc_policy = {
    issuer  = "https://idp.example.com"
    subject = "repo:my-org/my-repo:ref:refs/heads/main"
  }`, `(?s)oidc_policy.subject must not be set: an account federation policy`),
			step(`oidc_policy = {
    issuer    = "https://idp.example.com"
    jwks_json = "{not json"
  }`, `(?s)Invalid JSON String Value.*not valid JSON`),
			step(`oidc_policy = {
    issuer    = "https://idp.example.com"
    jwks_json = jsonencode({ kty = "RSA" })
  }`, `(?s)must be a JSON Web Key Set: a JSON object with a "keys" array`),
			step(`oidc_policy = {
    issuer    = "https://idp.example.com"
    jwks_json = jsonencode({ keys = [] })
    jwks_uri  = "https://idp.example.com/keys"
  }`, `(?s)Invalid Attribute Combination.*"oidc_policy.jwks_uri" cannot be specified when "oidc_policy.jwks_json" is specified`),
			step(`oidc_policy = {
    issuer   = "https://idp.example.com"
    jwks_uri = "http://idp.example.com/keys"
  }`, `(?s)oidc_policy.jwks_uri.*must be an https:// URL`),
			step(`oidc_policy = {
    issuer    = "https://idp.example.com"
    audiences = ["ok", ""]
  }`, `(?s)oidc_policy.audiences\[1\].*length must be at least 1`),
			step(`policy_id = "My_Policy"
  oidc_policy = { issuer = "https://idp.example.com" }`, `(?s)policy_id.*must be 1 to 63 characters long and contain only lowercase letters \(a-z\), digits \(0-9\) and hyphens`),
			step(`policy_id = "`+strings.Repeat("a", 64)+`"
  oidc_policy = { issuer = "https://idp.example.com" }`, `(?s)policy_id.*must be 1 to 63 characters long`),
			step(`policy_id = ""
  oidc_policy = { issuer = "https://idp.example.com" }`, `(?s)policy_id.*must be 1 to 63 characters long`),
		},
	})
	tg.AssertNoMutations(t)
}

// A user-chosen policy_id that is taken is a real conflict: a clear error that
// suggests importing, and the existing policy is left alone.
func TestAccAccountFederationPolicy_conflict(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
		Steps: []resource.TestStep{{
			Config: tg.Config(`
resource "databricksoauth_account_federation_policy" "first" {
  policy_id   = "tf-acc-taken"
  oidc_policy = { issuer = "https://idp.example.com" }
}

resource "databricksoauth_account_federation_policy" "second" {
  policy_id   = "tf-acc-taken"
  oidc_policy = { issuer = "https://other.example.com" }
  depends_on  = [databricksoauth_account_federation_policy.first]
}
`),
			ExpectError: regexp.MustCompile(`(?s)account federation policy "tf-acc-taken" already exists.*terraform import <resource address>\s+tf-acc-taken`),
		}},
	})
}

// A create whose answer is lost must end with exactly one policy, in state: never
// an orphan (created but unknown to Terraform) nor a twin.
func TestAccAccountFederationPolicy_lostCreateAnswer(t *testing.T) {
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
			tg := acctest.New(t)
			body := `  oidc_policy = { issuer = "https://idp.example.com" }`
			if tc.policyID != "" {
				body += fmt.Sprintf("\n  policy_id = %q", tc.policyID)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkAccountPoliciesDestroyed(tg),
				Steps: []resource.TestStep{{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: "POST", PathPattern: federationPoliciesPath, ApplyFirst: true, Status: tc.status})
					},
					Config: tg.Config(testAccAccountFederationPolicyConfig(body)),
					Check: resource.ComposeTestCheckFunc(
						checkOnlyAccountPolicyInState(tg),
						func(*terraform.State) error {
							if n := len(fedPolicyPosts(tg)); n != tc.posts {
								return fmt.Errorf("%d create requests, want %d", n, tc.posts)
							}
							return nil
						},
					),
				}},
			})
		})
	}
}

// When even the look-up after a lost create answer fails, the id stays in state
// (tainted): the next apply finds the policy and replaces it instead of orphaning it.
func TestAccAccountFederationPolicy_lostCreateAnswerAndLookup(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(testAccAccountFederationPolicyConfig(`  oidc_policy = { issuer = "https://idp.example.com" }`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
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
					plancheck.ExpectResourceAction(accountFedPolicy, plancheck.ResourceActionReplace),
				}},
				Check: checkOnlyAccountPolicyInState(tg),
			},
		},
	})
}

// At the API's limit of 20 policies the 21st create fails with the server's message,
// once: no retry loop.
func TestAccAccountFederationPolicy_limit(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAccountPoliciesDestroyed(tg),
		Steps: []resource.TestStep{{
			Config: tg.Config(`
resource "databricksoauth_account_federation_policy" "many" {
  count       = 21
  policy_id   = "tf-acc-limit-${count.index}"
  oidc_policy = { issuer = "https://idp.example.com" }
}
`),
			ExpectError: regexp.MustCompile(`(?s)Cannot create account federation policy.*maximum of 20\s+federation policies`),
		}, {
			// Nothing was lost on the way: 20 on the server, 21 creates sent.
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check: func(*terraform.State) error {
				if n := len(tg.Emulator.AccountPolicies()); n != 20 {
					return fmt.Errorf("%d policies on the server, want 20", n)
				}
				if n := len(fedPolicyPosts(tg)); n != 21 {
					return fmt.Errorf("%d create requests, want 21 (no retries)", n)
				}
				return nil
			},
		}},
	})
}
