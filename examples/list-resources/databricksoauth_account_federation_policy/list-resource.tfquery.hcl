# terraform query: every account federation policy.
list "databricksoauth_account_federation_policy" "all" {
  provider = databricksoauth
}
