# Read an account federation policy by its id.
data "databricksoauth_account_federation_policy" "corporate_idp" {
  policy_id = "corporate-idp"
}

output "corporate_idp_issuer" {
  value = data.databricksoauth_account_federation_policy.corporate_idp.oidc_policy.issuer
}
