package resources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ resource.ResourceWithMoveState = (*customAppIntegrationResource)(nil)

// MoveState accepts the state of the official provider's
// databricks_custom_app_integration (see move_state_from_official.go).
func (r *customAppIntegrationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveFromOfficial}}
}

// officialCustomAppIntegrationExtra holds what the official state has besides the
// API's fields: its id (the integration id) and the client secret from create.
type officialCustomAppIntegrationExtra struct {
	ID           string `json:"id"`
	ClientSecret string `json:"client_secret"`
}

// moveFromOfficial maps the official state, whose attributes are the API's field
// names (token_access_policy being a block list of one), onto this resource. The
// client secret, which the API never returns again, is carried over.
func (r *customAppIntegrationResource) moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if !fromOfficialProvider(req, "databricks_custom_app_integration") {
		return
	}
	var api oauth2.GetCustomAppIntegrationOutput
	var extra officialCustomAppIntegrationExtra
	if !decodeOfficialState(ctx, req, []string{"token_access_policy"}, &resp.Diagnostics, &api, &extra) {
		return
	}
	if api.IntegrationId == "" {
		api.IntegrationId = extra.ID
	}
	if api.IntegrationId == "" {
		addMoveError(&resp.Diagnostics, req, "it has no integration_id")
		return
	}
	m := customAppIntegrationModel{
		ID:                   types.StringValue(api.IntegrationId),
		CustomAppIntegration: models.CustomAppIntegrationFromSDK(ctx, &api, &resp.Diagnostics),
		ClientSecret:         models.StringOrNull(extra.ClientSecret),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
}
