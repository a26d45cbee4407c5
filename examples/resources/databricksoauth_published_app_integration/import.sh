# A published app integration is imported by its integration id, or by its app id
# (an app has at most one integration). For the apps enabled by default in every
# account, the integration id is usually the app id.
terraform import databricksoauth_published_app_integration.power_bi power-bi
