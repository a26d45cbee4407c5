# Enable dbt Cloud (an app of the published-apps catalog) for the account, with
# shorter-lived access tokens.
resource "databricksoauth_published_app_integration" "dbt_cloud" {
  app_id = "dbt-cloud"

  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080
  }
}

# Apps enabled by default in every account (such as Power BI) already have an
# integration whose id is the app id: import it instead of creating it.
import {
  to = databricksoauth_published_app_integration.power_bi
  id = "power-bi"
}

resource "databricksoauth_published_app_integration" "power_bi" {
  app_id = "power-bi"

  token_access_policy = {
    access_token_ttl_in_minutes  = 30
    refresh_token_ttl_in_minutes = 1440
  }
}
