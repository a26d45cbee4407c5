# Look up a custom OAuth app created elsewhere, e.g. to hand its client id to the
# application's deployment.
data "databricksoauth_custom_app_integration" "bi_server" {
  integration_id = "5f6d1c2e-8a3b-4c7d-9e0f-1a2b3c4d5e6f"
}

output "bi_server_client_id" {
  value = data.databricksoauth_custom_app_integration.bi_server.client_id
}

output "bi_server_redirect_urls" {
  value = data.databricksoauth_custom_app_integration.bi_server.redirect_urls
}
