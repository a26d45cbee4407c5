// Package datasources holds the provider's data sources. List data sources always
// read every page (the SDK iterators follow next_page_token to the end).
package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*customAppIntegrationDataSource)(nil)

// NewCustomAppIntegrationDataSource is the factory registered with the provider.
func NewCustomAppIntegrationDataSource() datasource.DataSource {
	return &customAppIntegrationDataSource{}
}

type customAppIntegrationDataSource struct{ client *client.Client }

func (d *customAppIntegrationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_app_integration"
}

func (d *customAppIntegrationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := models.CustomAppIntegrationDataSourceAttributes()
	attrs["integration_id"] = schema.StringAttribute{Required: true, MarkdownDescription: models.DescIntegrationID}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one custom OAuth app integration by its integration id. The client secret is never " +
			"readable after create, so it is not exposed here.",
		Attributes: attrs,
	}
}

func (d *customAppIntegrationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *customAppIntegrationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg models.CustomAppIntegration
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, cfg.IntegrationID.ValueString())
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot read custom app integration "+cfg.IntegrationID.ValueString(), err)
		return
	}
	m := models.CustomAppIntegrationFromSDK(ctx, got, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
