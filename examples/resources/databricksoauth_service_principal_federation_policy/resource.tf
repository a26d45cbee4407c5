# Workload identity federation: GitHub Actions jobs of the my-org/infra repository
# that run in the `prod` environment authenticate as service principal 1234567
# with their GitHub OIDC token, without any Databricks secret. See the guide
# "Enabling OIDC workload identity for GitHub Actions".
resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1234567
  policy_id            = "github-infra-prod"
  description          = "GitHub Actions: my-org/infra, environment prod"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["00000000-0000-0000-0000-000000000000"] # the Databricks account id
    subject   = "repo:my-org/infra:environment:prod"
  }
}
