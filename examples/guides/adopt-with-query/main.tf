# The working directory for `terraform query`: the provider configuration, and
# (after the query) the generated configuration next to it. The provider reads
# DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and the credentials from the environment.
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}
