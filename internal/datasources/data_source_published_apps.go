package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*publishedAppsDataSource)(nil)

// NewPublishedAppsDataSource is the factory registered with the provider.
func NewPublishedAppsDataSource() datasource.DataSource { return &publishedAppsDataSource{} }

type publishedAppsDataSource struct{ client *client.Client }

type publishedAppsModel struct {
	Apps []models.PublishedApp `tfsdk:"apps"`
}

func (d *publishedAppsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_published_apps"
}

func (d *publishedAppsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the published OAuth app catalog (all pages): the apps that " +
			"`databricksoauth_published_app_integration` can enable, by `app_id`.",
		Attributes: map[string]schema.Attribute{
			"apps": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The published OAuth apps, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.PublishedAppDataSourceAttributes()}},
		},
	}
}

func (d *publishedAppsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *publishedAppsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := a.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot list the published apps catalog", err)
		return
	}
	m := publishedAppsModel{Apps: make([]models.PublishedApp, 0, len(all))}
	for i := range all {
		m.Apps = append(m.Apps, models.PublishedAppFromSDK(ctx, &all[i], &resp.Diagnostics))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
