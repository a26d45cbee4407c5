# Terraform 1.5+: import by <service_principal_id>/<policy_id> with an import block.
import {
  to = databricksoauth_service_principal_federation_policy.github_prod
  id = "1234567/github-infra-prod"
}
