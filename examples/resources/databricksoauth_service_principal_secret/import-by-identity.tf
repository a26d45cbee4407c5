# Terraform 1.12+ (and OpenTofu 1.12+): import by identity with an import block.
# The secret value stays null after an import (the API never returns it again).
import {
  to = databricksoauth_service_principal_secret.ci
  identity = {
    service_principal_id = 1234567
    secret_id            = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
  }
}
