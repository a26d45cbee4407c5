package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// NewPublishedAppsDataSource is the factory registered with the provider.
var NewPublishedAppsDataSource = newList(&listSpec{
	typeName: "_published_apps",
	description: "Lists the published OAuth app catalog (all pages): the apps that " +
		"`databricksoauth_published_app_integration` can enable, by `app_id`.",
	attribute:            "apps",
	attributeDescription: "The published OAuth apps, in the order the API returns them.",
	item:                 models.PublishedAppDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, _ tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		return accountList(c, diags, "Cannot list the published apps catalog", func(a *databricks.AccountClient) ([]oauth2.PublishedAppOutput, error) {
			return a.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
		}, func(p *oauth2.PublishedAppOutput) map[string]attr.Value {
			return models.PublishedAppFromSDK(ctx, p, diags).Attributes()
		})
	},
})
