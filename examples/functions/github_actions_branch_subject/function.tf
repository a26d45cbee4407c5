# Jobs that run on the main branch and reference no environment.
output "main_branch_subject" {
  # "repo:my-org/my-repo:ref:refs/heads/main"
  value = provider::databricksoauth::github_actions_branch_subject("my-org/my-repo", "main")
}
