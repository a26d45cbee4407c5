# Account-wide OAuth token federation: users and service principals of the account
# sign in with tokens from the company's identity provider. The subject of a token
# names the Databricks user (here its `email` claim).
resource "databricksoauth_account_federation_policy" "corporate_idp" {
  policy_id   = "corporate-idp"
  description = "Tokens issued by the corporate identity provider"

  oidc_policy = {
    issuer        = "https://idp.example.com/oauth2/default"
    audiences     = ["databricks"]
    subject_claim = "email"
  }
}
