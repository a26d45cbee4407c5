# Import by identity (Terraform 1.12+, OpenTofu 1.12+). The provider reads
# DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and the credentials from the environment.
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}

# Power BI is enabled by default in every account: its integration exists already,
# and its integration_id is the app id.
import {
  to = databricksoauth_published_app_integration.power_bi
  identity = {
    integration_id = "power-bi"
  }
}

resource "databricksoauth_published_app_integration" "power_bi" {
  app_id = "power-bi"
}

# Several objects at once: import blocks take for_each (Terraform 1.7+), and an
# identity names each part of a composite key separately.
locals {
  ci_policies = {
    prod    = "github-prod"
    staging = "github-staging"
  }
}

import {
  for_each = var.import_ci_policies ? local.ci_policies : {}
  to       = databricksoauth_service_principal_federation_policy.ci[each.key]
  identity = {
    service_principal_id = var.service_principal_id
    policy_id            = each.value
  }
}

resource "databricksoauth_service_principal_federation_policy" "ci" {
  for_each             = local.ci_policies
  service_principal_id = var.service_principal_id
  policy_id            = each.value

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = provider::databricksoauth::github_actions_environment_subject("my-org/infra", each.key)
  }
}

variable "service_principal_id" {
  description = "Numeric (SCIM) id of the CI service principal (1001 on the emulator)."
  type        = number
  default     = 1001
}

variable "import_ci_policies" {
  description = "Import the CI policies (they exist already) instead of creating them."
  type        = bool
  default     = false
}
