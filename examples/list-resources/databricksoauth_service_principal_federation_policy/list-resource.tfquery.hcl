# terraform query: the federation policies of one service principal.
list "databricksoauth_service_principal_federation_policy" "ci" {
  provider = databricksoauth

  config {
    service_principal_id = 1234567
  }
}
