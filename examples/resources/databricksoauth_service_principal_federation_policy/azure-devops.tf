# Workload identity federation for Azure DevOps: pipeline runs of
# my-org/my-project/deploy-prod authenticate as the service principal with the
# pipeline's OIDC token (issued by the Azure DevOps organization, whose GUID
# appears in the issuer URL), without any Databricks secret.
resource "databricksoauth_service_principal_federation_policy" "azure_devops_prod" {
  service_principal_id = 1234567
  policy_id            = "azure-devops-deploy-prod"
  description          = "Azure DevOps: my-org/my-project, pipeline deploy-prod"

  oidc_policy = {
    issuer    = "https://vstoken.dev.azure.com/0f3c7a52-5a8d-4d1e-9d5e-1c2b3a4d5e6f" # <organization id>
    audiences = ["api://AzureADTokenExchange"]
    subject   = "p://my-org/my-project/deploy-prod" # p://<organization>/<project>/<pipeline>
  }
}
