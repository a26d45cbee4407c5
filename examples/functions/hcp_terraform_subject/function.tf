# The apply phase of the HCP Terraform workspace databricks-prod (in the project
# Default Project) manages Databricks without a stored secret; its plan phase gets
# a separate policy, and a service principal with read access only.
resource "databricksoauth_service_principal_federation_policy" "hcp_apply" {
  service_principal_id = 1234567
  policy_id            = "hcp-databricks-prod-apply"

  oidc_policy = {
    issuer    = "https://app.terraform.io"
    audiences = ["databricks"]
    # "organization:my-org:project:Default Project:workspace:databricks-prod:run_phase:apply"
    subject = provider::databricksoauth::hcp_terraform_subject("my-org", "Default Project", "databricks-prod", "apply")
  }
}
