package resources

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// A plan saved after a create whose read failed: what the create answer told stays,
// every computed value still unknown (here a whole object, attributes of a nested
// object and top-level values) is saved as null.
func TestSetPartialState(t *testing.T) {
	ctx := context.Background()
	var sch resource.SchemaResponse
	NewCustomAppIntegrationResource().Schema(ctx, resource.SchemaRequest{}, &sch)
	scopes := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("sql")})
	plan := customAppIntegrationModel{
		ID: types.StringValue("a1"),
		CustomAppIntegration: models.CustomAppIntegration{
			IntegrationID: types.StringValue("a1"), ClientID: types.StringValue("c1"), Name: types.StringValue("app"),
			Confidential: types.BoolValue(true), RedirectURLs: types.SetValueMust(types.StringType, nil),
			Scopes: scopes, UserAuthorizedScopes: types.SetUnknown(types.StringType),
			TokenAccessPolicy: types.ObjectValueMust(models.TokenAccessPolicyAttrTypes, map[string]attr.Value{
				"access_token_ttl_in_minutes":          types.Int64Value(60),
				"refresh_token_ttl_in_minutes":         types.Int64Unknown(),
				"enable_single_use_refresh_tokens":     types.BoolUnknown(),
				"absolute_session_lifetime_in_minutes": types.Int64Unknown(),
			}),
			CreateTime: types.StringUnknown(), CreatedBy: types.Int64Unknown(), CreatorUsername: types.StringUnknown(),
		},
		ClientSecret: types.StringValue("s3cret"),
	}
	for name, policy := range map[string]types.Object{
		"nested unknowns": plan.TokenAccessPolicy,
		"unknown object":  types.ObjectUnknown(models.TokenAccessPolicyAttrTypes),
	} {
		t.Run(name, func(t *testing.T) {
			p := plan
			p.TokenAccessPolicy = policy
			state := tfsdk.State{Schema: sch.Schema}
			diags := sch.Diagnostics
			setPartialState(ctx, &state, p, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !state.Raw.IsFullyKnown() {
				t.Fatalf("the state holds unknown values: %s", state.Raw)
			}
			want := p
			want.UserAuthorizedScopes = types.SetNull(types.StringType)
			want.CreateTime, want.CreatedBy, want.CreatorUsername = types.StringNull(), types.Int64Null(), types.StringNull()
			want.TokenAccessPolicy = types.ObjectNull(models.TokenAccessPolicyAttrTypes)
			if !policy.IsUnknown() {
				want.TokenAccessPolicy = types.ObjectValueMust(models.TokenAccessPolicyAttrTypes, map[string]attr.Value{
					"access_token_ttl_in_minutes":          types.Int64Value(60),
					"refresh_token_ttl_in_minutes":         types.Int64Null(),
					"enable_single_use_refresh_tokens":     types.BoolNull(),
					"absolute_session_lifetime_in_minutes": types.Int64Null(),
				})
			}
			wantState := tfsdk.State{Schema: sch.Schema}
			if d := wantState.Set(ctx, want); d.HasError() {
				t.Fatal(d)
			}
			if !state.Raw.Equal(wantState.Raw) {
				t.Errorf("got  %s\nwant %s", state.Raw, wantState.Raw)
			}
		})
	}
}
