# Terraform 1.12+ (and OpenTofu 1.12+): import by identity with an import block.
import {
  to = databricksoauth_account_federation_policy.corporate_idp
  identity = {
    policy_id = "corporate-idp"
  }
}
