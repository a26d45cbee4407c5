package resources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// identityCase is one resource type: a configuration creating one object at addr, and
// the identity it must carry, each attribute matched against a state attribute.
type identityCase struct {
	name     string
	addr     string
	config   func(sp int64) string
	identity func(sp int64) map[string]knownvalue.Check
	// fromState maps each identity attribute to the state attribute holding its value.
	fromState map[string]string
}

var identityCases = []identityCase{
	{
		name: "custom_app_integration",
		addr: "databricksoauth_custom_app_integration.test",
		config: func(int64) string {
			return `
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-identity"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}
`
		},
		identity: func(int64) map[string]knownvalue.Check {
			return map[string]knownvalue.Check{"integration_id": knownvalue.StringRegexp(regexp.MustCompile(`^.+$`))}
		},
		fromState: map[string]string{"integration_id": "integration_id"},
	},
	{
		name: "published_app_integration",
		addr: "databricksoauth_published_app_integration.test",
		config: func(int64) string {
			return `
resource "databricksoauth_published_app_integration" "test" {
  app_id = "dbt-cloud"
}
`
		},
		identity: func(int64) map[string]knownvalue.Check {
			return map[string]knownvalue.Check{"integration_id": knownvalue.StringRegexp(regexp.MustCompile(`^.+$`))}
		},
		fromState: map[string]string{"integration_id": "integration_id"},
	},
	{
		name: "account_federation_policy",
		addr: "databricksoauth_account_federation_policy.test",
		config: func(int64) string {
			return `
resource "databricksoauth_account_federation_policy" "test" {
  policy_id = "tf-acc-identity"
  oidc_policy = {
    issuer    = "https://idp.example.com/oidc"
    audiences = ["databricks"]
  }
}
`
		},
		identity: func(int64) map[string]knownvalue.Check {
			return map[string]knownvalue.Check{"policy_id": knownvalue.StringExact("tf-acc-identity")}
		},
		fromState: map[string]string{"policy_id": "policy_id"},
	},
	{
		name: "service_principal_federation_policy",
		addr: "databricksoauth_service_principal_federation_policy.test",
		config: func(sp int64) string {
			return fmt.Sprintf(`
resource "databricksoauth_service_principal_federation_policy" "test" {
  service_principal_id = %d
  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = "repo:my-org/my-repo:environment:prod"
  }
}
`, sp)
		},
		identity: func(sp int64) map[string]knownvalue.Check {
			// policy_id left out: the provider chooses one, and the identity carries it.
			return map[string]knownvalue.Check{
				"service_principal_id": knownvalue.Int64Exact(sp),
				"policy_id":            knownvalue.StringRegexp(regexp.MustCompile(`^tf-[0-9a-f]{16}$`)),
			}
		},
		fromState: map[string]string{"service_principal_id": "service_principal_id", "policy_id": "policy_id"},
	},
	{
		name: "service_principal_secret",
		addr: "databricksoauth_service_principal_secret.test",
		config: func(sp int64) string {
			return fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %d
  lifetime             = "86400s"
}
`, sp)
		},
		identity: func(sp int64) map[string]knownvalue.Check {
			return map[string]knownvalue.Check{
				"service_principal_id": knownvalue.Int64Exact(sp),
				"secret_id":            knownvalue.StringRegexp(regexp.MustCompile(`^.+$`)),
			}
		},
		fromState: map[string]string{"service_principal_id": "service_principal_id", "secret_id": "id"},
	},
}

// TestAccResourceIdentity checks, for every resource type, that create stores the
// object's identity (its natural key, equal to the state's), and that an `import`
// block with that identity imports the object with no change planned.
func TestAccResourceIdentity(t *testing.T) {
	for _, c := range identityCases {
		t.Run(c.name, func(t *testing.T) {
			tg := acctest.New(t)
			sp := tg.ServicePrincipalID
			checks := []statecheck.StateCheck{statecheck.ExpectIdentity(c.addr, c.identity(sp))}
			for idAttr, stateAttr := range c.fromState {
				checks = append(checks, statecheck.ExpectIdentityValueMatchesStateAtPath(c.addr, tfjsonpath.New(idAttr), tfjsonpath.New(stateAttr)))
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: tg.Config(c.config(sp)), ConfigStateChecks: checks},
					{
						ResourceName:    c.addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
					},
				},
			})
		})
	}
}

// TestAccResourceIdentity_invalid checks that an identity naming no possible object is
// refused at plan time, before any request, with the attribute named.
func TestAccResourceIdentity_invalid(t *testing.T) {
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: tg.Config(`
import {
  to       = databricksoauth_service_principal_secret.test
  identity = { service_principal_id = 0, secret_id = "abc" }
}
resource "databricksoauth_service_principal_secret" "test" {
  service_principal_id = 1001
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)service_principal_id.*positive number`),
			},
			{
				Config: tg.Config(`
import {
  to       = databricksoauth_custom_app_integration.test
  identity = { integration_id = "" }
}
resource "databricksoauth_custom_app_integration" "test" {
  name = "x"
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile("`integration_id` must be a non-empty string"),
			},
		},
	})
	tg.AssertNoMutations(t)
}
