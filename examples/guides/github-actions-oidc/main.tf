# Lets GitHub Actions jobs of one repository act as a Databricks service principal
# with their GitHub OIDC token: no Databricks secret is stored in GitHub.

variable "databricks_account_id" {
  type        = string
  description = "The Databricks account id: the audience the workflow requests its token for."
}

variable "deployer_service_principal_id" {
  type        = number
  description = "Numeric (SCIM) id of the service principal the workflow acts as (not its application id)."
}

variable "github_repository" {
  type        = string
  description = "owner/name of the repository whose workflows may act as the service principal."
  default     = "my-org/infra"
}

# Jobs that run in the repository's `prod` environment (which can require reviewers).
resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = var.deployer_service_principal_id
  policy_id            = "github-infra-prod"
  description          = "GitHub Actions: ${var.github_repository}, environment prod"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = [var.databricks_account_id]
    subject   = "repo:${var.github_repository}:environment:prod"
  }
}

# Pull request checks of the same repository, e.g. for `terraform plan` with a
# read-only service principal.
resource "databricksoauth_service_principal_federation_policy" "github_pull_requests" {
  service_principal_id = var.deployer_service_principal_id
  policy_id            = "github-infra-pull-requests"
  description          = "GitHub Actions: ${var.github_repository}, pull requests"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = [var.databricks_account_id]
    subject   = "repo:${var.github_repository}:pull_request"
  }
}
