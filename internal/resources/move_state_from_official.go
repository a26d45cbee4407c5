package resources

// Moving state from the official Databricks provider (databricks/databricks).
//
// Four objects are managed by both providers under the same names, with the
// `databricks_` prefix there and `databricksoauth_` here:
// custom_app_integration, service_principal_secret, account_federation_policy and
// service_principal_federation_policy. Each of our resources implements
// resource.ResourceWithMoveState, so that a `moved` block (Terraform 1.8+)
//
//	moved {
//	  from = databricks_custom_app_integration.this
//	  to   = databricksoauth_custom_app_integration.this
//	}
//
// carries the object over without any API call and without replacing it: the
// mover only translates the official state (read from its raw JSON, so that no
// copy of the official schema has to be kept in step), and the refresh that
// follows fills anything the official state lacks.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// officialProviderType is the provider type of the official Databricks provider.
const officialProviderType = "databricks"

// fromOfficialProvider reports whether a move request comes from the resource type
// sourceType of the official Databricks provider.
//
// Only the type part of the provider address is checked (`.../databricks`), not
// its host or namespace: the official provider is registry.terraform.io/databricks/databricks,
// but the same provider is also installed as databrickslabs/databricks (its old
// address), from mirrors and private registries under other hosts, and served by
// test harnesses as hashicorp/databricks. The source type name (for example
// `databricks_custom_app_integration`) already pins which object it is.
func fromOfficialProvider(req resource.MoveStateRequest, sourceType string) bool {
	if req.SourceTypeName != sourceType {
		return false
	}
	addr := req.SourceProviderAddress
	return addr[strings.LastIndex(addr, "/")+1:] == officialProviderType
}

// decodeOfficialState decodes the source state's raw JSON into each of dst (read
// with encoding/json, unknown attributes ignored). singleNested names the nested
// objects that the official provider stores either as an object (plugin framework
// resources) or, for its SDKv2 resources, as a block list of at most one object:
// both forms are accepted, an empty list meaning null.
func decodeOfficialState(ctx context.Context, req resource.MoveStateRequest, singleNested []string, diags *diag.Diagnostics, dst ...any) bool {
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		diags.AddError("Cannot move the resource state",
			fmt.Sprintf("Terraform sent no JSON state for %s (provider %s); only states written in JSON can be moved.",
				req.SourceTypeName, req.SourceProviderAddress))
		return false
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(req.SourceRawState.JSON, &raw); err != nil {
		diags.AddError("Cannot move the resource state",
			fmt.Sprintf("The state of %s is not a JSON object: %s", req.SourceTypeName, err))
		return false
	}
	for _, name := range singleNested {
		v := bytes.TrimSpace(raw[name])
		if len(v) == 0 || v[0] != '[' {
			continue
		}
		var list []json.RawMessage
		if err := json.Unmarshal(v, &list); err != nil {
			diags.AddError("Cannot move the resource state",
				fmt.Sprintf("Attribute %s of %s: %s", name, req.SourceTypeName, err))
			return false
		}
		if len(list) == 0 {
			delete(raw, name)
		} else {
			raw[name] = list[0]
		}
	}
	normalized, err := json.Marshal(raw)
	if err != nil {
		diags.AddError("Cannot move the resource state", err.Error())
		return false
	}
	for _, d := range dst {
		if err := json.Unmarshal(normalized, d); err != nil {
			diags.AddError("Cannot move the resource state",
				fmt.Sprintf("The state of %s (schema version %d) does not have the expected attributes: %s",
					req.SourceTypeName, req.SourceSchemaVersion, err))
			return false
		}
	}
	tflog.Info(ctx, "Moving state from the official Databricks provider", map[string]any{
		"source_type": req.SourceTypeName, "source_provider": req.SourceProviderAddress,
		"source_schema_version": req.SourceSchemaVersion,
	})
	return true
}

// flexInt64 is an integer that the official provider stores either as a number or
// as a string (its SDKv2 resources keep service principal ids as strings).
type flexInt64 int64

func (f *flexInt64) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*f = flexInt64(n)
	return nil
}

// addMoveError reports a source state that lacks what identifies the object.
func addMoveError(diags *diag.Diagnostics, req resource.MoveStateRequest, detail string) {
	diags.AddError("Cannot move the resource state",
		fmt.Sprintf("The state of %s from %s cannot be moved: %s. Run `terraform refresh` with the %s provider "+
			"first, or import the object instead of moving it.", req.SourceTypeName, req.SourceProviderAddress, detail,
			officialProviderType))
}
