# GitLab CI/CD jobs of my-group/my-project on the main branch, with an ID token
# requested for the audience "databricks" (id_tokens: in .gitlab-ci.yml).
resource "databricksoauth_service_principal_federation_policy" "gitlab_main" {
  service_principal_id = 1234567
  policy_id            = "gitlab-my-project-main"

  oidc_policy = {
    issuer    = "https://gitlab.com"
    audiences = ["databricks"]
    # "project_path:my-group/my-project:ref_type:branch:ref:main"
    subject = provider::databricksoauth::gitlab_ci_subject("my-group/my-project", "branch", "main")
  }
}
