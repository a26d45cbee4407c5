package resources

import (
	"context"
	"strings"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type customAppIntegrationListModel struct {
	NamePrefix types.String `tfsdk:"name_prefix"`
}

func (r *customAppIntegrationResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the custom OAuth app integrations of the account (every page), for `terraform query`. " +
			"With `include_resource`, each result carries the integration's attributes; `client_secret` is always null " +
			"(the API returns it from create only), as after an import.",
		Attributes: map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only integrations whose `name` starts with this prefix (case-sensitive)."},
		},
	}
}

func (r *customAppIntegrationResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m customAppIntegrationListModel
	a := listAccount(ctx, r.client, req, &m, stream)
	if a == nil {
		return
	}
	prefix := m.NamePrefix.ValueString()
	it := a.CustomAppIntegration.List(ctx, oauth2.ListCustomAppIntegrationsRequest{IncludeCreatorUsername: true})
	stream.Results = streamList(ctx, req, "custom app integrations", it, func(app oauth2.GetCustomAppIntegrationOutput, result *list.ListResult) bool {
		if app.IntegrationId == "" || !strings.HasPrefix(app.Name, prefix) {
			return false
		}
		result.DisplayName = app.Name
		result.Diagnostics.Append(result.Identity.Set(ctx, integrationIdentityModel{IntegrationID: types.StringValue(app.IntegrationId)})...)
		if req.IncludeResource {
			setListResource(result, func(st *tfsdk.State) { r.setState(ctx, &app, types.StringNull(), st, &result.Diagnostics) })
		}
		return true
	})
}
