# GitHub Actions jobs of my-org/my-repo that run in the `prod` environment
# authenticate as the service principal with their OIDC token, without any secret.
resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1234567
  policy_id            = "github-my-repo-prod"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    # "repo:my-org/my-repo:environment:prod"
    subject = provider::databricksoauth::github_actions_environment_subject("my-org/my-repo", "prod")
  }
}
