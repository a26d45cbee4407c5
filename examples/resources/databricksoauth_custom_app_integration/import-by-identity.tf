# Terraform 1.12+ (and OpenTofu 1.12+): import by identity with an import block.
import {
  to = databricksoauth_custom_app_integration.bi_server
  identity = {
    integration_id = "5f6d1c2e-8a3b-4c7d-9e0f-1a2b3c4d5e6f"
  }
}
