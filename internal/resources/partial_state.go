package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// setPartialState saves m, a plan with what the create answer told, as the state of
// an object that exists although the create could not finish (its follow-up read
// failed, or its outcome is unknown): Terraform then keeps it, tainted, instead of
// losing track of it. Every value still unknown, at any depth, is saved as null, as
// a state must be wholly known.
func setPartialState(ctx context.Context, state *tfsdk.State, m any, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, m)...)
	if diags.HasError() {
		return
	}
	raw, err := models.NullUnknowns(state.Raw)
	if err != nil {
		diags.AddError("Cannot save the partial state", "Please report this to the provider developers: "+err.Error())
		return
	}
	state.Raw = raw
}
