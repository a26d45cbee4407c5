# A subject written by hand is checked at plan time: "repo:my-org/my-repo:ref:main"
# fails with "GitHub puts the full ref in the subject: a branch is
# "ref:refs/heads/main" ...".
variable "github_subject" {
  type    = string
  default = "repo:my-org/my-repo:ref:refs/heads/main"

  validation {
    condition     = can(provider::databricksoauth::federation_subject_check("github_actions", var.github_subject))
    error_message = "Not a GitHub Actions OIDC subject; see the federation_subject_check function."
  }
}

resource "databricksoauth_service_principal_federation_policy" "github_main" {
  service_principal_id = 1234567

  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = provider::databricksoauth::federation_subject_check("github_actions", var.github_subject)
  }
}
