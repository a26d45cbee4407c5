# Terraform 1.5+: import by integration id with an import block. An app enabled
# earlier in the account console has a generated integration id: find it with the
# databricksoauth_published_app_integrations data source.
import {
  to = databricksoauth_published_app_integration.dbt_cloud
  id = "8d4a2f1e-3b5c-4d6e-8f70-91a2b3c4d5e6"
}
