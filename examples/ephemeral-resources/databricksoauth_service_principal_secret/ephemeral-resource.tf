# The official Databricks provider is databricks/databricks: declare it, or
# Terraform looks for hashicorp/databricks.
terraform {
  required_providers {
    databricksoauth = { source = "databricksoauth/databricksoauth" }
    databricks      = { source = "databricks/databricks" }
  }
}

# A short-lived OAuth secret that never lands in the plan or state (Terraform 1.10+):
# created when Terraform opens it, deleted when Terraform is done with it.
ephemeral "databricksoauth_service_principal_secret" "deployer" {
  service_principal_id = 1234567
  lifetime             = "1800s"
}

# Use it to configure another provider as that service principal (OAuth M2M). The
# client id is the service principal's application id.
provider "databricks" {
  host          = "https://my-workspace.cloud.databricks.com"
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = ephemeral.databricksoauth_service_principal_secret.deployer.secret
}
