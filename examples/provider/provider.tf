# Account-level configuration: every resource and data source works. Credentials
# come from the environment, e.g. DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET
# of a service principal that is an account admin (OAuth M2M), or a
# ~/.databrickscfg profile.
provider "databricksoauth" {
  host       = "https://accounts.cloud.databricks.com" # accounts.azuredatabricks.net, accounts.gcp.databricks.com
  account_id = "00000000-0000-0000-0000-000000000000"
}
