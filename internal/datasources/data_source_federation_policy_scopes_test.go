package datasources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// The federation policy data sources' tests: one table over both scopes, the
// account and a service principal, for the single-policy and the list data source.

// fedScope is one scope of a federation policy, with what the data source tests
// write of it.
type fedScope struct{ acctest.FederationScope }

// forEachFedScope runs test once per scope (acctest.ForEachFederationScope).
func forEachFedScope(t *testing.T, test func(t *testing.T, tg *acctest.Target, s fedScope)) {
	t.Helper()
	acctest.ForEachFederationScope(t, func(t *testing.T, tg *acctest.Target, s acctest.FederationScope) {
		test(t, tg, fedScope{s})
	})
}

// scopeArgs is what a resource or data source of the scope names its scope with.
func (s fedScope) scopeArgs() string {
	if s.SP == 0 {
		return ""
	}
	return fmt.Sprintf("  service_principal_id = %d\n", s.SP)
}

// subject is the oidc_policy line a service principal's policy requires.
func (s fedScope) subject(repo string) string {
	if s.SP == 0 {
		return ""
	}
	return fmt.Sprintf("    subject   = \"repo:my-org/%s:environment:prod\"\n", repo)
}

func TestAccFederationPolicyDataSource_basic(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		ds := "data." + s.ResourceType() + ".one"
		res := s.ResourceType() + ".p"
		var subject knownvalue.Check = knownvalue.Null()
		missing := regexp.MustCompile(`(?s)Cannot read account federation policy does-not-exist.*RESOURCE_DOES_NOT_EXIST`)
		missingArgs := ""
		checks := []statecheck.StateCheck{}
		if s.SP != 0 {
			subject = knownvalue.StringExact("repo:my-org/my-repo:environment:prod")
			// An unknown service principal has no policies at all.
			missingArgs = "  service_principal_id = 987654\n"
			missing = regexp.MustCompile(`(?s)Cannot read federation policy does-not-exist of service principal 987654`)
			checks = append(checks, statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principal_id"), knownvalue.Int64Exact(s.SP)))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: tg.Config(fmt.Sprintf(`
resource %[1]q "p" {
%[3]s  description = "Okta"
  oidc_policy = {
    issuer        = "https://idp.example.com/oauth2/default"
    subject_claim = "email"
%[4]s  }
}

data %[2]q "one" {
%[3]s  policy_id = %[1]s.p.policy_id
}
`, s.ResourceType(), s.ResourceType(), s.scopeArgs(), s.subject("my-repo"))),
					ConfigStateChecks: append(checks,
						statecheck.CompareValuePairs(ds, tfjsonpath.New("uid"), res, tfjsonpath.New("uid"), compare.ValuesSame()),
						statecheck.CompareValuePairs(ds, tfjsonpath.New("name"), res, tfjsonpath.New("name"), compare.ValuesSame()),
						statecheck.ExpectKnownValue(ds, tfjsonpath.New("description"), knownvalue.StringExact("Okta")),
						statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), knownvalue.StringExact("email")),
						statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("subject"), subject),
						statecheck.ExpectKnownValue(ds, tfjsonpath.New("oidc_policy").AtMapKey("audiences"), knownvalue.Null()),
						statecheck.ExpectKnownValue(ds, tfjsonpath.New("create_time"), knownvalue.NotNull()),
					),
				},
				{
					Config:      tg.Config(fmt.Sprintf("data %q \"one\" {\n%s  policy_id = \"does-not-exist\"\n}\n", s.ResourceType(), missingArgs)),
					ExpectError: missing,
				},
			},
		})
	})
}

// Three policies in the scope with a page size of 2: the list must follow two pages,
// and must hold exactly those three, not the policies of the other scope or of
// another service principal.
func TestAccFederationPoliciesDataSource_allPages(t *testing.T) {
	forEachFedScope(t, func(t *testing.T, tg *acctest.Target, s fedScope) {
		// Beside the account's policies, one of the target's service principal; beside
		// a service principal's, one of another service principal and one of the account.
		otherSP := tg.ServicePrincipalID
		if s.SP != 0 {
			acctest.EmulatorOnly(t) // needs a second service principal
			otherSP = emulator.DefaultServicePrincipals[1]
		}
		policies := fmt.Sprintf(`
resource %[1]q "p" {
  count       = 3
%[2]s  policy_id   = "tf-acc-list-${count.index}"
  description = "policy ${count.index}"
  oidc_policy = {
    issuer    = "https://idp${count.index}.example.com"
    audiences = ["databricks"]
%[3]s  }
}

# A policy of another scope, which the list must leave out.
resource "databricksoauth_service_principal_federation_policy" "other" {
  service_principal_id = %[4]d
  policy_id            = "tf-acc-other"
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/other:environment:prod"
  }
}
`, s.ResourceType(), s.scopeArgs(), s.subject("repo-${count.index}"), otherSP)
		if s.SP != 0 {
			policies += `
resource "databricksoauth_account_federation_policy" "account" {
  policy_id   = "tf-acc-account-wide"
  oidc_policy = { issuer = "https://idp.example.com" }
}
`
		}
		var subject knownvalue.Check = knownvalue.Null()
		if s.SP != 0 {
			subject = knownvalue.StringExact("repo:my-org/repo-2:environment:prod")
		}
		list := "data." + s.ListDataSource() + ".all"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: tg.Config(policies)},
				{
					// Creation runs in parallel, so the list order is not known here: the
					// outputs sort and pick.
					Config: tg.Config(policies + fmt.Sprintf(`
data %[1]q "all" {
%[2]s}

output "ids" {
  value = sort([for p in data.%[1]s.all.policies : p.policy_id])
}

output "third" {
  value = one([for p in data.%[1]s.all.policies : p if p.policy_id == "tf-acc-list-2"])
}
`, s.ListDataSource(), s.scopeArgs())),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(list, tfjsonpath.New("policies"), knownvalue.ListSizeExact(3)),
						statecheck.ExpectKnownOutputValue("ids", knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("tf-acc-list-0"), knownvalue.StringExact("tf-acc-list-1"), knownvalue.StringExact("tf-acc-list-2")})),
						statecheck.ExpectKnownOutputValue("third", knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"description": knownvalue.StringExact("policy 2"),
							"uid":         knownvalue.NotNull(),
							"oidc_policy": knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"issuer":    knownvalue.StringExact("https://idp2.example.com"),
								"audiences": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("databricks")}),
								"subject":   subject,
							}),
						})),
					},
				},
			},
		})
	})
}
