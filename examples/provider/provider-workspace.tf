# Workspace-level configuration (no account_id): only service principal secrets
# work, through the workspace's proxy API. The service principal must be assigned
# to the workspace; the caller must be a workspace admin.
provider "databricksoauth" {
  alias   = "workspace"
  host    = "https://dbc-a1b2c3d4-e5f6.cloud.databricks.com"
  profile = "my-workspace" # a ~/.databrickscfg profile with the credentials
}
