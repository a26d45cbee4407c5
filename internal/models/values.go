package models

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// StringOrNull maps the API's "absent" (empty string) to null.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Int64OrNull maps the API's "absent" (zero) to null.
func Int64OrNull(v int64) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

// StringSet converts a string slice to a set; nil becomes an empty set. The API
// accepts and returns lists with repeats (`[u, u]`), which a set cannot hold: each
// value appears once.
func StringSet(ctx context.Context, v []string, diags *diag.Diagnostics) types.Set {
	if v == nil {
		v = []string{}
	}
	return stringSetValue(unique(v))
}

// StringList converts a string slice to a list; nil becomes null.
func StringList(ctx context.Context, v []string, diags *diag.Diagnostics) types.List {
	if v == nil {
		return types.ListNull(types.StringType)
	}
	l, d := types.ListValueFrom(ctx, types.StringType, v)
	diags.Append(d...)
	return l
}

// Strings converts a set or list of strings to a slice. Null and unknown give an
// empty, non-nil slice, so that a PATCH can send `[]`.
func Strings(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	out := []string{}
	if v.IsNull() || v.IsUnknown() {
		return out
	}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// NullUnknowns returns v with every unknown value, at any depth (attributes, nested
// objects, list and set elements, whole collections), replaced by a null of its type.
// A state must be wholly known, so this is what saves a partial state after a create
// whose follow-up read failed; walking the value, not a list of fields, means a new
// computed attribute cannot be forgotten. Known values are returned as they are.
func NullUnknowns(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}

// unique returns v with each value once, in first-seen order (v itself when it has
// no repeats).
func unique(v []string) []string {
	if !HasRepeats(v) {
		return v
	}
	seen := make(map[string]bool, len(v))
	out := make([]string, 0, len(v))
	for _, s := range v {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// HasRepeats reports whether v holds a value more than once.
func HasRepeats(v []string) bool {
	seen := make(map[string]bool, len(v))
	for _, s := range v {
		if seen[s] {
			return true
		}
		seen[s] = true
	}
	return false
}

// WithoutRepeated returns v without the values it holds more than once. A managed
// object's server list with repeats is read this way, so that the plan shows those
// values as missing and the update that re-sends the configured list repairs it
// (a set in state could not show the repeat itself).
func WithoutRepeated(v []string) []string {
	if !HasRepeats(v) {
		return v
	}
	count := make(map[string]int, len(v))
	for _, s := range v {
		count[s]++
	}
	out := make([]string, 0, len(v))
	for _, s := range v {
		if count[s] == 1 {
			out = append(out, s)
		}
	}
	return out
}

// stringSetValue builds a set of distinct strings directly: types.SetValueFrom goes
// through the framework's reflection, a good part of the CPU of refreshing and
// listing many objects.
func stringSetValue(v []string) types.Set {
	elems := make([]attr.Value, len(v))
	for i, s := range v {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

// SetState writes attrs and extra (together, every attribute of the state's schema)
// to state as one Terraform value. State.Set of a model struct goes through the
// framework's reflection (struct tags, a regexp compiled per field), a good part of
// the provider's own CPU per object refreshed.
func SetState(ctx context.Context, state *tfsdk.State, attrs, extra map[string]attr.Value) diag.Diagnostics {
	n := len(attrs) + len(extra)
	typ := tftypes.Object{AttributeTypes: make(map[string]tftypes.Type, n)}
	vals := make(map[string]tftypes.Value, n)
	for _, m := range []map[string]attr.Value{attrs, extra} {
		for k, v := range m {
			tv, err := v.ToTerraformValue(ctx)
			if err != nil {
				var diags diag.Diagnostics
				diags.AddAttributeError(path.Root(k), "Cannot build the state", "This is a bug in the provider: "+err.Error())
				return diags
			}
			typ.AttributeTypes[k], vals[k] = tv.Type(), tv
		}
	}
	return state.Set(ctx, tftypes.NewValue(typ, vals))
}

// RawString reads a top-level string attribute from a state's or plan's raw value;
// absent or null give null. Cheaper than Get of the whole model (reflection) when a
// Read needs only an id from the prior state.
func RawString(raw tftypes.Value, name string) types.String {
	var vals map[string]tftypes.Value
	var s *string
	if raw.As(&vals) != nil || vals[name].As(&s) != nil || s == nil {
		return types.StringNull()
	}
	return types.StringValue(*s)
}
