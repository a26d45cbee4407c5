# An OAuth secret for a service principal (its numeric SCIM id), valid for 90 days.
# A plan made in the last 14 days before it expires replaces it; with
# create_before_destroy the new secret exists before the old one is deleted (this
# needs a free slot: a service principal holds at most 5 secrets).
resource "databricksoauth_service_principal_secret" "ci" {
  service_principal_id = 1234567
  lifetime             = "7776000s"
  early_renewal_hours  = 336

  lifecycle {
    create_before_destroy = true
  }
}

# The value is in state (sensitive). Hand it to whatever needs it, e.g. a secret store.
output "ci_client_secret" {
  value     = databricksoauth_service_principal_secret.ci.secret
  sensitive = true
}
