package resources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type publishedAppIntegrationListModel struct {
	AppID types.String `tfsdk:"app_id"`
}

func (r *publishedAppIntegrationResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the published app integrations of the account (every page), for `terraform query`: " +
			"the apps of the published-apps catalog enabled in the account, including those enabled by default " +
			"(their `created_by` is null). Destroying an adopted integration disables the app for the whole account.",
		Attributes: map[string]schema.Attribute{
			"app_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the integration of this app (an app has at most one), e.g. `power-bi`."},
		},
	}
}

func (r *publishedAppIntegrationResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m publishedAppIntegrationListModel
	a := listAccount(ctx, r.client, req, &m, stream)
	if a == nil {
		return
	}
	it := a.PublishedAppIntegration.List(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	stream.Results = streamList(ctx, req, "published app integrations", it, func(p oauth2.GetPublishedAppIntegrationOutput, result *list.ListResult) bool {
		if p.IntegrationId == "" || (!m.AppID.IsNull() && p.AppId != m.AppID.ValueString()) {
			return false
		}
		result.DisplayName = p.AppId
		if p.Name != "" {
			result.DisplayName = fmt.Sprintf("%s (%s)", p.Name, p.AppId)
		}
		result.Diagnostics.Append(result.Identity.Set(ctx, integrationIdentityModel{IntegrationID: types.StringValue(p.IntegrationId)})...)
		if req.IncludeResource {
			setListResource(result, func(st *tfsdk.State) { setPublishedState(ctx, &p, st, &result.Diagnostics) })
		}
		return true
	})
}
