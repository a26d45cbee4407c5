package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// requireAccountAtPlan fails the plan of an account-only object (anything but a
// service principal secret) when the provider has no account API, instead of
// failing half way through an apply. It does nothing for a destroy, or while the
// provider is not configured yet.
func requireAccountAtPlan(c *client.Client, req resource.ModifyPlanRequest, diags *diag.Diagnostics) bool {
	if c == nil || req.Plan.Raw.IsNull() {
		return true
	}
	return c.Account(diags) != nil
}

// tokenAccessPolicyManaged reports whether token_access_policy is in the
// configuration. Left out, it is unmanaged: an update never sends it, and the new
// state keeps the planned copy (see keepUnmanagedPolicy).
func tokenAccessPolicyManaged(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) bool {
	var v types.Object
	diags.Append(cfg.GetAttribute(ctx, path.Root("token_access_policy"), &v)...)
	return !v.IsNull()
}

// keepUnmanagedPolicy returns the planned token_access_policy for the state after an
// update that left an unmanaged policy alone. The planned copy is the state's from
// the plan: if the server's differs, it changed outside Terraform since (a saved plan,
// -refresh=false, a pause before approval). That change is kept on the server, and
// the planned copy must be returned, as Terraform requires; the next refresh reads
// the server's. A warning says so.
func keepUnmanagedPolicy(planned, server types.Object, id string, diags *diag.Diagnostics) types.Object {
	if !planned.Equal(server) {
		diags.AddWarning("Token access policy changed outside Terraform",
			"The token access policy of "+id+" changed on the server after this plan was made. It is not in the "+
				"configuration, so it was left as the server holds it; the state shows it after the next refresh.")
	}
	return planned
}
