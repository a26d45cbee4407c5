# The pipeline deploy-prod of my-org/my-project authenticates with its own OIDC
# token (DATABRICKS_AUTH_TYPE=azure-devops-oidc). The organization's id goes in the
# issuer, its name in the subject.
resource "databricksoauth_service_principal_federation_policy" "azure_devops" {
  service_principal_id = 1234567
  policy_id            = "azure-devops-deploy-prod"

  oidc_policy = {
    issuer    = "https://vstoken.dev.azure.com/0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f"
    audiences = ["api://AzureADTokenExchange"]
    # "p://my-org/my-project/deploy-prod"
    subject = provider::databricksoauth::azure_devops_pipeline_subject("my-org", "my-project", "deploy-prod")
  }
}
