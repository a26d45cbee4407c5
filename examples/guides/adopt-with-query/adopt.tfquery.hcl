# Everything of the account that this provider manages. The service principal
# scoped types list one service principal each: add a list block per principal.
list "databricksoauth_custom_app_integration" "apps" {
  provider = databricksoauth
}

list "databricksoauth_published_app_integration" "published" {
  provider = databricksoauth
}

list "databricksoauth_account_federation_policy" "account" {
  provider = databricksoauth
}

list "databricksoauth_service_principal_federation_policy" "sp_1001" {
  provider = databricksoauth

  config {
    service_principal_id = 1001
  }
}

list "databricksoauth_service_principal_secret" "sp_1001" {
  provider = databricksoauth

  config {
    service_principal_id = 1001
  }
}
