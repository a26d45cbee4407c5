# Stop managing Tableau Desktop's integration without disabling the app (Terraform
# 1.7+): this block replaces its resource block, and the next apply only removes it
# from the state. The app stays enabled for the account.
removed {
  from = databricksoauth_published_app_integration.tableau_desktop

  lifecycle {
    destroy = false
  }
}
