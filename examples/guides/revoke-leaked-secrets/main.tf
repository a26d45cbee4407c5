# Incident response (Terraform 1.14+): revoke every OAuth secret of the CI service
# principal except the one this configuration manages. The provider reads
# DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and the credentials from the environment.
#
#   terraform apply -invoke=action.databricksoauth_service_principal_secrets_revoke.ci
#     (dry run: reports what it would revoke)
#   terraform apply -invoke=action.databricksoauth_service_principal_secrets_revoke.ci -var=revoke=true
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}

variable "service_principal_id" {
  description = "Numeric (SCIM) id of the CI service principal (1001 on the emulator)."
  type        = number
  default     = 1001
}

variable "revoke" {
  description = "Set to true to delete; by default the action only reports."
  type        = bool
  default     = false
}

# The secret the CI system uses, managed here (and stored in state, sensitive).
resource "databricksoauth_service_principal_secret" "ci" {
  service_principal_id = var.service_principal_id
  lifetime             = "7776000s" # 90 days
}

action "databricksoauth_service_principal_secrets_revoke" "ci" {
  config {
    service_principal_id = var.service_principal_id
    keep_secret_ids      = [databricksoauth_service_principal_secret.ci.id]
    dry_run              = !var.revoke
  }
}
