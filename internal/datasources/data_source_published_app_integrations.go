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

// NewPublishedAppIntegrationsDataSource is the factory registered with the provider.
var NewPublishedAppIntegrationsDataSource = newList(&listSpec{
	typeName: "_published_app_integrations",
	description: "Lists every published OAuth app integration of the account (all pages): the apps of the " +
		"catalog that are enabled, including those enabled by default.",
	attribute:            "apps",
	attributeDescription: "The published app integrations, in the order the API returns them.",
	item:                 models.PublishedAppIntegrationDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, _ tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		return accountList(c, diags, "Cannot list published app integrations", func(a *databricks.AccountClient) ([]oauth2.GetPublishedAppIntegrationOutput, error) {
			return a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
		}, func(p *oauth2.GetPublishedAppIntegrationOutput) map[string]attr.Value {
			return models.PublishedAppIntegrationFromSDK(p).Attributes()
		})
	},
})
