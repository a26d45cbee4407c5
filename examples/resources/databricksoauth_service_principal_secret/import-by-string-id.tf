# Terraform 1.5+: import by <service_principal_id>/<secret_id> with an import block.
# The secret value stays null after an import (the API never returns it again).
import {
  to = databricksoauth_service_principal_secret.ci
  id = "1234567/0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
}
