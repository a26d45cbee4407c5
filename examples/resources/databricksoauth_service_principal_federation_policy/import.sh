# A service principal federation policy is imported by
# <service_principal_id>/<policy_id>, service_principal_id being the numeric
# (SCIM) id of the service principal.
terraform import databricksoauth_service_principal_federation_policy.github_prod 1234567/github-infra-prod
