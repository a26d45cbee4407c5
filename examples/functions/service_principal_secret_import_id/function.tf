# The import id of a service principal secret, for an import block.
import {
  to = databricksoauth_service_principal_secret.ci
  # "1234567/0a1b2c3d4e5f6071"
  id = provider::databricksoauth::service_principal_secret_import_id(1234567, "0a1b2c3d4e5f6071")
}

resource "databricksoauth_service_principal_secret" "ci" {
  service_principal_id = 1234567
}
