package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*customAppIntegrationsDataSource)(nil)

// NewCustomAppIntegrationsDataSource is the factory registered with the provider.
func NewCustomAppIntegrationsDataSource() datasource.DataSource {
	return &customAppIntegrationsDataSource{}
}

type customAppIntegrationsDataSource struct{ client *client.Client }

type customAppIntegrationsModel struct {
	IncludeCreatorUsername types.Bool                    `tfsdk:"include_creator_username"`
	Apps                   []models.CustomAppIntegration `tfsdk:"apps"`
}

func (d *customAppIntegrationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_app_integrations"
}

func (d *customAppIntegrationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every custom OAuth app integration of the account (all pages).",
		Attributes: map[string]schema.Attribute{
			"include_creator_username": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Also return `creator_username` for each integration."},
			"apps": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The custom app integrations, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.CustomAppIntegrationDataSourceAttributes()}},
		},
	}
}

func (d *customAppIntegrationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *customAppIntegrationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m customAppIntegrationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{
		IncludeCreatorUsername: m.IncludeCreatorUsername.ValueBool(),
	})
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot list custom app integrations", err)
		return
	}
	m.Apps = make([]models.CustomAppIntegration, 0, len(all))
	for i := range all {
		m.Apps = append(m.Apps, models.CustomAppIntegrationFromSDK(ctx, &all[i], &resp.Diagnostics))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
