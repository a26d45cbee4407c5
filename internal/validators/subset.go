// Package validators holds the few plan-time checks that the framework-validators
// module has no stock validator for.
package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// SubsetOf checks that every element of a set of strings is also in the set of
// strings at other (e.g. user_authorized_scopes ⊆ scopes).
func SubsetOf(other path.Path) validator.Set { return subsetOf{other: other} }

type subsetOf struct{ other path.Path }

func (v subsetOf) Description(context.Context) string {
	return fmt.Sprintf("every value must also be in %s", v.other)
}
func (v subsetOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v subsetOf) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var other types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, v.other, &other)...)
	if resp.Diagnostics.HasError() || other.IsUnknown() {
		return
	}
	allowed := map[string]bool{}
	for _, e := range other.Elements() {
		if s, ok := e.(types.String); ok {
			if s.IsUnknown() {
				return
			}
			allowed[s.ValueString()] = true
		}
	}
	var missing []string
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			continue
		}
		if !allowed[s.ValueString()] {
			missing = append(missing, fmt.Sprintf("%q", s.ValueString()))
		}
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Value not in "+v.other.String(),
			fmt.Sprintf("%s must be a subset of %s; not in %s: %s.", req.Path, v.other, v.other, strings.Join(missing, ", ")))
	}
}
