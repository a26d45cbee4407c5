# Terraform 1.5+: import by policy id with an import block (then `terraform plan`).
import {
  to = databricksoauth_account_federation_policy.corporate_idp
  id = "corporate-idp"
}
