# A published app integration is imported by its integration id. For the apps
# enabled by default in every account, the integration id is the app id.
terraform import databricksoauth_published_app_integration.power_bi power-bi
