# Terraform 1.5+: import with an import block, by integration id or by app id. An app
# enabled earlier in the account console has a generated integration id; its app id
# finds it too.
import {
  to = databricksoauth_published_app_integration.dbt_cloud
  id = "dbt-cloud"
}
