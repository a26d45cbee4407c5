# The whole published-apps catalog: the app_id values that
# databricksoauth_published_app_integration accepts.
data "databricksoauth_published_apps" "all" {}

output "published_app_ids" {
  value = [for app in data.databricksoauth_published_apps.all.apps : app.app_id]
}
