package models

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func stringSetOf(v ...string) types.Set {
	elems := make([]attr.Value, 0, len(v))
	for _, s := range v {
		elems = append(elems, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, elems)
}

// customApp is a planned integration with every list set and no token access policy.
func customApp(f func(*CustomAppIntegration)) CustomAppIntegration {
	m := CustomAppIntegration{
		Name: types.StringValue("app"), Confidential: types.BoolValue(false),
		RedirectURLs: stringSetOf("https://example.com/cb"), Scopes: stringSetOf("sql"),
		UserAuthorizedScopes: stringSetOf("sql"), TokenAccessPolicy: types.ObjectNull(TokenAccessPolicyAttrTypes),
		IntegrationID: types.StringUnknown(), ClientID: types.StringUnknown(), CreateTime: types.StringUnknown(),
		CreatedBy: types.Int64Unknown(), CreatorUsername: types.StringUnknown(),
	}
	if f != nil {
		f(&m)
	}
	return m
}

func TestCustomAppIntegrationCreateToSDK(t *testing.T) {
	for name, tc := range map[string]struct {
		in   CustomAppIntegration
		want string
	}{
		"set": {customApp(func(m *CustomAppIntegration) {
			m.Confidential = types.BoolValue(true)
			m.TokenAccessPolicy = policyObject(false, types.Int64Null())
		}), `{"confidential":true,"name":"app","redirect_urls":["https://example.com/cb"],"scopes":["sql"],` +
			`"token_access_policy":{"access_token_ttl_in_minutes":60,"enable_single_use_refresh_tokens":false,` +
			`"refresh_token_ttl_in_minutes":1440},"user_authorized_scopes":["sql"]}`},
		"empty lists": {customApp(func(m *CustomAppIntegration) {
			m.RedirectURLs, m.Scopes, m.UserAuthorizedScopes = stringSetOf(), stringSetOf(), stringSetOf()
		}), `{"name":"app"}`},
		"null and unknown lists": {customApp(func(m *CustomAppIntegration) {
			m.RedirectURLs, m.Scopes = types.SetNull(types.StringType), types.SetUnknown(types.StringType)
			m.UserAuthorizedScopes = types.SetNull(types.StringType)
			m.TokenAccessPolicy = types.ObjectUnknown(TokenAccessPolicyAttrTypes)
		}), `{"name":"app"}`},
	} {
		var diags diag.Diagnostics
		got, err := json.Marshal(CustomAppIntegrationCreateToSDK(context.Background(), tc.in, &diags))
		if err != nil || diags.HasError() {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", name, got, tc.want)
		}
	}
}

// The update is a PATCH whose lists replace the server's: a cleared list must go on
// the wire as [] (null, empty and unknown alike), and a token access policy only when
// the configuration manages it.
func TestCustomAppIntegrationUpdateBody(t *testing.T) {
	cleared := customApp(func(m *CustomAppIntegration) {
		m.RedirectURLs, m.Scopes, m.UserAuthorizedScopes = stringSetOf(), types.SetNull(types.StringType), types.SetUnknown(types.StringType)
	})
	withPolicy := customApp(func(m *CustomAppIntegration) { m.TokenAccessPolicy = policyObject(true, types.Int64Value(600)) })
	for name, tc := range map[string]struct {
		in      CustomAppIntegration
		managed bool
		want    string
	}{
		"lists set": {customApp(nil), true,
			`{"redirect_urls":["https://example.com/cb"],"scopes":["sql"],"user_authorized_scopes":["sql"]}`},
		"lists cleared": {cleared, true, `{"redirect_urls":[],"scopes":[],"user_authorized_scopes":[]}`},
		"managed policy": {withPolicy, true,
			`{"redirect_urls":["https://example.com/cb"],"scopes":["sql"],"token_access_policy":` +
				`{"absolute_session_lifetime_in_minutes":600,"access_token_ttl_in_minutes":60,` +
				`"enable_single_use_refresh_tokens":true,"refresh_token_ttl_in_minutes":1440},"user_authorized_scopes":["sql"]}`},
		"unmanaged policy not sent": {withPolicy, false,
			`{"redirect_urls":["https://example.com/cb"],"scopes":["sql"],"user_authorized_scopes":["sql"]}`},
		"managed but null policy not sent": {customApp(nil), true,
			`{"redirect_urls":["https://example.com/cb"],"scopes":["sql"],"user_authorized_scopes":["sql"]}`},
	} {
		var diags diag.Diagnostics
		got, err := json.Marshal(CustomAppIntegrationUpdateBody(context.Background(), tc.in, tc.managed, &diags))
		if err != nil || diags.HasError() {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", name, got, tc.want)
		}
	}
}
