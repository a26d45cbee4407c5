package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*publishedAppIntegrationsDataSource)(nil)

// NewPublishedAppIntegrationsDataSource is the factory registered with the provider.
func NewPublishedAppIntegrationsDataSource() datasource.DataSource {
	return &publishedAppIntegrationsDataSource{}
}

type publishedAppIntegrationsDataSource struct{ client *client.Client }

type publishedAppIntegrationsModel struct {
	Apps []models.PublishedAppIntegration `tfsdk:"apps"`
}

func (d *publishedAppIntegrationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_published_app_integrations"
}

func (d *publishedAppIntegrationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every published OAuth app integration of the account (all pages): the apps of the " +
			"catalog that are enabled, including those enabled by default.",
		Attributes: map[string]schema.Attribute{
			"apps": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The published app integrations, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.PublishedAppIntegrationDataSourceAttributes()}},
		},
	}
}

func (d *publishedAppIntegrationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *publishedAppIntegrationsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot list published app integrations", err)
		return
	}
	m := publishedAppIntegrationsModel{Apps: make([]models.PublishedAppIntegration, 0, len(all))}
	for i := range all {
		m.Apps = append(m.Apps, models.PublishedAppIntegrationFromSDK(&all[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
