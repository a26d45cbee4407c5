package models

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// policyObject is a token access policy with TTLs of 60 minutes (access) and 1440
// (refresh).
func policyObject(single bool, absolute types.Int64) types.Object {
	return types.ObjectValueMust(TokenAccessPolicyAttrTypes, map[string]attr.Value{
		"access_token_ttl_in_minutes":          types.Int64Value(60),
		"refresh_token_ttl_in_minutes":         types.Int64Value(1440),
		"enable_single_use_refresh_tokens":     types.BoolValue(single),
		"absolute_session_lifetime_in_minutes": absolute,
	})
}

// Turning rotation off must put `false` on the wire (the SDK drops false unless it is
// force-sent), and the absolute lifetime must not be sent with rotation off.
func TestTokenAccessPolicyToSDK_sendsFalseAndDropsAbsolute(t *testing.T) {
	var diags diag.Diagnostics
	p := TokenAccessPolicyToSDK(context.Background(), policyObject(false, types.Int64Value(600)), &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	if !strings.Contains(got, `"enable_single_use_refresh_tokens":false`) {
		t.Errorf("false not sent: %s", got)
	}
	if strings.Contains(got, "absolute_session_lifetime_in_minutes") {
		t.Errorf("absolute lifetime sent with rotation off: %s", got)
	}
	if !strings.Contains(got, `"access_token_ttl_in_minutes":60`) || !strings.Contains(got, `"refresh_token_ttl_in_minutes":1440`) {
		t.Errorf("TTLs missing: %s", got)
	}

	p = TokenAccessPolicyToSDK(context.Background(), policyObject(true, types.Int64Value(600)), &diags)
	b, _ = json.Marshal(p)
	if !strings.Contains(string(b), `"absolute_session_lifetime_in_minutes":600`) || !strings.Contains(string(b), `"enable_single_use_refresh_tokens":true`) {
		t.Errorf("rotation on: %s", b)
	}
}

func TestTokenAccessPolicyToSDK_nullAndUnknownSendNothing(t *testing.T) {
	var diags diag.Diagnostics
	if p := TokenAccessPolicyToSDK(context.Background(), types.ObjectNull(TokenAccessPolicyAttrTypes), &diags); p != nil {
		t.Errorf("null: %+v", p)
	}
	if p := TokenAccessPolicyToSDK(context.Background(), types.ObjectUnknown(TokenAccessPolicyAttrTypes), &diags); p != nil {
		t.Errorf("unknown: %+v", p)
	}
}

// The server reports an absolute lifetime even with rotation off; it is not stored.
func TestTokenAccessPolicyFromSDK(t *testing.T) {
	off := TokenAccessPolicyFromSDK(&oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440, AbsoluteSessionLifetimeInMinutes: 129600})
	want := policyObject(false, types.Int64Null())
	if !off.Equal(want) {
		t.Errorf("rotation off: got %s, want %s", off, want)
	}
	on := TokenAccessPolicyFromSDK(&oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440, EnableSingleUseRefreshTokens: true, AbsoluteSessionLifetimeInMinutes: 129600})
	if !on.Equal(policyObject(true, types.Int64Value(129600))) {
		t.Errorf("rotation on: got %s", on)
	}
	if !TokenAccessPolicyFromSDK(nil).IsNull() {
		t.Error("nil policy must be a null object")
	}
}

// Absent lists are empty sets (the resource's default), so they never diff.
func TestCustomAppIntegrationFromSDK_emptyLists(t *testing.T) {
	var diags diag.Diagnostics
	m := CustomAppIntegrationFromSDK(context.Background(), &oauth2.GetCustomAppIntegrationOutput{IntegrationId: "i", Name: "n"}, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	for name, s := range map[string]types.Set{"redirect_urls": m.RedirectURLs, "scopes": m.Scopes, "user_authorized_scopes": m.UserAuthorizedScopes} {
		if s.IsNull() || len(s.Elements()) != 0 {
			t.Errorf("%s = %s, want an empty set", name, s)
		}
	}
	if !m.ClientID.IsNull() || !m.CreatedBy.IsNull() || !m.TokenAccessPolicy.IsNull() || m.Confidential.ValueBool() {
		t.Errorf("absent fields must be null/false: %+v", m)
	}
}

func TestStringsGivesNonNilSliceForNull(t *testing.T) {
	var diags diag.Diagnostics
	got := Strings(context.Background(), types.SetNull(types.StringType), &diags)
	if got == nil || len(got) != 0 {
		t.Errorf("got %#v", got)
	}
	b, _ := json.Marshal(map[string]any{"redirect_urls": got})
	if string(b) != `{"redirect_urls":[]}` {
		t.Errorf("a cleared list must marshal as []: %s", b)
	}
}

func TestNullUnknowns(t *testing.T) {
	str, num := tftypes.String, tftypes.Number
	policy := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"ttl": num, "single": tftypes.Bool}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id":      str,
		"name":    str,
		"policy":  policy,
		"gone":    policy,
		"scopes":  tftypes.Set{ElementType: str},
		"urls":    tftypes.List{ElementType: str},
		"later":   tftypes.List{ElementType: str},
		"objects": tftypes.List{ElementType: policy},
	}}
	unknown := func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, tftypes.UnknownValue) }
	null := func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, nil) }
	pol := func(ttl, single tftypes.Value) tftypes.Value {
		return tftypes.NewValue(policy, map[string]tftypes.Value{"ttl": ttl, "single": single})
	}
	obj := func(name, p, gone, scopes, urls, later, objects tftypes.Value) tftypes.Value {
		return tftypes.NewValue(typ, map[string]tftypes.Value{
			"id": tftypes.NewValue(str, "a1"), "name": name, "policy": p, "gone": gone,
			"scopes": scopes, "urls": urls, "later": later, "objects": objects,
		})
	}
	scopes := func(v ...tftypes.Value) tftypes.Value { return tftypes.NewValue(tftypes.Set{ElementType: str}, v) }
	urls := func(v ...tftypes.Value) tftypes.Value { return tftypes.NewValue(tftypes.List{ElementType: str}, v) }
	objects := func(v ...tftypes.Value) tftypes.Value { return tftypes.NewValue(tftypes.List{ElementType: policy}, v) }
	sixty := tftypes.NewValue(num, 60)

	for name, c := range map[string]struct{ in, want tftypes.Value }{
		"known values untouched": {
			in: obj(tftypes.NewValue(str, "app"), pol(sixty, tftypes.NewValue(tftypes.Bool, false)), null(policy),
				scopes(tftypes.NewValue(str, "sql")), urls(), null(tftypes.List{ElementType: str}), objects()),
			want: obj(tftypes.NewValue(str, "app"), pol(sixty, tftypes.NewValue(tftypes.Bool, false)), null(policy),
				scopes(tftypes.NewValue(str, "sql")), urls(), null(tftypes.List{ElementType: str}), objects()),
		},
		"unknown at every depth": {
			in: obj(unknown(str), pol(sixty, unknown(tftypes.Bool)), unknown(policy),
				scopes(tftypes.NewValue(str, "sql"), unknown(str)), urls(unknown(str), tftypes.NewValue(str, "https://x")),
				unknown(tftypes.List{ElementType: str}), objects(pol(unknown(num), tftypes.NewValue(tftypes.Bool, true)))),
			want: obj(null(str), pol(sixty, null(tftypes.Bool)), null(policy),
				scopes(tftypes.NewValue(str, "sql"), null(str)), urls(null(str), tftypes.NewValue(str, "https://x")),
				null(tftypes.List{ElementType: str}), objects(pol(null(num), tftypes.NewValue(tftypes.Bool, true)))),
		},
		"unknown root": {in: unknown(typ), want: null(typ)},
		"null root":    {in: null(typ), want: null(typ)},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := NullUnknowns(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.IsFullyKnown() {
				t.Errorf("still holds unknown values: %s", got)
			}
			if !got.Equal(c.want) {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestRepeatedValues(t *testing.T) {
	in := []string{"a", "u", "b", "u"}
	if !HasRepeats(in) || HasRepeats([]string{"a", "b"}) || HasRepeats(nil) {
		t.Fatal("HasRepeats")
	}
	if got := unique(in); !slices.Equal(got, []string{"a", "u", "b"}) {
		t.Fatalf("unique = %v", got)
	}
	if got := WithoutRepeated(in); !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("WithoutRepeated = %v", got)
	}
	var diags diag.Diagnostics
	s := StringSet(context.Background(), []string{"u", "u"}, &diags)
	if diags.HasError() || len(s.Elements()) != 1 {
		t.Fatalf("StringSet of a repeat: %v %v", s, diags)
	}
}
