# Import ids collected elsewhere (e.g. from the official provider's state) split
# into their parts.
locals {
  # { service_principal_id = 1234567, policy_id = "github-infra-prod" }
  policy = provider::databricksoauth::service_principal_federation_policy_import_id_parse("1234567/github-infra-prod")
}

output "policy_service_principal" {
  value = local.policy.service_principal_id
}
