# By app_id: finds the app's integration whether it was enabled by default (Power
# BI, whose integration id is its app id) or later (a generated integration id).
data "databricksoauth_published_app_integration" "power_bi" {
  app_id = "power-bi"
}

# Null when the account keeps the default token lifetimes.
output "power_bi_token_access_policy" {
  value = data.databricksoauth_published_app_integration.power_bi.token_access_policy
}

# By integration id.
data "databricksoauth_published_app_integration" "tableau" {
  integration_id = "tableau-desktop"
}
