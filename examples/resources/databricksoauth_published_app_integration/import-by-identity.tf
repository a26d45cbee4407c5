# Terraform 1.12+ (and OpenTofu 1.12+): import by identity with an import block.
# For the apps enabled by default in every account, integration_id is the app id
# (e.g. "power-bi"); others have a generated one.
import {
  to = databricksoauth_published_app_integration.dbt_cloud
  identity = {
    integration_id = "8d4a2f1e-3b5c-4d6e-8f70-91a2b3c4d5e6"
  }
}
