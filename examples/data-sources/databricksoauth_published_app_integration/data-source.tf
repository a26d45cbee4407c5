# Power BI is enabled by default in every account; its integration id is its app id.
data "databricksoauth_published_app_integration" "power_bi" {
  integration_id = "power-bi"
}

# Null when the account keeps the default token lifetimes.
output "power_bi_token_access_policy" {
  value = data.databricksoauth_published_app_integration.power_bi.token_access_policy
}
