package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*publishedAppIntegrationDataSource)(nil)

// NewPublishedAppIntegrationDataSource is the factory registered with the provider.
func NewPublishedAppIntegrationDataSource() datasource.DataSource {
	return &publishedAppIntegrationDataSource{}
}

type publishedAppIntegrationDataSource struct{ client *client.Client }

func (d *publishedAppIntegrationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_published_app_integration"
}

func (d *publishedAppIntegrationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := models.PublishedAppIntegrationDataSourceAttributes()
	attrs["integration_id"] = schema.StringAttribute{Required: true, MarkdownDescription: models.DescPublishedIntegrationID,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one published OAuth app integration (an enabled app of the published-apps catalog) " +
			"by its integration id. For the apps enabled by default, the integration id is the app id, e.g. `power-bi`.",
		Attributes: attrs,
	}
}

func (d *publishedAppIntegrationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *publishedAppIntegrationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg models.PublishedAppIntegration
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, cfg.IntegrationID.ValueString())
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot read published app integration "+cfg.IntegrationID.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, models.PublishedAppIntegrationFromSDK(got))...)
}
