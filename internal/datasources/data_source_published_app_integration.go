package datasources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var (
	_ datasource.DataSourceWithConfigure        = (*publishedAppIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*publishedAppIntegrationDataSource)(nil)
)

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
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	attrs["integration_id"] = schema.StringAttribute{Optional: true, Computed: true, Validators: nonEmpty,
		MarkdownDescription: models.DescPublishedIntegrationID + " Set this or `app_id`."}
	attrs["app_id"] = schema.StringAttribute{Optional: true, Computed: true, Validators: nonEmpty,
		MarkdownDescription: models.DescPublishedAppID + " Set this or `integration_id`: an app has at most one " +
			"integration, so its app id finds it whatever its integration id."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one published OAuth app integration (an enabled app of the published-apps catalog) " +
			"by its integration id or by its `app_id`. For the apps enabled by default the two are equal, e.g. " +
			"`power-bi`; an app enabled later (in the account console, or by Terraform) has a generated integration id, " +
			"so `app_id` is the key that does not depend on how the app was enabled.",
		Attributes: attrs,
	}
}

// ConfigValidators takes either key, exactly one (an app has at most one integration).
func (d *publishedAppIntegrationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("integration_id"), path.MatchRoot("app_id"))}
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
	list := func() ([]oauth2.GetPublishedAppIntegrationOutput, error) {
		return a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	}

	if appID := cfg.AppID.ValueString(); !cfg.AppID.IsNull() {
		// The listing carries every field a read does.
		all, err := list()
		if err != nil {
			client.AddError(&resp.Diagnostics, "Cannot list published app integrations to find app "+appID, err)
			return
		}
		got := client.PublishedIntegrationByApp(all, appID)
		if got == nil {
			resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Published app not enabled",
				fmt.Sprintf("No published app integration has the app_id %q: the app is not enabled in this account "+
					"(or `host`/`account_id` point elsewhere). The enabled ones are:\n%s", appID, client.DescribePublishedIntegrations(all)))
			return
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, models.PublishedAppIntegrationFromSDK(got))...)
		return
	}

	id := cfg.IntegrationID.ValueString()
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, id)
	if err != nil {
		detail := client.Describe(err)
		if client.ObjectNotFound(err) {
			detail += "\n\n" + integrationIDHint(id, list)
		}
		resp.Diagnostics.AddAttributeError(path.Root("integration_id"), "Cannot read published app integration "+id, detail)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, models.PublishedAppIntegrationFromSDK(got))...)
}

// integrationIDHint explains a not-found integration id: it is often an app_id, which
// equals the integration id only for the apps enabled by default.
func integrationIDHint(id string, list func() ([]oauth2.GetPublishedAppIntegrationOutput, error)) string {
	generic := fmt.Sprintf("Only the apps enabled by default have an integration id equal to their app_id. If %q is an "+
		"app_id, set `app_id = %q` instead of `integration_id`.", id, id)
	all, err := list()
	if err != nil {
		return generic
	}
	if p := client.PublishedIntegrationByApp(all, id); p != nil {
		return fmt.Sprintf("%q is the app_id of the enabled app %s, whose integration id is %q: set `app_id = %q` "+
			"instead of `integration_id` (or `integration_id = %q`).", id, p.Name, p.IntegrationId, id, p.IntegrationId)
	}
	return generic + " The enabled ones are:\n" + client.DescribePublishedIntegrations(all)
}
