# A confidential OAuth app for a BI server that signs users in to Databricks
# (authorization code flow with refresh tokens). Its client secret is returned
# once, at create, and kept (sensitive) in state.
resource "databricksoauth_custom_app_integration" "bi_server" {
  name          = "bi-server"
  confidential  = true
  redirect_urls = ["https://bi.example.com/oauth/callback"]
  scopes        = ["all-apis", "offline_access"]

  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080 # 7 days
  }
}

# A public client (no secret) for a desktop tool that listens on localhost, with
# refresh token rotation and a 30-day absolute session lifetime.
resource "databricksoauth_custom_app_integration" "desktop_tool" {
  name                   = "desktop-sql-tool"
  redirect_urls          = ["http://localhost:8020"]
  scopes                 = ["sql", "offline_access", "openid", "profile", "email"]
  user_authorized_scopes = ["sql"]

  token_access_policy = {
    access_token_ttl_in_minutes          = 60
    refresh_token_ttl_in_minutes         = 1440
    enable_single_use_refresh_tokens     = true
    absolute_session_lifetime_in_minutes = 43200
  }
}

output "bi_server_client_id" {
  value = databricksoauth_custom_app_integration.bi_server.client_id
}

output "bi_server_client_secret" {
  value     = databricksoauth_custom_app_integration.bi_server.client_secret
  sensitive = true
}
