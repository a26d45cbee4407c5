# Workload identity federation for several CI/CD systems, each subject built by a
# provider function (Terraform 1.8+) instead of written by hand. The provider reads
# DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and the credentials from the environment.
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}

variable "service_principal_id" {
  description = "Numeric (SCIM) id of the deployment service principal (1001 on the emulator)."
  type        = number
  default     = 1001
}

# A subject from elsewhere (a module input, a pipeline variable), checked at plan
# time against the format of GitHub's tokens.
variable "extra_github_subject" {
  type    = string
  default = "repo:my-org/infra:ref:refs/heads/main"

  validation {
    condition     = can(provider::databricksoauth::federation_subject_check("github_actions", var.extra_github_subject))
    error_message = "Not the subject of a GitHub Actions token; see the federation_subject_check function."
  }
}

locals {
  policies = {
    github-prod = {
      issuer   = "https://token.actions.githubusercontent.com"
      audience = "https://github.com/my-org"
      subject  = provider::databricksoauth::github_actions_environment_subject("my-org/infra", "prod")
    }
    github-main = {
      issuer   = "https://token.actions.githubusercontent.com"
      audience = "https://github.com/my-org"
      subject  = var.extra_github_subject
    }
    gitlab-release = {
      issuer   = "https://gitlab.com"
      audience = "databricks"
      subject  = provider::databricksoauth::gitlab_ci_subject("my-group/infra", "tag", "v1.0.0")
    }
    azure-devops = {
      issuer   = "https://vstoken.dev.azure.com/0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f"
      audience = "api://AzureADTokenExchange"
      subject  = provider::databricksoauth::azure_devops_pipeline_subject("my-org", "infra", "deploy-prod")
    }
    hcp-apply = {
      issuer   = "https://app.terraform.io"
      audience = "databricks"
      subject  = provider::databricksoauth::hcp_terraform_subject("my-org", "Default Project", "databricks-prod", "apply")
    }
  }
}

resource "databricksoauth_service_principal_federation_policy" "ci" {
  for_each             = local.policies
  service_principal_id = var.service_principal_id
  policy_id            = each.key

  oidc_policy = {
    issuer    = each.value.issuer
    audiences = [each.value.audience]
    subject   = each.value.subject
  }
}

output "subjects" {
  value = { for k, p in databricksoauth_service_principal_federation_policy.ci : k => p.oidc_policy.subject }
}

output "import_ids" {
  value = [
    for p in databricksoauth_service_principal_federation_policy.ci :
    provider::databricksoauth::service_principal_federation_policy_import_id(p.service_principal_id, p.policy_id)
  ]
}
