# terraform query: the OAuth secrets of one service principal (metadata only: the
# secret values are never listed).
list "databricksoauth_service_principal_secret" "ci" {
  provider = databricksoauth

  config {
    service_principal_id = 1234567
  }
}
