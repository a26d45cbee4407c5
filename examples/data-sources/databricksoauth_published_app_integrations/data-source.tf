# Every published app enabled in the account, including the default ones.
data "databricksoauth_published_app_integrations" "enabled" {}

output "enabled_published_apps" {
  value = { for app in data.databricksoauth_published_app_integrations.enabled.apps : app.app_id => app.integration_id }
}
