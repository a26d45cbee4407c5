# Terraform 1.12+ (and OpenTofu 1.12+): import by identity with an import block, the
# two parts of the key as separate attributes instead of "<sp>/<policy_id>".
import {
  to = databricksoauth_service_principal_federation_policy.github_prod
  identity = {
    service_principal_id = 1234567
    policy_id            = "github-infra-prod"
  }
}
