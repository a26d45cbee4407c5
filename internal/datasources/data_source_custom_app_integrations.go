package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// NewCustomAppIntegrationsDataSource is the factory registered with the provider.
var NewCustomAppIntegrationsDataSource = newList(&listSpec{
	typeName:    "_custom_app_integrations",
	description: "Lists every custom OAuth app integration of the account (all pages).",
	args: map[string]schema.Attribute{
		"include_creator_username": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Also return `creator_username` for each integration."},
	},
	attribute:            "apps",
	attributeDescription: "The custom app integrations, in the order the API returns them.",
	item:                 models.CustomAppIntegrationDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, cfg tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		var include types.Bool
		diags.Append(cfg.GetAttribute(ctx, path.Root("include_creator_username"), &include)...)
		if diags.HasError() {
			return nil
		}
		return accountList(c, diags, "Cannot list custom app integrations", func(a *databricks.AccountClient) ([]oauth2.GetCustomAppIntegrationOutput, error) {
			return a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{IncludeCreatorUsername: include.ValueBool()})
		}, func(app *oauth2.GetCustomAppIntegrationOutput) map[string]attr.Value {
			return models.CustomAppIntegrationFromSDK(ctx, app, diags).Attributes()
		})
	},
})
