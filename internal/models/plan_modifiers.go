package models

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// serverDefault plans an optional + computed attribute whose server default the API
// may or may not report (subject_claim: "sub"). Set in the
// configuration, the configured value is planned (the framework's own rule). Left
// out, the plan is:
//   - unknown at create: the server answers its default or nothing;
//   - the state's value when it is null or the default: nothing changes, whichever
//     way this server reports the default;
//   - unknown when the state holds another value (set before, now removed from the
//     configuration): the update clears it, and the server's default applies again.
//
// UseStateForUnknown would keep a removed value for ever; no modifier at all would
// show "(known after apply)" on every other change.
type serverDefault struct{ value string }

func (m serverDefault) Description(context.Context) string {
	return "the server's default (" + m.value + ") when not configured"
}
func (m serverDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m serverDefault) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.State.Raw.IsNull() {
		return
	}
	if req.StateValue.IsNull() || req.StateValue.ValueString() == m.value {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.StringUnknown()
}

// keepEquivalentJSON plans the state's jwks_json when the configuration holds the same
// JSON written differently (key order, whitespace; e.g. jsonencode() output, or the
// config -generate-config-out writes). Terraform accepts the prior value for an
// equivalent configuration value, so no update is planned. The framework applies the
// type's semantic equality (jsontypes.Normalized) to the provider's answers only, not
// to a configuration that changed.
type keepEquivalentJSON struct{}

func (keepEquivalentJSON) Description(context.Context) string {
	return "no change when the configured JSON is equivalent to the state's"
}
func (m keepEquivalentJSON) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentJSON) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		return
	}
	equal, diags := jsontypes.NewNormalizedValue(req.ConfigValue.ValueString()).
		StringSemanticEquals(ctx, jsontypes.NewNormalizedValue(req.StateValue.ValueString()))
	if diags.HasError() {
		return // invalid JSON: the attribute's validators report it
	}
	if equal {
		resp.PlanValue = req.StateValue
	}
}

// keepStateOrder plans the state's list when the configuration holds the same strings
// in another order (audiences: the server may sort them, and their order means
// nothing), so that a server's order never plans an update. Terraform accepts the
// prior value for an equivalent configuration value.
type keepStateOrder struct{}

func (keepStateOrder) Description(context.Context) string {
	return "no change when the configured list holds the state's values in another order"
}
func (m keepStateOrder) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepStateOrder) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		return
	}
	var diags diag.Diagnostics
	if cfg, ok := knownStrings(ctx, req.ConfigValue, &diags); ok && sameStrings(ctx, req.StateValue, cfg, &diags) && !diags.HasError() {
		resp.PlanValue = req.StateValue
	}
}

// sameStrings reports whether the known list l holds exactly the strings of v, in any
// order.
func sameStrings(ctx context.Context, l types.List, v []string, diags *diag.Diagnostics) bool {
	have, ok := knownStrings(ctx, l, diags)
	if !ok || len(have) != len(v) {
		return false
	}
	want := slices.Clone(v)
	slices.Sort(have)
	slices.Sort(want)
	return slices.Equal(have, want)
}

// knownStrings returns the elements of a known list with only known elements.
func knownStrings(ctx context.Context, l types.List, diags *diag.Diagnostics) ([]string, bool) {
	if l.IsNull() || l.IsUnknown() {
		return nil, false
	}
	for _, e := range l.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	out := []string{}
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out, true
}
