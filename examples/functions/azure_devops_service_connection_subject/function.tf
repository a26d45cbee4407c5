# Tasks that use the workload identity federation service connection
# "databricks-prod" of my-org/my-project.
output "service_connection_subject" {
  # "sc://my-org/my-project/databricks-prod"
  value = provider::databricksoauth::azure_devops_service_connection_subject("my-org", "my-project", "databricks-prod")
}
