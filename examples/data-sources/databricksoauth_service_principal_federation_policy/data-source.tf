# Read one federation policy of a service principal (its numeric SCIM id).
data "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1234567
  policy_id            = "github-infra-prod"
}

output "github_prod_subject" {
  value = data.databricksoauth_service_principal_federation_policy.github_prod.oidc_policy.subject
}
