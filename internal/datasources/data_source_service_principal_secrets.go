package datasources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// NewServicePrincipalSecretsDataSource is the factory registered with the provider.
var NewServicePrincipalSecretsDataSource = newList(&listSpec{
	typeName: "_service_principal_secrets",
	description: "Lists the OAuth secrets of a service principal (all pages): their metadata only, " +
		"never the secret values, which the API returns only when a secret is created. Works with the " +
		"account API (`account_id` configured) and with the workspace-level proxy API (no `account_id`).",
	args:                 servicePrincipalArg(models.DescSecretServicePrincipalID),
	attribute:            "secrets",
	attributeDescription: "The service principal's secrets, in the order the API returns them.",
	item:                 models.ServicePrincipalSecretInfoDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, cfg tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		sp, ok := servicePrincipalOf(ctx, cfg, diags)
		if !ok {
			return nil
		}
		all, err := c.ListSecrets(ctx, sp)
		if client.IsMissing(err) {
			diags.AddAttributeError(path.Root("service_principal_id"), "Service principal not found",
				fmt.Sprintf("Service principal %d does not exist (in workspace mode: or is not assigned to this workspace), "+
					"or `host` or `account_id` is wrong. `service_principal_id` is the numeric SCIM id, not the application "+
					"(client) id. The server said: %s", sp, client.Describe(err)))
			return nil
		}
		if err != nil {
			client.AddError(diags, fmt.Sprintf("Cannot list the OAuth secrets of service principal %d", sp), err)
			return nil
		}
		return items(all, func(s *oauth2.SecretInfo) map[string]attr.Value {
			return models.ServicePrincipalSecretInfoFromSDK(*s).Attributes()
		})
	},
})
