# A custom app integration is imported by its integration id. The client secret is
# never returned again by the API, so `client_secret` stays null after an import.
terraform import databricksoauth_custom_app_integration.bi_server 5f6d1c2e-8a3b-4c7d-9e0f-1a2b3c4d5e6f
