# The configuration `make demo` applies against the bundled emulator. The provider
# reads DATABRICKS_HOST, DATABRICKS_ACCOUNT_ID and DATABRICKS_TOKEN from the
# environment that the demo sets up.
terraform {
  required_providers {
    databricksoauth = {
      source = "databricksoauth/databricksoauth"
    }
  }
}

provider "databricksoauth" {}

# A confidential OAuth app for a BI server: its client secret is returned once, at
# create, and kept (sensitive) in state.
resource "databricksoauth_custom_app_integration" "bi_server" {
  name          = "demo-bi-server"
  confidential  = true
  redirect_urls = ["https://bi.example.com/oauth/callback"]
  scopes        = ["all-apis", "offline_access"]

  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080
  }
}

# A public client (no secret) for a desktop tool.
resource "databricksoauth_custom_app_integration" "desktop_tool" {
  name          = "demo-desktop-tool"
  redirect_urls = ["http://localhost:8020"]
  scopes        = ["sql", "offline_access"]
}

data "databricksoauth_custom_app_integration" "bi_server" {
  integration_id = databricksoauth_custom_app_integration.bi_server.integration_id
}

# Lists every custom app of the account (all pages), once the two above exist.
data "databricksoauth_custom_app_integrations" "all" {
  depends_on = [
    databricksoauth_custom_app_integration.bi_server,
    databricksoauth_custom_app_integration.desktop_tool,
  ]
}

output "bi_server_integration_id" {
  value = databricksoauth_custom_app_integration.bi_server.integration_id
}

output "custom_app_names" {
  value = sort([for app in data.databricksoauth_custom_app_integrations.all.apps : app.name])
}

# Enable a published app of the catalog that is not enabled by default (dbt Cloud),
# with its own token lifetimes. Apps enabled by default (Power BI, Tableau Desktop,
# ...) are imported instead; see the resource's documentation.
resource "databricksoauth_published_app_integration" "dbt_cloud" {
  app_id = "dbt-cloud"

  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 10080
  }
}

data "databricksoauth_published_apps" "catalog" {}

output "published_app_ids" {
  value = sort([for app in data.databricksoauth_published_apps.catalog.apps : app.app_id])
}

# An OAuth secret for service principal 1002, valid for 30 days and replaced by any
# plan made in its last 7 days (rotation from a scheduled pipeline). The value is
# kept (sensitive) in state.
resource "databricksoauth_service_principal_secret" "pipeline" {
  service_principal_id = 1002
  lifetime             = "2592000s"
  early_renewal_hours  = 168
}

# Workload identity federation: GitHub Actions jobs of my-org/my-repo that run in the
# `prod` environment authenticate as service principal 1001 with their OIDC token,
# without any Databricks secret. policy_id is left out: the provider chooses one.
resource "databricksoauth_service_principal_federation_policy" "github_prod" {
  service_principal_id = 1001
  description          = "GitHub Actions: my-org/my-repo, environment prod"

  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["https://github.com/my-org"]
    subject   = "repo:my-org/my-repo:environment:prod"
  }
}

data "databricksoauth_service_principal_federation_policies" "sp_1001" {
  service_principal_id = databricksoauth_service_principal_federation_policy.github_prod.service_principal_id
}

output "sp_1001_federation_subjects" {
  value = [for p in data.databricksoauth_service_principal_federation_policies.sp_1001.policies : p.oidc_policy.subject]
}
