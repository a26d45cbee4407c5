# For trying the guide on the emulator: two secrets of the same service principal
# created outside the main configuration (its own state), standing in for secrets
# created by hand, by a script, or by an attacker with a leaked one.
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}

resource "databricksoauth_service_principal_secret" "other" {
  count                = 2
  service_principal_id = 1001
}
