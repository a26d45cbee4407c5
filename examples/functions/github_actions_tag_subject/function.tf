# Release jobs that run on a tag and reference no environment: one policy per tag,
# as the policy's subject is compared exactly.
output "release_subject" {
  # "repo:my-org/my-repo:ref:refs/tags/v1.2.3"
  value = provider::databricksoauth::github_actions_tag_subject("my-org/my-repo", "v1.2.3")
}
