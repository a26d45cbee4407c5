package models

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPublishedAppIntegrationRequests(t *testing.T) {
	plan := func(policy types.Object) PublishedAppIntegration {
		return PublishedAppIntegration{
			IntegrationID: types.StringUnknown(), AppID: types.StringValue("tableau-desktop"), Name: types.StringUnknown(),
			TokenAccessPolicy: policy, CreateTime: types.StringUnknown(), CreatedBy: types.Int64Unknown(),
		}
	}
	const policyJSON = `{"access_token_ttl_in_minutes":60,"enable_single_use_refresh_tokens":false,"refresh_token_ttl_in_minutes":1440}`
	for name, tc := range map[string]struct {
		policy             types.Object
		wantCreate, wantUp string
	}{
		"policy": {policyObject(false, types.Int64Null()),
			`{"app_id":"tableau-desktop","token_access_policy":` + policyJSON + `}`,
			`{"token_access_policy":` + policyJSON + `}`},
		"no policy":      {types.ObjectNull(TokenAccessPolicyAttrTypes), `{"app_id":"tableau-desktop"}`, `{}`},
		"unknown policy": {types.ObjectUnknown(TokenAccessPolicyAttrTypes), `{"app_id":"tableau-desktop"}`, `{}`},
	} {
		var diags diag.Diagnostics
		create, err := json.Marshal(PublishedAppIntegrationCreateToSDK(context.Background(), plan(tc.policy), &diags))
		if err != nil || diags.HasError() {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		update := PublishedAppIntegrationUpdateToSDK(context.Background(), "i-1", plan(tc.policy), &diags)
		up, err := json.Marshal(update)
		if err != nil || diags.HasError() {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		if string(create) != tc.wantCreate || string(up) != tc.wantUp || update.IntegrationId != "i-1" {
			t.Errorf("%s:\n create %s\n want   %s\n update %s (id %q)\n want   %s", name, create, tc.wantCreate, up, update.IntegrationId, tc.wantUp)
		}
	}
}
