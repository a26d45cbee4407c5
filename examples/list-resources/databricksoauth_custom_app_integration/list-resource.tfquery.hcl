# terraform query: every custom app integration whose name starts with "tableau-".
list "databricksoauth_custom_app_integration" "tableau" {
  provider = databricksoauth

  config {
    name_prefix = "tableau-"
  }
}
