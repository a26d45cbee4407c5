// Package models holds the nested shapes shared by several resources and data
// sources, with their schemas and explicit conversions to and from the SDK types.
package models

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// TokenAccessPolicy is the token_access_policy object of custom and published app
// integrations.
type TokenAccessPolicy struct {
	AccessTokenTTLInMinutes          types.Int64 `tfsdk:"access_token_ttl_in_minutes"`
	RefreshTokenTTLInMinutes         types.Int64 `tfsdk:"refresh_token_ttl_in_minutes"`
	EnableSingleUseRefreshTokens     types.Bool  `tfsdk:"enable_single_use_refresh_tokens"`
	AbsoluteSessionLifetimeInMinutes types.Int64 `tfsdk:"absolute_session_lifetime_in_minutes"`
}

// TokenAccessPolicyAttrTypes is the object type of TokenAccessPolicy.
var TokenAccessPolicyAttrTypes = map[string]attr.Type{
	"access_token_ttl_in_minutes":          types.Int64Type,
	"refresh_token_ttl_in_minutes":         types.Int64Type,
	"enable_single_use_refresh_tokens":     types.BoolType,
	"absolute_session_lifetime_in_minutes": types.Int64Type,
}

// Descriptions from the API's field docs (SDK service/oauth2 model.go).
const (
	descTokenAccessPolicy = "Token access policy: lifetimes of the access and refresh tokens issued to this integration. " +
		"Omit it to leave the policy the server holds unchanged (the server's defaults at create)."
	descAccessTTL  = "Access token time to live in minutes, from 5 to 1440."
	descRefreshTTL = "Refresh token time to live in minutes, from 5 to 129600 and not below `access_token_ttl_in_minutes`. " +
		"When single-use refresh tokens are enabled, this is the TTL of an individual refresh token."
	descSingleUse = "Whether to enable single-use refresh tokens (refresh token rotation): each refresh issues a new " +
		"refresh token and invalidates the old one. Defaults to `false`."
	// descKeptWhenLeftOut says what leaving out an Optional+Computed lifetime does: the
	// API has no "back to the default", and the plan keeps the state's value.
	descKeptWhenLeftOut = " Leaving it out keeps the value the server holds: the last one set, or its default."
	descAbsolute        = "Absolute OAuth session TTL in minutes: the maximum time a user stays logged in without " +
		"re-authenticating. Only allowed when `enable_single_use_refresh_tokens` is `true`; the server fills a default then."
)

// TokenAccessPolicyResourceAttribute is the schema of token_access_policy in a resource.
//
// The object is Optional+Computed with UseStateForUnknown: the server always holds some
// policy, so leaving the attribute out means "do not manage it" and never plans a diff.
func TokenAccessPolicyResourceAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: descTokenAccessPolicy,
		Optional:            true,
		Computed:            true,
		PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
		Attributes: map[string]schema.Attribute{
			"access_token_ttl_in_minutes": schema.Int64Attribute{
				MarkdownDescription: descAccessTTL + descKeptWhenLeftOut,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(5, 1440)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"refresh_token_ttl_in_minutes": schema.Int64Attribute{
				MarkdownDescription: descRefreshTTL + descKeptWhenLeftOut,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(5, 129600), refreshNotBelowAccess{}},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"enable_single_use_refresh_tokens": schema.BoolAttribute{
				MarkdownDescription: descSingleUse,
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"absolute_session_lifetime_in_minutes": schema.Int64Attribute{
				MarkdownDescription: descAbsolute,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1), requiresSingleUse{}},
				PlanModifiers:       []planmodifier.Int64{absoluteLifetimeModifier{}},
			},
		},
	}
}

// TokenAccessPolicyDataSourceAttribute is the read-only schema for data sources.
func TokenAccessPolicyDataSourceAttribute() dschema.SingleNestedAttribute {
	return dschema.SingleNestedAttribute{
		MarkdownDescription: "Token access policy: lifetimes of the access and refresh tokens issued to this integration.",
		Computed:            true,
		Attributes: map[string]dschema.Attribute{
			"access_token_ttl_in_minutes":          dschema.Int64Attribute{Computed: true, MarkdownDescription: descAccessTTL},
			"refresh_token_ttl_in_minutes":         dschema.Int64Attribute{Computed: true, MarkdownDescription: descRefreshTTL},
			"enable_single_use_refresh_tokens":     dschema.BoolAttribute{Computed: true, MarkdownDescription: descSingleUse},
			"absolute_session_lifetime_in_minutes": dschema.Int64Attribute{Computed: true, MarkdownDescription: descAbsolute},
		},
	}
}

// TokenAccessPolicyToSDK converts the planned object into the request shape. It returns
// nil when the object is null or unknown (nothing to send). enable_single_use_refresh_tokens
// is always force-sent so that `false` turns rotation off; the absolute lifetime is only sent
// with rotation on, since the API rejects it otherwise.
func TokenAccessPolicyToSDK(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *oauth2.TokenAccessPolicy {
	if obj.IsNull() || obj.IsUnknown() {
		return nil
	}
	var m TokenAccessPolicy
	diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	if diags.HasError() {
		return nil
	}
	p := &oauth2.TokenAccessPolicy{
		AccessTokenTtlInMinutes:      int(m.AccessTokenTTLInMinutes.ValueInt64()),
		RefreshTokenTtlInMinutes:     int(m.RefreshTokenTTLInMinutes.ValueInt64()),
		EnableSingleUseRefreshTokens: m.EnableSingleUseRefreshTokens.ValueBool(),
		ForceSendFields:              []string{"EnableSingleUseRefreshTokens"},
	}
	if p.EnableSingleUseRefreshTokens {
		p.AbsoluteSessionLifetimeInMinutes = int(m.AbsoluteSessionLifetimeInMinutes.ValueInt64())
	}
	return p
}

// TokenAccessPolicyFromSDK converts the server's policy. A nil policy is a null object.
// The server reports an absolute session lifetime even with rotation off; it is dropped
// then, as it has no effect and cannot be sent back.
func TokenAccessPolicyFromSDK(p *oauth2.TokenAccessPolicy) types.Object {
	if p == nil {
		return types.ObjectNull(TokenAccessPolicyAttrTypes)
	}
	absolute := types.Int64Null()
	if p.EnableSingleUseRefreshTokens && p.AbsoluteSessionLifetimeInMinutes != 0 {
		absolute = types.Int64Value(int64(p.AbsoluteSessionLifetimeInMinutes))
	}
	return types.ObjectValueMust(TokenAccessPolicyAttrTypes, map[string]attr.Value{
		"access_token_ttl_in_minutes":          intOrNull(p.AccessTokenTtlInMinutes),
		"refresh_token_ttl_in_minutes":         intOrNull(p.RefreshTokenTtlInMinutes),
		"enable_single_use_refresh_tokens":     types.BoolValue(p.EnableSingleUseRefreshTokens),
		"absolute_session_lifetime_in_minutes": absolute,
	})
}

func intOrNull(v int) types.Int64 {
	if v == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(int64(v))
}

// singleUseValue reads enable_single_use_refresh_tokens beside the attribute at p
// from the config. Null counts as false (its default).
func singleUseValue(ctx context.Context, cfg interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, p path.Path) (value types.Bool, diags diag.Diagnostics) {
	diags = cfg.GetAttribute(ctx, p.ParentPath().AtName("enable_single_use_refresh_tokens"), &value)
	return value, diags
}

// refreshNotBelowAccess rejects a refresh token TTL below the access token TTL, as the
// API does, with both values and both paths (the stock AtLeastSumOf says only "must be
// at least sum of <.access_token_ttl_in_minutes").
type refreshNotBelowAccess struct{}

func (refreshNotBelowAccess) Description(context.Context) string {
	return "not below access_token_ttl_in_minutes"
}
func (v refreshNotBelowAccess) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (refreshNotBelowAccess) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	accessPath := req.Path.ParentPath().AtName("access_token_ttl_in_minutes")
	var access types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, accessPath, &access)...)
	if access.IsNull() || access.IsUnknown() || req.ConfigValue.ValueInt64() >= access.ValueInt64() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Refresh token TTL below access token TTL",
		fmt.Sprintf("%s is %d minutes, below %s (%d minutes). A refresh token must live at least as long as the "+
			"access tokens it renews, and the API rejects this policy: set %s to %d or more, or lower %s.",
			req.Path, req.ConfigValue.ValueInt64(), accessPath, access.ValueInt64(),
			req.Path, access.ValueInt64(), accessPath))
}

// requiresSingleUse rejects absolute_session_lifetime_in_minutes unless single-use
// refresh tokens are enabled, as the API does (there is no stock validator that
// checks a sibling's value).
type requiresSingleUse struct{}

func (requiresSingleUse) Description(context.Context) string {
	return "only allowed when enable_single_use_refresh_tokens is true"
}
func (v requiresSingleUse) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (requiresSingleUse) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	enabled, diags := singleUseValue(ctx, req.Config, req.Path)
	resp.Diagnostics.Append(diags...)
	if enabled.IsUnknown() || enabled.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid absolute session lifetime",
		"absolute_session_lifetime_in_minutes is only allowed when enable_single_use_refresh_tokens is true: "+
			"the absolute session lifetime applies to rotated refresh tokens, and the API rejects it otherwise.")
}

// absoluteLifetimeModifier plans absolute_session_lifetime_in_minutes: null while rotation
// is off (the server's value then has no effect and is not stored), the configured value
// when set, otherwise the prior state: the server's default, or null when rotation was
// already on and the server reports no default (nothing recorded says which: it may report one
// always, only with rotation, or never). It is unknown only when rotation is turned on
// now (or at create), the one time the server's answer is not known yet.
type absoluteLifetimeModifier struct{}

func (absoluteLifetimeModifier) Description(context.Context) string {
	return "null unless single-use refresh tokens are enabled; keeps the server's default otherwise"
}
func (m absoluteLifetimeModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (absoluteLifetimeModifier) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.ConfigValue.IsNull() {
		return
	}
	// A token_access_policy left out of the configuration is unmanaged: the object's
	// UseStateForUnknown already planned the state's policy, which must stay as is.
	var parent types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path.ParentPath(), &parent)...)
	if parent.IsNull() {
		return
	}
	enabled, diags := singleUseValue(ctx, req.Config, req.Path)
	resp.Diagnostics.Append(diags...)
	var wasOn types.Bool
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, req.Path.ParentPath().AtName("enable_single_use_refresh_tokens"), &wasOn)...)
	}
	switch {
	case enabled.IsUnknown():
		resp.PlanValue = types.Int64Unknown()
	case !enabled.ValueBool():
		resp.PlanValue = types.Int64Null()
	case !req.StateValue.IsNull(), wasOn.ValueBool():
		resp.PlanValue = req.StateValue
	default:
		resp.PlanValue = types.Int64Unknown()
	}
}
