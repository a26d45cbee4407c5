# A secret is imported by <service_principal_id>/<secret_id>. The secret value is
# never returned again by the API, so `secret` stays null after an import.
terraform import databricksoauth_service_principal_secret.ci 1234567/0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
