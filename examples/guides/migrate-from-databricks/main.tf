# The configuration after the migration: the same objects, now managed by
# databricksoauth, with one moved block each (Terraform 1.8+). The first plan shows
# "has moved to" for each and no change.

moved {
  from = databricks_custom_app_integration.bi_server
  to   = databricksoauth_custom_app_integration.bi_server
}

resource "databricksoauth_custom_app_integration" "bi_server" {
  name          = "bi-server"
  confidential  = true
  redirect_urls = ["https://bi.example.com/oauth/callback"]
  scopes        = ["all-apis", "offline_access"]

  # Was a block (token_access_policy { ... }); an attribute here.
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080
  }
}

moved {
  from = databricks_service_principal_secret.etl
  to   = databricksoauth_service_principal_secret.etl
}

resource "databricksoauth_service_principal_secret" "etl" {
  # Was a string (databricks_service_principal.etl.id); a number here.
  service_principal_id = 1234567
  # time_rotating has no counterpart: early_renewal_hours rotates before expiry.
}

moved {
  from = databricks_account_federation_policy.corporate_idp
  to   = databricksoauth_account_federation_policy.corporate_idp
}

resource "databricksoauth_account_federation_policy" "corporate_idp" {
  policy_id = "corporate-idp"

  oidc_policy = {
    issuer        = "https://idp.example.com/oauth2/default"
    subject_claim = "email"
  }
}

moved {
  from = databricks_service_principal_federation_policy.github_prod
  to   = databricksoauth_service_principal_federation_policy.github_prod
}

resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1234567
  policy_id            = "github-infra-prod"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["00000000-0000-0000-0000-000000000000"]
    subject   = "repo:my-org/infra:environment:prod"
  }
}
