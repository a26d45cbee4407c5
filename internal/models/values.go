package models

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// StringSet converts a string slice to a set; nil becomes an empty set.
func StringSet(ctx context.Context, v []string, diags *diag.Diagnostics) types.Set {
	if v == nil {
		v = []string{}
	}
	s, d := types.SetValueFrom(ctx, types.StringType, v)
	diags.Append(d...)
	return s
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

// NullUnknownAttributes returns obj with every unknown value set to null (an unknown
// object becomes a null one), for saving a partial state after a create whose
// follow-up read failed.
func NullUnknownAttributes(obj types.Object) types.Object {
	if obj.IsUnknown() {
		return types.ObjectNull(obj.AttributeTypes(context.Background()))
	}
	if obj.IsNull() {
		return obj
	}
	attrs := obj.Attributes()
	out := make(map[string]attr.Value, len(attrs))
	for k, v := range attrs {
		if v.IsUnknown() {
			v = nullOf(v.Type(context.Background()))
		}
		out[k] = v
	}
	return types.ObjectValueMust(obj.AttributeTypes(context.Background()), out)
}

func nullOf(t attr.Type) attr.Value {
	v, _ := t.ValueFromTerraform(context.Background(), tftypes.NewValue(t.TerraformType(context.Background()), nil))
	return v
}
