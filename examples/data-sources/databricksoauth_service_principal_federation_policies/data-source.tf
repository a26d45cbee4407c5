# Every federation policy of a service principal (all pages): which workloads may
# act as it.
data "databricksoauth_service_principal_federation_policies" "deployer" {
  service_principal_id = 1234567
}

output "deployer_trusted_subjects" {
  value = { for p in data.databricksoauth_service_principal_federation_policies.deployer.policies : p.policy_id => p.oidc_policy.subject }
}
