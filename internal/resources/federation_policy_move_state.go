package resources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithMoveState = (*federationPolicyResource)(nil)

// MoveState accepts the state of the official provider's
// databricks_account_federation_policy or databricks_service_principal_federation_policy,
// whichever this resource is (see move_state_from_official.go).
func (r *federationPolicyResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveFromOfficial}}
}

// moveFromOfficial maps the official state, whose attributes are the API's field
// names (policy_id, service_principal_id, oidc_policy, ...; it has no `id`), onto
// this resource, whose id is policy_id or `<service_principal_id>/<policy_id>`.
func (r *federationPolicyResource) moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if !fromOfficialProvider(req, officialProviderType+r.typeSuffix()) {
		return
	}
	var p oauth2.FederationPolicy
	if !decodeOfficialState(ctx, req, []string{"oidc_policy"}, &resp.Diagnostics, &p) {
		return
	}
	switch {
	case p.PolicyId == "":
		addMoveError(&resp.Diagnostics, req, "it has no policy_id")
		return
	case r.servicePrincipal && p.ServicePrincipalId <= 0:
		addMoveError(&resp.Diagnostics, req, "it has no service_principal_id")
		return
	}
	m := r.model(ctx, p.ServicePrincipalId, p.PolicyId, &p, federationPolicyModel{}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.store(ctx, &resp.TargetState, m, &resp.Diagnostics)
}
