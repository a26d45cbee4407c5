package resources

import (
	"context"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestFromOfficialProvider(t *testing.T) {
	for _, tc := range []struct {
		addr, typ string
		want      bool
	}{
		{"registry.terraform.io/databricks/databricks", "databricks_custom_app_integration", true},
		{"registry.terraform.io/databrickslabs/databricks", "databricks_custom_app_integration", true},
		{"registry.terraform.io/hashicorp/databricks", "databricks_custom_app_integration", true},
		{"mirror.example.com/databricks/databricks", "databricks_custom_app_integration", true},
		{"registry.terraform.io/databricks/databricks", "databricks_service_principal_secret", false},
		{"registry.terraform.io/databricks/databricksx", "databricks_custom_app_integration", false},
		{"registry.terraform.io/databricksoauth/databricksoauth", "databricks_custom_app_integration", false},
	} {
		req := resource.MoveStateRequest{SourceProviderAddress: tc.addr, SourceTypeName: tc.typ}
		if got := fromOfficialProvider(req, "databricks_custom_app_integration"); got != tc.want {
			t.Errorf("%s %s: got %v, want %v", tc.addr, tc.typ, got, tc.want)
		}
	}
}

func moveRequest(typ, js string) resource.MoveStateRequest {
	return resource.MoveStateRequest{
		SourceProviderAddress: "registry.terraform.io/databricks/databricks",
		SourceTypeName:        typ,
		SourceRawState:        &tfprotov6.RawState{JSON: []byte(js)},
	}
}

func TestDecodeOfficialState_singleNested(t *testing.T) {
	for name, tc := range map[string]struct {
		js      string
		wantTTL int
		wantNil bool
	}{
		"SDKv2 block list":   {`{"integration_id":"a","token_access_policy":[{"access_token_ttl_in_minutes":15}]}`, 15, false},
		"object":             {`{"integration_id":"a","token_access_policy":{"access_token_ttl_in_minutes":20}}`, 20, false},
		"empty block list":   {`{"integration_id":"a","token_access_policy":[]}`, 0, true},
		"null":               {`{"integration_id":"a","token_access_policy":null}`, 0, true},
		"absent, extra attr": {`{"integration_id":"a","provider_config":[{"workspace_id":"1"}]}`, 0, true},
	} {
		t.Run(name, func(t *testing.T) {
			var out oauth2.GetCustomAppIntegrationOutput
			var diags diag.Diagnostics
			if !decodeOfficialState(context.Background(), moveRequest("x", tc.js), []string{"token_access_policy"}, &diags, &out) {
				t.Fatalf("decode failed: %v", diags)
			}
			if tc.wantNil != (out.TokenAccessPolicy == nil) {
				t.Fatalf("token_access_policy = %+v", out.TokenAccessPolicy)
			}
			if !tc.wantNil && out.TokenAccessPolicy.AccessTokenTtlInMinutes != tc.wantTTL {
				t.Errorf("ttl = %d, want %d", out.TokenAccessPolicy.AccessTokenTtlInMinutes, tc.wantTTL)
			}
		})
	}
}

func TestDecodeOfficialState_errors(t *testing.T) {
	for name, req := range map[string]resource.MoveStateRequest{
		"no state":      {SourceTypeName: "x"},
		"not an object": moveRequest("x", `[1]`),
		"wrong type":    moveRequest("x", `{"id":5}`),
	} {
		var out officialServicePrincipalSecret
		var diags diag.Diagnostics
		if decodeOfficialState(context.Background(), req, nil, &diags, &out) || !diags.HasError() {
			t.Errorf("%s: expected an error", name)
		}
	}
}

// moveSecret runs the secret mover on a JSON state and returns the target state.
func moveSecret(t *testing.T, js string) (*resource.MoveStateResponse, map[string]tftypes.Value) {
	t.Helper()
	ctx := context.Background()
	r := &servicePrincipalSecretResource{}
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
	r.moveFromOfficial(ctx, moveRequest("databricks_service_principal_secret", js), resp)
	vals := map[string]tftypes.Value{}
	if !resp.TargetState.Raw.IsNull() {
		if err := resp.TargetState.Raw.As(&vals); err != nil {
			t.Fatal(err)
		}
	}
	return resp, vals
}

func TestServicePrincipalSecretMoveState(t *testing.T) {
	const base = `"id":"abc","secret":"dose123","create_time":"2025-01-01T00:00:00Z","expire_time":"2025-04-01T00:00:00Z"`
	for name, tc := range map[string]struct {
		js                 string
		wantSP             int64
		wantLifetime       string
		wantErrorSubstring string
	}{
		"string id (official)": {`{` + base + `,"service_principal_id":"1001","lifetime":""}`, 1001, "7776000s", ""},
		"number id":            {`{` + base + `,"service_principal_id":1002,"lifetime":"3600s"}`, 1002, "3600s", ""},
		"no secret id":         {`{"service_principal_id":"1001"}`, 0, "", "no secret id"},
		"bad sp id":            {`{"id":"abc","service_principal_id":"sp-1"}`, 0, "", "not an integer"},
	} {
		t.Run(name, func(t *testing.T) {
			resp, vals := moveSecret(t, tc.js)
			if tc.wantErrorSubstring != "" {
				if !resp.Diagnostics.HasError() || !strings.Contains(errorsText(resp.Diagnostics), tc.wantErrorSubstring) {
					t.Fatalf("want an error containing %q, got %v", tc.wantErrorSubstring, resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			var secret, lifetime string
			_ = vals["secret"].As(&secret)
			_ = vals["lifetime"].As(&lifetime)
			if secret != "dose123" || lifetime != tc.wantLifetime {
				t.Errorf("secret %q lifetime %q, want dose123 and %q", secret, lifetime, tc.wantLifetime)
			}
			if !vals["early_renewal_hours"].IsNull() {
				t.Errorf("early_renewal_hours = %v, want null", vals["early_renewal_hours"])
			}
		})
	}
}

func TestServicePrincipalSecretMoveState_otherSourceSkipped(t *testing.T) {
	ctx := context.Background()
	r := &servicePrincipalSecretResource{}
	resp := &resource.MoveStateResponse{}
	req := moveRequest("databricks_token", `{"id":"abc"}`)
	r.moveFromOfficial(ctx, req, resp)
	if resp.Diagnostics.HasError() || resp.TargetState.Raw.Type() != nil {
		t.Errorf("another source type must be left to other movers: %v", resp.Diagnostics)
	}
}

func errorsText(d diag.Diagnostics) string {
	var b strings.Builder
	for _, e := range d.Errors() {
		b.WriteString(e.Summary() + ": " + e.Detail() + "\n")
	}
	return b.String()
}
