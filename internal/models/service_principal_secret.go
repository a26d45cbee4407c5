package models

import (
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ServicePrincipalSecretInfo is the metadata of a service principal OAuth secret, as
// the list API returns it (never the value). The resource embeds it; the list data
// source returns one per secret.
type ServicePrincipalSecretInfo struct {
	ID         types.String `tfsdk:"id"`
	SecretHash types.String `tfsdk:"secret_hash"`
	Status     types.String `tfsdk:"status"`
	CreateTime types.String `tfsdk:"create_time"`
	UpdateTime types.String `tfsdk:"update_time"`
	ExpireTime types.String `tfsdk:"expire_time"`
}

// Field descriptions, from the API's docs (SDK service/oauth2 model.go).
const (
	DescSecretServicePrincipalID = "The numeric (SCIM) id of the service principal that owns the secret. This is not " +
		"the application (client) id."
	DescSecretID         = "ID of the secret."
	DescSecretValue      = "The secret value (the OAuth client secret). The API returns it only when the secret is created."
	DescSecretHash       = "Hash of the secret value."
	DescSecretStatus     = "Status of the secret, e.g. `ACTIVE`."
	DescSecretCreateTime = "UTC time when the secret was created (RFC 3339)."
	DescSecretUpdateTime = "UTC time when the secret was updated (RFC 3339)."
	DescSecretExpireTime = "UTC time when the secret will expire (RFC 3339). If null, the secret does not expire."
	DescSecretLifetime   = "The lifetime of the secret in whole seconds with an `s` suffix, from `\"1s\"` to " +
		"`\"63072000s\"` (730 days), e.g. `\"7776000s\"` for 90 days."
)

// ServicePrincipalSecretInfoFromSDK converts a list item.
func ServicePrincipalSecretInfoFromSDK(s oauth2.SecretInfo) ServicePrincipalSecretInfo {
	return ServicePrincipalSecretInfo{
		ID:         types.StringValue(s.Id),
		SecretHash: StringOrNull(s.SecretHash),
		Status:     StringOrNull(s.Status),
		CreateTime: StringOrNull(s.CreateTime),
		UpdateTime: StringOrNull(s.UpdateTime),
		ExpireTime: StringOrNull(s.ExpireTime),
	}
}

// ServicePrincipalSecretInfoFromCreate converts a create answer (minus the value,
// which the caller keeps separately).
func ServicePrincipalSecretInfoFromCreate(out *oauth2.CreateServicePrincipalSecretResponse) ServicePrincipalSecretInfo {
	return ServicePrincipalSecretInfoFromSDK(oauth2.SecretInfo{
		Id:         out.Id,
		SecretHash: out.SecretHash,
		Status:     out.Status,
		CreateTime: out.CreateTime,
		UpdateTime: out.UpdateTime,
		ExpireTime: out.ExpireTime,
	})
}

// SecretLifetimeToSDK is the lifetime a create request sends: the configured one, or
// fallback when there is none (null, or unknown as a computed lifetime is planned);
// "" lets the server choose its default.
func SecretLifetimeToSDK(lifetime types.String, fallback string) string {
	if lifetime.IsNull() || lifetime.IsUnknown() {
		return fallback
	}
	return lifetime.ValueString()
}

// ServicePrincipalSecretInfoDataSourceAttributes is the read-only schema of one secret.
func ServicePrincipalSecretInfoDataSourceAttributes() map[string]dschema.Attribute {
	str := func(d string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: d}
	}
	return map[string]dschema.Attribute{
		"id":          str(DescSecretID),
		"secret_hash": str(DescSecretHash),
		"status":      str(DescSecretStatus),
		"create_time": str(DescSecretCreateTime),
		"update_time": str(DescSecretUpdateTime),
		"expire_time": str(DescSecretExpireTime),
	}
}

// Attributes returns the model's values keyed by their tfsdk names, so that lists of
// secrets are built without the framework's reflection.
func (m ServicePrincipalSecretInfo) Attributes() map[string]attr.Value {
	return map[string]attr.Value{
		"id":          m.ID,
		"secret_hash": m.SecretHash,
		"status":      m.Status,
		"create_time": m.CreateTime,
		"update_time": m.UpdateTime,
		"expire_time": m.ExpireTime,
	}
}
