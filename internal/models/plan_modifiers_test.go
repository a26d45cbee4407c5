package models

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// someState is a non-null prior state (an existing resource); its content does not
// matter to the modifiers that only ask whether there is one.
var someState = tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, map[string]tftypes.Value{})}

func TestServerDefault(t *testing.T) {
	ctx := context.Background()
	m := serverDefault{DefaultSubjectClaim}
	for _, tc := range []struct {
		name          string
		create        bool
		config, state types.String
		want          types.String
	}{
		{"set in the configuration", false, types.StringValue("email"), types.StringNull(), types.StringValue("email")},
		{"create: the server decides", true, types.StringNull(), types.StringNull(), types.StringUnknown()},
		{"not echoed", false, types.StringNull(), types.StringNull(), types.StringNull()},
		{"echoed", false, types.StringNull(), types.StringValue("sub"), types.StringValue("sub")},
		{"removed: back to the default", false, types.StringNull(), types.StringValue("email"), types.StringUnknown()},
	} {
		req := planmodifier.StringRequest{ConfigValue: tc.config, StateValue: tc.state, PlanValue: tc.config, State: someState}
		if tc.create {
			req.State = tfsdk.State{Raw: tftypes.NewValue(someState.Raw.Type(), nil)}
			req.PlanValue = types.StringUnknown() // the framework's plan of a computed value at create
		}
		if tc.config.IsNull() && !tc.create {
			req.PlanValue = tc.state // what Terraform proposes for a computed attribute left out
		}
		resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
		m.PlanModifyString(ctx, req, resp)
		if !resp.PlanValue.Equal(tc.want) {
			t.Errorf("%s: planned %v, want %v", tc.name, resp.PlanValue, tc.want)
		}
	}
}

func TestKeepEquivalentJSON(t *testing.T) {
	ctx := context.Background()
	state := types.StringValue(`{ "keys": [ { "kty": "RSA", "e": "AQAB" } ] }`)
	for _, tc := range []struct {
		name   string
		config types.String
		keep   bool
	}{
		{"same JSON, other keys order and spaces", types.StringValue(`{"keys":[{"e":"AQAB","kty":"RSA"}]}`), true},
		{"other JSON", types.StringValue(`{"keys":[{"e":"AQAB","kty":"EC"}]}`), false},
		{"array order matters", types.StringValue(`{"keys":[{"kty":"RSA","e":"AQAB"},{"kty":"EC"}]}`), false},
		{"invalid JSON is left to the validators", types.StringValue(`{not json`), false},
		{"unknown", types.StringUnknown(), false},
	} {
		req := planmodifier.StringRequest{ConfigValue: tc.config, StateValue: state, PlanValue: tc.config, State: someState}
		resp := &planmodifier.StringResponse{PlanValue: tc.config}
		keepEquivalentJSON{}.PlanModifyString(ctx, req, resp)
		want := tc.config
		if tc.keep {
			want = state
		}
		if !resp.PlanValue.Equal(want) || resp.Diagnostics.HasError() {
			t.Errorf("%s: planned %v (%v), want %v", tc.name, resp.PlanValue, resp.Diagnostics, want)
		}
	}
}

func TestKeepStateOrder(t *testing.T) {
	ctx := context.Background()
	list := func(v ...string) types.List {
		l, _ := types.ListValueFrom(ctx, types.StringType, v)
		return l
	}
	state := list("alpha", "zeta")
	withUnknown, _ := types.ListValue(types.StringType, []attr.Value{types.StringValue("zeta"), types.StringUnknown()})
	for _, tc := range []struct {
		name   string
		config types.List
		keep   bool
	}{
		{"same values, other order", list("zeta", "alpha"), true},
		{"same order", list("alpha", "zeta"), true},
		{"another value", list("zeta", "beta"), false},
		{"one more", list("zeta", "alpha", "beta"), false},
		{"an unknown value", withUnknown, false},
		{"null", types.ListNull(types.StringType), false},
	} {
		req := planmodifier.ListRequest{ConfigValue: tc.config, StateValue: state, PlanValue: tc.config, State: someState}
		resp := &planmodifier.ListResponse{PlanValue: tc.config}
		keepStateOrder{}.PlanModifyList(ctx, req, resp)
		want := tc.config
		if tc.keep {
			want = state
		}
		if !resp.PlanValue.Equal(want) {
			t.Errorf("%s: planned %v, want %v", tc.name, resp.PlanValue, want)
		}
	}
}

// The absolute session lifetime is unknown only when rotation is turned on now: with
// rotation already on and no value in state, the server reports no default, and the
// plan stays null instead of "(known after apply)" for ever.
func TestAbsoluteLifetimeModifier(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{"token_access_policy": TokenAccessPolicyResourceAttribute()}}
	typ := s.Type().TerraformType(ctx)
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", typ)
	}
	tapType := obj.AttributeTypes["token_access_policy"]
	tap := func(rotation *bool, absolute *int64) tftypes.Value {
		if rotation == nil {
			return tftypes.NewValue(typ, map[string]tftypes.Value{"token_access_policy": tftypes.NewValue(tapType, nil)})
		}
		var abs any
		if absolute != nil {
			abs = *absolute
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{"token_access_policy": tftypes.NewValue(tapType, map[string]tftypes.Value{
			"access_token_ttl_in_minutes":          tftypes.NewValue(tftypes.Number, 60),
			"refresh_token_ttl_in_minutes":         tftypes.NewValue(tftypes.Number, nil),
			"enable_single_use_refresh_tokens":     tftypes.NewValue(tftypes.Bool, *rotation),
			"absolute_session_lifetime_in_minutes": tftypes.NewValue(tftypes.Number, abs),
		})})
	}
	on, off := true, false
	def := int64(129600)
	for _, tc := range []struct {
		name          string
		state         *tftypes.Value // nil: create
		stateRotation *bool
		stateAbsolute *int64
		want          types.Int64
	}{
		{"create", nil, nil, nil, types.Int64Unknown()},
		{"rotation turned on", ptr(tap(&off, nil)), &off, nil, types.Int64Unknown()},
		{"policy added", ptr(tap(nil, nil)), nil, nil, types.Int64Unknown()},
		{"the server's default kept", ptr(tap(&on, &def)), &on, &def, types.Int64Value(def)},
		{"no default reported", ptr(tap(&on, nil)), &on, nil, types.Int64Null()},
	} {
		cfg := tfsdk.Config{Schema: s, Raw: tap(&on, nil)}
		st := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
		stateValue := types.Int64Null()
		if tc.state != nil {
			st.Raw = *tc.state
			if tc.stateAbsolute != nil {
				stateValue = types.Int64Value(*tc.stateAbsolute)
			}
		}
		p := path.Root("token_access_policy").AtName("absolute_session_lifetime_in_minutes")
		req := planmodifier.Int64Request{Path: p, Config: cfg, State: st, ConfigValue: types.Int64Null(), StateValue: stateValue, PlanValue: types.Int64Unknown()}
		resp := &planmodifier.Int64Response{PlanValue: req.PlanValue}
		absoluteLifetimeModifier{}.PlanModifyInt64(ctx, req, resp)
		if resp.Diagnostics.HasError() || !resp.PlanValue.Equal(tc.want) {
			t.Errorf("%s: planned %v (%v), want %v", tc.name, resp.PlanValue, resp.Diagnostics, tc.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
