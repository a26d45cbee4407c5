# Every custom OAuth app of the account (all pages), with who created each.
data "databricksoauth_custom_app_integrations" "all" {
  include_creator_username = true
}

# E.g. an inventory for an access review: app name => creator.
output "custom_app_creators" {
  value = { for app in data.databricksoauth_custom_app_integrations.all.apps : app.name => app.creator_username }
}

# Confidential apps whose refresh tokens live longer than 30 days.
output "long_lived_confidential_apps" {
  value = [
    for app in data.databricksoauth_custom_app_integrations.all.apps : app.name
    if app.confidential && try(app.token_access_policy.refresh_token_ttl_in_minutes > 43200, false)
  ]
}
