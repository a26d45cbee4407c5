# terraform query: the published apps enabled in the account, with their token
# access policies (include_resource).
list "databricksoauth_published_app_integration" "enabled" {
  provider         = databricksoauth
  include_resource = true
}
