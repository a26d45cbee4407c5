# The bundled emulator (`go run ./internal/emulator/demo` in the provider's
# repository): a plain http:// loopback host, with the account id and token it
# prints at start.
provider "databricksoauth" {
  alias      = "emulator"
  host       = "http://127.0.0.1:8765"
  account_id = "00000000-0000-0000-0000-000000000001"
  token      = "dapi-emulator"
  auth_type  = "pat"
}
