package resources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ resource.ResourceWithMoveState = (*servicePrincipalSecretResource)(nil)

// MoveState accepts the state of the official provider's
// databricks_service_principal_secret (see move_state_from_official.go).
func (r *servicePrincipalSecretResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveFromOfficial}}
}

// officialServicePrincipalSecret is the official state: the create answer's fields,
// service_principal_id as a string, lifetime, and time_rotating (which has no
// counterpart here: early_renewal_hours or replace_triggered_by replace it).
type officialServicePrincipalSecret struct {
	ID                 string    `json:"id"`
	ServicePrincipalID flexInt64 `json:"service_principal_id"`
	Secret             string    `json:"secret"`
	SecretHash         string    `json:"secret_hash"`
	Status             string    `json:"status"`
	CreateTime         string    `json:"create_time"`
	UpdateTime         string    `json:"update_time"`
	ExpireTime         string    `json:"expire_time"`
	Lifetime           string    `json:"lifetime"`
}

// moveFromOfficial carries the secret over, its value included (the API never
// returns it again). early_renewal_hours starts null: setting it afterwards is an
// in-place change of the Terraform state only.
func (r *servicePrincipalSecretResource) moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if !fromOfficialProvider(req, "databricks_service_principal_secret") {
		return
	}
	var src officialServicePrincipalSecret
	if !decodeOfficialState(ctx, req, nil, &resp.Diagnostics, &src) {
		return
	}
	switch {
	case src.ID == "":
		addMoveError(&resp.Diagnostics, req, "it has no secret id")
		return
	case src.ServicePrincipalID <= 0:
		addMoveError(&resp.Diagnostics, req, "its service_principal_id is not a numeric service principal id")
		return
	}
	m := servicePrincipalSecretModel{
		ServicePrincipalID: types.Int64Value(int64(src.ServicePrincipalID)),
		Lifetime:           models.StringOrNull(src.Lifetime),
		EarlyRenewalHours:  types.Int64Null(),
		Secret:             models.StringOrNull(src.Secret),
		ServicePrincipalSecretInfo: models.ServicePrincipalSecretInfoFromSDK(oauth2.SecretInfo{
			Id:         src.ID,
			SecretHash: src.SecretHash,
			Status:     src.Status,
			CreateTime: src.CreateTime,
			UpdateTime: src.UpdateTime,
			ExpireTime: src.ExpireTime,
		}),
	}
	if m.Lifetime.IsNull() {
		// The official provider keeps "" when no lifetime was configured; derive it
		// as an import does.
		m.Lifetime = lifetimeOf(m.CreateTime, m.ExpireTime)
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
}
