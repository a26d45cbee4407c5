package resources

// Resource identity (Terraform 1.12+): every resource stores its natural key beside its
// state, and `import { identity = {...} }` takes it instead of an import id string.
//
// The identity is derived from the state in one place (identityFrom) and written by a
// call deferred at the top of Create, Read and Update, so that every return path, the
// partial states of a failed create and a Read that removes the object included, leaves
// an identity behind. A Read that removes the object takes the identity from the prior
// state: state written by a release without identity has none, and the framework
// rejects a successful Read that returns none ("Missing Resource Identity After Read").

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var (
	_ resource.ResourceWithIdentity = (*customAppIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*publishedAppIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*federationPolicyResource)(nil)
	_ resource.ResourceWithIdentity = (*servicePrincipalSecretResource)(nil)
)

// The identity models, one per key shape.
type (
	integrationIdentityModel struct {
		IntegrationID types.String `tfsdk:"integration_id"`
	}
	accountFederationPolicyIdentityModel struct {
		PolicyID types.String `tfsdk:"policy_id"`
	}
	servicePrincipalFederationPolicyIdentityModel struct {
		ServicePrincipalID types.Int64  `tfsdk:"service_principal_id"`
		PolicyID           types.String `tfsdk:"policy_id"`
	}
	servicePrincipalSecretIdentityModel struct {
		ServicePrincipalID types.Int64  `tfsdk:"service_principal_id"`
		SecretID           types.String `tfsdk:"secret_id"`
	}
)

const descIdentityServicePrincipalID = "The numeric (SCIM) id of the service principal."

func (r *customAppIntegrationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"integration_id": identityschema.StringAttribute{RequiredForImport: true, Description: models.DescIntegrationID},
	}}
}

func (r *publishedAppIntegrationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"integration_id": identityschema.StringAttribute{RequiredForImport: true, Description: models.DescPublishedIntegrationID},
	}}
}

func (r *federationPolicyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	attrs := map[string]identityschema.Attribute{
		"policy_id": identityschema.StringAttribute{RequiredForImport: true, Description: models.DescPolicyID},
	}
	if r.servicePrincipal {
		attrs["service_principal_id"] = identityschema.Int64Attribute{RequiredForImport: true, Description: descIdentityServicePrincipalID}
	}
	resp.IdentitySchema = identityschema.Schema{Attributes: attrs}
}

func (r *servicePrincipalSecretResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"service_principal_id": identityschema.Int64Attribute{RequiredForImport: true, Description: descIdentityServicePrincipalID},
		"secret_id":            identityschema.StringAttribute{RequiredForImport: true, Description: models.DescSecretID},
	}}
}

// identified is a resource whose identity follows from its state, and whose import id
// follows from its identity.
type identified interface {
	// identityFrom returns the identity of the object in st, or false while st does
	// not hold its key (e.g. a create that failed before the server answered).
	identityFrom(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) (any, bool)
	// importIDFrom returns the import id string that names the same object as an
	// `import` block's identity, or "" after adding an error.
	importIDFrom(ctx context.Context, id tfsdk.ResourceIdentity, diags *diag.Diagnostics) string
}

// setIdentity writes the identity of the object held by the first of states that holds
// one. Deferred at the top of Create, Read and Update (see the file comment). dst is
// nil only for a resource without identity support, which these are not.
func setIdentity(ctx context.Context, r identified, dst *tfsdk.ResourceIdentity, diags *diag.Diagnostics, states ...*tfsdk.State) {
	if dst == nil {
		return
	}
	for _, st := range states {
		if st == nil || st.Raw.IsNull() {
			continue
		}
		if id, ok := r.identityFrom(ctx, *st, diags); ok {
			diags.Append(dst.Set(ctx, id)...)
			return
		}
	}
}

// importIDFromIdentity turns an import by identity into the import by id string that
// names the same object, so that ImportState checks and applies both the same way.
// Called first in ImportState; false means ImportState must stop (an error was added).
func importIDFromIdentity(ctx context.Context, r identified, req *resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		return true
	}
	req.ID = r.importIDFrom(ctx, *req.Identity, &resp.Diagnostics)
	return !resp.Diagnostics.HasError()
}

// stringKey and int64Key read one key attribute from a state: ok is false for a null,
// unknown or empty value.
func stringKey(ctx context.Context, st tfsdk.State, p path.Path, diags *diag.Diagnostics) (types.String, bool) {
	var v types.String
	diags.Append(st.GetAttribute(ctx, p, &v)...)
	return v, !v.IsNull() && !v.IsUnknown() && v.ValueString() != ""
}

func int64Key(ctx context.Context, st tfsdk.State, p path.Path, diags *diag.Diagnostics) (types.Int64, bool) {
	var v types.Int64
	diags.Append(st.GetAttribute(ctx, p, &v)...)
	return v, !v.IsNull() && !v.IsUnknown()
}

func (r *customAppIntegrationResource) identityFrom(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) (any, bool) {
	id, ok := stringKey(ctx, st, path.Root("id"), diags)
	return integrationIdentityModel{IntegrationID: id}, ok
}

func (r *publishedAppIntegrationResource) identityFrom(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) (any, bool) {
	id, ok := stringKey(ctx, st, path.Root("id"), diags)
	return integrationIdentityModel{IntegrationID: id}, ok
}

func (r *federationPolicyResource) identityFrom(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) (any, bool) {
	id, ok := stringKey(ctx, st, path.Root("policy_id"), diags)
	if !r.servicePrincipal {
		return accountFederationPolicyIdentityModel{PolicyID: id}, ok
	}
	sp, spOK := int64Key(ctx, st, path.Root("service_principal_id"), diags)
	return servicePrincipalFederationPolicyIdentityModel{ServicePrincipalID: sp, PolicyID: id}, ok && spOK
}

func (r *servicePrincipalSecretResource) identityFrom(ctx context.Context, st tfsdk.State, diags *diag.Diagnostics) (any, bool) {
	sp, spOK := int64Key(ctx, st, path.Root("service_principal_id"), diags)
	id, ok := stringKey(ctx, st, path.Root("id"), diags)
	return servicePrincipalSecretIdentityModel{ServicePrincipalID: sp, SecretID: id}, ok && spOK
}

// The identity → import id conversions. Terraform has already checked that every
// attribute is set (RequiredForImport); what is left is what a string cannot carry:
// an empty value, or a service principal id that is not a positive SCIM id.

func identityString(v types.String, name string, diags *diag.Diagnostics) string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		diags.AddAttributeError(path.Root(name), "Invalid import identity", fmt.Sprintf("`%s` must be a non-empty string.", name))
		return ""
	}
	return v.ValueString()
}

func identityServicePrincipal(v types.Int64, diags *diag.Diagnostics) int64 {
	if v.IsNull() || v.IsUnknown() || v.ValueInt64() < 1 {
		diags.AddAttributeError(path.Root("service_principal_id"), "Invalid import identity",
			"`service_principal_id` must be the numeric (SCIM) id of the service principal, a positive number.")
		return 0
	}
	return v.ValueInt64()
}

func (r *customAppIntegrationResource) importIDFrom(ctx context.Context, id tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	var m integrationIdentityModel
	diags.Append(id.Get(ctx, &m)...)
	return identityString(m.IntegrationID, "integration_id", diags)
}

func (r *publishedAppIntegrationResource) importIDFrom(ctx context.Context, id tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	var m integrationIdentityModel
	diags.Append(id.Get(ctx, &m)...)
	return identityString(m.IntegrationID, "integration_id", diags)
}

func (r *federationPolicyResource) importIDFrom(ctx context.Context, id tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	if !r.servicePrincipal {
		var m accountFederationPolicyIdentityModel
		diags.Append(id.Get(ctx, &m)...)
		return identityString(m.PolicyID, "policy_id", diags)
	}
	var m servicePrincipalFederationPolicyIdentityModel
	diags.Append(id.Get(ctx, &m)...)
	sp, policy := identityServicePrincipal(m.ServicePrincipalID, diags), identityString(m.PolicyID, "policy_id", diags)
	if diags.HasError() {
		return ""
	}
	return ServicePrincipalChildID(sp, policy)
}

func (r *servicePrincipalSecretResource) importIDFrom(ctx context.Context, id tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	var m servicePrincipalSecretIdentityModel
	diags.Append(id.Get(ctx, &m)...)
	sp, secret := identityServicePrincipal(m.ServicePrincipalID, diags), identityString(m.SecretID, "secret_id", diags)
	if diags.HasError() {
		return ""
	}
	return ServicePrincipalChildID(sp, secret)
}
