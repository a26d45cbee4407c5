package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// clickOps is what someone created in the account outside Terraform (the account
// console, the Databricks CLI): three objects of each type, more than one page of the
// test emulator's lists (page size 2).
type clickOps struct {
	customApps      []string // integration ids: adopt-public, adopt-confidential, other-app
	accountPolicies []string // policy ids
	spPolicies      []string // policy ids of the service principal
	secrets         []string // secret ids of the service principal
	sp              int64
}

// publishedByClickOps is the app enabled besides the emulator's default ones; its
// integration id is a UUID, theirs the app id.
const publishedByClickOps = "dbt-cloud"

var notDefault = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-`)

func createClickOps(t *testing.T, tg *acctest.Target) clickOps {
	t.Helper()
	ctx := context.Background()
	a, err := databricks.NewAccountClient(&databricks.Config{
		Host: tg.URL, AccountID: tg.Emulator.AccountID(), Token: tg.Emulator.Token(), AuthType: "pat",
	})
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c := clickOps{sp: tg.ServicePrincipalID}
	for _, app := range []oauth2.CreateCustomAppIntegration{
		{Name: "adopt-public", RedirectUrls: []string{"http://localhost:8020"}, Scopes: []string{"sql", "offline_access"}},
		{Name: "adopt-confidential", Confidential: true, RedirectUrls: []string{"https://bi.example.com/callback"},
			Scopes: []string{"all-apis", "offline_access"}, UserAuthorizedScopes: []string{"offline_access"},
			TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 30, RefreshTokenTtlInMinutes: 1440}},
		{Name: "other-app", Scopes: []string{"all-apis"}},
	} {
		out, err := a.CustomAppIntegration.Create(ctx, app)
		must(err)
		c.customApps = append(c.customApps, out.IntegrationId)
	}
	_, err = a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: publishedByClickOps,
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 10080}})
	must(err)
	for i, p := range []oauth2.FederationPolicy{
		{Description: "IdP of the company", OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com/oidc", Audiences: []string{"databricks"}}},
		{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://login.example.org", SubjectClaim: "email"}},
		{OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://keys.example.net", JwksUri: "https://keys.example.net/jwks"}},
	} {
		id := fmt.Sprintf("adopt-account-%d", i)
		_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: id, Policy: p})
		must(err)
		c.accountPolicies = append(c.accountPolicies, id)
	}
	for i, subject := range []string{"repo:my-org/my-repo:environment:prod", "repo:my-org/my-repo:ref:refs/heads/main", "repo:my-org/my-repo:pull_request"} {
		id := fmt.Sprintf("adopt-sp-%d", i)
		_, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: c.sp, PolicyId: id, Policy: oauth2.FederationPolicy{Description: "GitHub Actions",
				OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://token.actions.githubusercontent.com",
					Audiences: []string{"https://github.com/my-org"}, Subject: subject}}})
		must(err)
		c.spPolicies = append(c.spPolicies, id)
	}
	for _, lifetime := range []string{"7776000s", "", "86400s"} {
		out, err := a.ServicePrincipalSecrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{
			ServicePrincipalId: fmt.Sprint(c.sp), Lifetime: lifetime})
		must(err)
		c.secrets = append(c.secrets, out.Id)
	}
	tg.Emulator.ResetLog()
	return c
}

// testAccListConfig lists every type, each with include_resource. The custom apps are
// listed twice: all of them, and only those whose name starts with "adopt-".
func testAccListConfig(sp int64) string {
	return fmt.Sprintf(`
list "databricksoauth_custom_app_integration" "all" {
  provider         = databricksoauth
  include_resource = true
}
list "databricksoauth_custom_app_integration" "adopt" {
  provider         = databricksoauth
  include_resource = true
  config {
    name_prefix = "adopt-"
  }
}
list "databricksoauth_published_app_integration" "all" {
  provider         = databricksoauth
  include_resource = true
}
list "databricksoauth_published_app_integration" "dbt" {
  provider = databricksoauth
  config {
    app_id = %[2]q
  }
}
list "databricksoauth_account_federation_policy" "all" {
  provider         = databricksoauth
  include_resource = true
}
list "databricksoauth_service_principal_federation_policy" "sp" {
  provider         = databricksoauth
  include_resource = true
  config {
    service_principal_id = %[1]d
  }
}
list "databricksoauth_service_principal_secret" "sp" {
  provider         = databricksoauth
  include_resource = true
  config {
    service_principal_id = %[1]d
  }
}
`, sp, publishedByClickOps)
}

// testAccListConfigLimited asks for fewer results than there are.
const testAccListConfigLimited = `
list "databricksoauth_custom_app_integration" "limited" {
  provider = databricksoauth
  limit    = 2
}
`

// TestAccListResources_query runs `terraform query` over every type: every object
// across pages, with its identity and attributes, filters applied, no secret value.
func TestAccListResources_query(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	c := createClickOps(t, tg)
	found := func(list string, identity map[string]knownvalue.Check) querycheck.QueryResultCheck {
		return querycheck.ExpectIdentity(list, identity)
	}
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("databricksoauth_custom_app_integration.all", 3),
		querycheck.ExpectLength("databricksoauth_custom_app_integration.limited", 2),
		querycheck.ExpectLength("databricksoauth_custom_app_integration.adopt", 2),
		querycheck.ExpectLength("databricksoauth_published_app_integration.all", len(emulator.DefaultEnabledApps)+1),
		querycheck.ExpectLength("databricksoauth_published_app_integration.dbt", 1),
		querycheck.ExpectLength("databricksoauth_account_federation_policy.all", 3),
		querycheck.ExpectLength("databricksoauth_service_principal_federation_policy.sp", 3),
		querycheck.ExpectLength("databricksoauth_service_principal_secret.sp", 3),
		querycheck.ExpectResourceKnownValues("databricksoauth_custom_app_integration.adopt",
			queryfilter.ByDisplayName(knownvalue.StringExact("adopt-confidential")), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("integration_id"), KnownValue: knownvalue.StringExact(c.customApps[1])},
				{Path: tfjsonpath.New("confidential"), KnownValue: knownvalue.Bool(true)},
				{Path: tfjsonpath.New("client_secret"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("token_access_policy").AtMapKey("access_token_ttl_in_minutes"), KnownValue: knownvalue.Int64Exact(30)},
				{Path: tfjsonpath.New("user_authorized_scopes"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("offline_access")})},
			}),
		querycheck.ExpectResourceKnownValues("databricksoauth_published_app_integration.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"integration_id": knownvalue.StringRegexp(notDefault)}),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("app_id"), KnownValue: knownvalue.StringExact(publishedByClickOps)},
				{Path: tfjsonpath.New("token_access_policy").AtMapKey("refresh_token_ttl_in_minutes"), KnownValue: knownvalue.Int64Exact(10080)},
			}),
		querycheck.ExpectResourceKnownValues("databricksoauth_account_federation_policy.all",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"policy_id": knownvalue.StringExact(c.accountPolicies[1])}),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("oidc_policy").AtMapKey("subject_claim"), KnownValue: knownvalue.StringExact("email")},
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(c.accountPolicies[1])},
			}),
	}
	for _, id := range c.customApps {
		checks = append(checks, found("databricksoauth_custom_app_integration.all", map[string]knownvalue.Check{"integration_id": knownvalue.StringExact(id)}))
	}
	for _, id := range c.accountPolicies {
		checks = append(checks, found("databricksoauth_account_federation_policy.all", map[string]knownvalue.Check{"policy_id": knownvalue.StringExact(id)}))
	}
	for _, id := range c.spPolicies {
		checks = append(checks, found("databricksoauth_service_principal_federation_policy.sp", map[string]knownvalue.Check{
			"service_principal_id": knownvalue.Int64Exact(c.sp), "policy_id": knownvalue.StringExact(id)}))
		checks = append(checks, querycheck.ExpectResourceKnownValues("databricksoauth_service_principal_federation_policy.sp",
			queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"service_principal_id": knownvalue.Int64Exact(c.sp), "policy_id": knownvalue.StringExact(id)}),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprintf("%d/%s", c.sp, id))}}))
	}
	for i, id := range c.secrets {
		byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"service_principal_id": knownvalue.Int64Exact(c.sp), "secret_id": knownvalue.StringExact(id)})
		lifetime := []string{"7776000s", "63072000s", "86400s"}[i]
		checks = append(checks, querycheck.ExpectResourceKnownValues("databricksoauth_service_principal_secret.sp", byID, []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("secret"), KnownValue: knownvalue.Null()},
			{Path: tfjsonpath.New("lifetime"), KnownValue: knownvalue.StringExact(lifetime)},
			{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("ACTIVE")},
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config("")},
			// The provider block of the first step stays in the working directory.
			{Query: true, Config: testAccListConfig(c.sp) + testAccListConfigLimited, QueryResultChecks: checks},
		},
	})
	tg.AssertNoMutations(t)
}
