# The metadata (never the values) of every OAuth secret of a service principal.
data "databricksoauth_service_principal_secrets" "ci" {
  service_principal_id = 1234567
}

# E.g. the secrets that expire first.
output "ci_secret_expiry" {
  value = sort([for s in data.databricksoauth_service_principal_secrets.ci.secrets : s.expire_time])
}
