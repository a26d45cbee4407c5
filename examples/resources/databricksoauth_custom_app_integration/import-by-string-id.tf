# Terraform 1.5+: import by integration id with an import block (then `terraform plan`).
import {
  to = databricksoauth_custom_app_integration.bi_server
  id = "5f6d1c2e-8a3b-4c7d-9e0f-1a2b3c4d5e6f"
}
