package models

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// PublishedAppIntegration holds the fields the API returns for a published OAuth app
// integration (an app of the published-apps catalog enabled in the account). The
// resource embeds it and adds `id`; the data sources use it as is.
type PublishedAppIntegration struct {
	IntegrationID     types.String `tfsdk:"integration_id"`
	AppID             types.String `tfsdk:"app_id"`
	Name              types.String `tfsdk:"name"`
	TokenAccessPolicy types.Object `tfsdk:"token_access_policy"`
	CreateTime        types.String `tfsdk:"create_time"`
	CreatedBy         types.Int64  `tfsdk:"created_by"`
}

// PublishedAppIntegrationAttrTypes is the object type of PublishedAppIntegration.
var PublishedAppIntegrationAttrTypes = map[string]attr.Type{
	"integration_id":      types.StringType,
	"app_id":              types.StringType,
	"name":                types.StringType,
	"token_access_policy": types.ObjectType{AttrTypes: TokenAccessPolicyAttrTypes},
	"create_time":         types.StringType,
	"created_by":          types.Int64Type,
}

// Field descriptions, from the API's docs (SDK service/oauth2 model.go).
const (
	DescPublishedIntegrationID = "Unique integration id of the published OAuth app integration. For the apps enabled by " +
		"default in every account it equals the `app_id` (e.g. `power-bi`)."
	DescPublishedAppID = "App id of the published OAuth app, from the published-apps catalog " +
		"(`databricksoauth_published_apps`), e.g. `power-bi`, `tableau-desktop`, `databricks-dbt-adapter`."
	DescPublishedIntegrationName = "Display name of the published OAuth app (copied from the catalog)."
	DescPublishedCreatedBy       = "Id of the user who created the integration; null for the integrations enabled by default."
)

// PublishedAppIntegrationFromSDK converts a Get/List answer.
func PublishedAppIntegrationFromSDK(out *oauth2.GetPublishedAppIntegrationOutput) PublishedAppIntegration {
	return PublishedAppIntegration{
		IntegrationID:     types.StringValue(out.IntegrationId),
		AppID:             types.StringValue(out.AppId),
		Name:              StringOrNull(out.Name),
		TokenAccessPolicy: TokenAccessPolicyFromSDK(out.TokenAccessPolicy),
		CreateTime:        StringOrNull(out.CreateTime),
		CreatedBy:         Int64OrNull(out.CreatedBy),
	}
}

// PublishedAppIntegrationCreateToSDK builds the request that enables the app.
func PublishedAppIntegrationCreateToSDK(ctx context.Context, m PublishedAppIntegration, diags *diag.Diagnostics) oauth2.CreatePublishedAppIntegration {
	return oauth2.CreatePublishedAppIntegration{
		AppId:             m.AppID.ValueString(),
		TokenAccessPolicy: TokenAccessPolicyToSDK(ctx, m.TokenAccessPolicy, diags),
	}
}

// PublishedAppIntegrationUpdateToSDK builds the update of integration id: its token
// access policy, the only field the API can update.
func PublishedAppIntegrationUpdateToSDK(ctx context.Context, id string, m PublishedAppIntegration, diags *diag.Diagnostics) oauth2.UpdatePublishedAppIntegration {
	return oauth2.UpdatePublishedAppIntegration{
		IntegrationId:     id,
		TokenAccessPolicy: TokenAccessPolicyToSDK(ctx, m.TokenAccessPolicy, diags),
	}
}

// PublishedAppIntegrationDataSourceAttributes is the read-only schema of one integration.
func PublishedAppIntegrationDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"integration_id":      dschema.StringAttribute{Computed: true, MarkdownDescription: DescPublishedIntegrationID},
		"app_id":              dschema.StringAttribute{Computed: true, MarkdownDescription: DescPublishedAppID},
		"name":                dschema.StringAttribute{Computed: true, MarkdownDescription: DescPublishedIntegrationName},
		"token_access_policy": TokenAccessPolicyDataSourceAttribute(),
		"create_time":         dschema.StringAttribute{Computed: true, MarkdownDescription: DescCreateTime},
		"created_by":          dschema.Int64Attribute{Computed: true, MarkdownDescription: DescPublishedCreatedBy},
	}
}

// PublishedApp is one entry of the read-only published-apps catalog.
type PublishedApp struct {
	AppID                types.String `tfsdk:"app_id"`
	ClientID             types.String `tfsdk:"client_id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	IsConfidentialClient types.Bool   `tfsdk:"is_confidential_client"`
	RedirectURLs         types.Set    `tfsdk:"redirect_urls"` // of string
	Scopes               types.Set    `tfsdk:"scopes"`        // of string
}

// PublishedAppFromSDK converts a catalog entry. Absent lists become empty sets.
func PublishedAppFromSDK(ctx context.Context, out *oauth2.PublishedAppOutput, diags *diag.Diagnostics) PublishedApp {
	return PublishedApp{
		AppID:                types.StringValue(out.AppId),
		ClientID:             StringOrNull(out.ClientId),
		Name:                 StringOrNull(out.Name),
		Description:          StringOrNull(out.Description),
		IsConfidentialClient: types.BoolValue(out.IsConfidentialClient),
		RedirectURLs:         StringSet(ctx, out.RedirectUrls, diags),
		Scopes:               StringSet(ctx, out.Scopes, diags),
	}
}

// PublishedAppDataSourceAttributes is the read-only schema of one catalog entry.
func PublishedAppDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"app_id": dschema.StringAttribute{Computed: true,
			MarkdownDescription: "Unique id of the published OAuth app: the `app_id` to enable it with."},
		"client_id": dschema.StringAttribute{Computed: true,
			MarkdownDescription: "Client id of the published OAuth app: the `client_id` in the OAuth flow."},
		"name": dschema.StringAttribute{Computed: true,
			MarkdownDescription: "The display name of the published OAuth app."},
		"description": dschema.StringAttribute{Computed: true,
			MarkdownDescription: "Description of the published OAuth app."},
		"is_confidential_client": dschema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the published OAuth app is a confidential client. It is always `false` for published OAuth apps."},
		"redirect_urls": dschema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Redirect URLs of the published OAuth app."},
		"scopes": dschema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Required scopes for the published OAuth app."},
	}
}

// Attributes returns the model's values keyed like PublishedAppIntegrationAttrTypes,
// so that lists of integrations are built without the framework's reflection.
func (m PublishedAppIntegration) Attributes() map[string]attr.Value {
	return map[string]attr.Value{
		"integration_id":      m.IntegrationID,
		"app_id":              m.AppID,
		"name":                m.Name,
		"token_access_policy": m.TokenAccessPolicy,
		"create_time":         m.CreateTime,
		"created_by":          m.CreatedBy,
	}
}

// Attributes returns the catalog entry's values keyed by their tfsdk names, so that
// the catalog's list is built without the framework's reflection.
func (m PublishedApp) Attributes() map[string]attr.Value {
	return map[string]attr.Value{
		"app_id":                 m.AppID,
		"client_id":              m.ClientID,
		"name":                   m.Name,
		"description":            m.Description,
		"is_confidential_client": m.IsConfidentialClient,
		"redirect_urls":          m.RedirectURLs,
		"scopes":                 m.Scopes,
	}
}
