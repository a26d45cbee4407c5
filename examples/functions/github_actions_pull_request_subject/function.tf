# Jobs triggered by pull requests (the same subject for every pull request): give
# this policy's service principal read-only access at most.
output "pull_request_subject" {
  # "repo:my-org/my-repo:pull_request"
  value = provider::databricksoauth::github_actions_pull_request_subject("my-org/my-repo")
}
