# An account federation policy is imported by its policy id.
terraform import databricksoauth_account_federation_policy.corporate_idp corporate-idp
