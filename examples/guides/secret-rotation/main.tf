# A long-lived OAuth secret for an external system, rotated by a scheduled
# pipeline without downtime.

variable "service_principal_id" {
  type        = number
  description = "Numeric (SCIM) id of the service principal."
  default     = 1234567
}

resource "databricksoauth_service_principal_secret" "etl" {
  service_principal_id = var.service_principal_id
  lifetime             = "7776000s" # 90 days
  early_renewal_hours  = 336        # any plan in the last 14 days replaces it

  lifecycle {
    # The new secret exists before the old one is deleted, so consumers can switch
    # over; this needs a free slot (at most 5 secrets per service principal).
    create_before_destroy = true
  }
}

# Hand the value to the consumer in the same apply, e.g. a secret store. Here it
# only leaves Terraform as a sensitive output.
output "etl_client_secret" {
  value     = databricksoauth_service_principal_secret.etl.secret
  sensitive = true
}

output "etl_secret_expires" {
  value = databricksoauth_service_principal_secret.etl.expire_time
}

# Who holds a slot: the metadata of every secret of the service principal. No
# depends_on on the secret, so it is read when the plan is made. A data source that
# depends on the secret is read during the apply instead, while a replaced secret
# still exists (create_before_destroy): it would count the old secret, and the plan
# after every rotation would show the count changing back.
data "databricksoauth_service_principal_secrets" "etl" {
  service_principal_id = var.service_principal_id
}

# A warning (not an error) in plan and apply when no slot is left for the next
# rotation, which needs one with create_before_destroy.
check "etl_secret_slots" {
  assert {
    condition     = length(data.databricksoauth_service_principal_secrets.etl.secrets) < 5
    error_message = "Service principal ${var.service_principal_id} holds 5 OAuth secrets, the maximum: the next rotation will fail. Delete the ones no longer used."
  }
}
