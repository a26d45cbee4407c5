# Incident response: a secret of the CI service principal leaked. Revoke every
# secret of the service principal except the one this configuration manages:
#
#   terraform apply -invoke=action.databricksoauth_service_principal_secrets_revoke.ci_leak
#     (a dry run: reports what it would revoke)
#   terraform apply -invoke=action.databricksoauth_service_principal_secrets_revoke.ci_leak -var=revoke=true
variable "revoke" {
  type    = bool
  default = false
}

resource "databricksoauth_service_principal_secret" "ci" {
  service_principal_id = 1234567
  lifetime             = "7776000s"
}

action "databricksoauth_service_principal_secrets_revoke" "ci_leak" {
  config {
    service_principal_id = 1234567
    keep_secret_ids      = [databricksoauth_service_principal_secret.ci.id]
    dry_run              = !var.revoke
  }
}
