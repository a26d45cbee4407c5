package resources_test

import "fmt"

// The account federation policy's tests are the table over both scopes in
// federation_policy_scopes_test.go; what other tests use of it is here.

const accountFedPolicy = "databricksoauth_account_federation_policy.test"

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
