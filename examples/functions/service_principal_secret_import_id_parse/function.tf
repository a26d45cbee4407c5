# Import ids of secrets, e.g. from an inventory, by service principal.
variable "secret_import_ids" {
  type    = list(string)
  default = ["1234567/0a1b2c3d4e5f6071", "1234567/8192a3b4c5d6e7f8", "7654321/f0e1d2c3b4a59687"]
}

output "secret_ids_by_service_principal" {
  value = {
    for id in var.secret_import_ids :
    provider::databricksoauth::service_principal_secret_import_id_parse(id).service_principal_id
    => provider::databricksoauth::service_principal_secret_import_id_parse(id).secret_id...
  }
}
