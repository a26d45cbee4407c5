# The import id of a service principal federation policy, for an import block.
import {
  to = databricksoauth_service_principal_federation_policy.github_prod
  # "1234567/github-infra-prod"
  id = provider::databricksoauth::service_principal_federation_policy_import_id(1234567, "github-infra-prod")
}

resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1234567
  policy_id            = "github-infra-prod"

  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/infra:environment:prod"
  }
}
