# Every account federation policy (all pages).
data "databricksoauth_account_federation_policies" "all" {}

# The identity providers the account accepts tokens from.
output "trusted_issuers" {
  value = distinct([for p in data.databricksoauth_account_federation_policies.all.policies : p.oidc_policy.issuer])
}
