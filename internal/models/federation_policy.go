package models

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/validators"
)

// FederationPolicy holds the fields the API returns for an account or service
// principal federation policy. The resources embed it (adding `id` and, for service
// principal policies, `service_principal_id`); the data sources use it as is.
type FederationPolicy struct {
	PolicyID    types.String `tfsdk:"policy_id"`
	Name        types.String `tfsdk:"name"`
	UID         types.String `tfsdk:"uid"`
	Description types.String `tfsdk:"description"`
	OIDCPolicy  types.Object `tfsdk:"oidc_policy"`
	CreateTime  types.String `tfsdk:"create_time"`
	UpdateTime  types.String `tfsdk:"update_time"`
}

// OIDCPolicy is the oidc_policy object of a federation policy.
type OIDCPolicy struct {
	Issuer       types.String `tfsdk:"issuer"`
	Audiences    types.List   `tfsdk:"audiences"` // of string
	Subject      types.String `tfsdk:"subject"`
	SubjectClaim types.String `tfsdk:"subject_claim"`
	JwksURI      types.String `tfsdk:"jwks_uri"`
	JwksJSON     JSON         `tfsdk:"jwks_json"`
}

// OIDCPolicyAttrTypes is the object type of OIDCPolicy.
var OIDCPolicyAttrTypes = map[string]attr.Type{
	"issuer":        types.StringType,
	"audiences":     types.ListType{ElemType: types.StringType},
	"subject":       types.StringType,
	"subject_claim": types.StringType,
	"jwks_uri":      types.StringType,
	"jwks_json":     JSONType{},
}

// Field descriptions, from the API's docs (SDK service/oauth2 model.go and the REST
// reference of the federation policy APIs).
const (
	DescPolicyID = "The identifier of the federation policy, unique within the account (account policies) or " +
		"the service principal (service principal policies)."
	DescPolicyName = "Resource name of the federation policy: `accounts/<account_id>/federationPolicies/<policy_id>` " +
		"or `accounts/<account_id>/servicePrincipals/<service_principal_id>/federationPolicies/<policy_id>`."
	DescPolicyUID         = "Unique, immutable id of the federation policy (distinct from `policy_id`)."
	DescPolicyDescription = "Description of the federation policy."
	DescPolicyCreateTime  = "Creation time of the federation policy (RFC 3339)."
	DescPolicyUpdateTime  = "Last update time of the federation policy (RFC 3339)."
	DescOIDCPolicy        = "The policy used to validate the OIDC claims of federated tokens."
	DescIssuer            = "The required token issuer, as specified in the `iss` claim of federated tokens. Must be an HTTPS URL."
	DescAudiences         = "The allowed token audiences, as specified in the `aud` claim of federated tokens. The audience " +
		"identifier is intended to represent the recipient of the token. Can be any non-empty string value. As long as " +
		"the audience in the token matches at least one audience in the policy, the token is considered a match. " +
		"If unspecified, defaults to your Databricks account id."
	DescSubjectClaim = "The claim that contains the subject of the token. If unspecified, the default value is `sub`."
	// DefaultSubjectClaim is the server's documented default for subject_claim.
	DefaultSubjectClaim = "sub"
	DescJwksURI         = "HTTPS URL of the public keys used to validate the signature of federated tokens, in JWKS format. " +
		"Most use cases should not need this: if `jwks_uri` and `jwks_json` are both unspecified (recommended), " +
		"Databricks fetches the public keys from the issuer's well-known endpoint."
	DescJwksJSON = "The public keys used to validate the signature of federated tokens, in JWKS format (a JSON object " +
		"with a `keys` array). Most use cases should not need this: if `jwks_uri` and `jwks_json` are both unspecified " +
		"(recommended), Databricks fetches the public keys from the issuer's well-known endpoint. Conflicts with `jwks_uri`."
	descSubjectAccount = "The required token subject, as specified in the subject claim of federated tokens. " +
		"Must not be set on account federation policies (only on service principal ones)."
	descSubjectServicePrincipal = "The required token subject, as specified in the subject claim of federated tokens " +
		"(e.g. `repo:my-org/my-repo:environment:prod` for GitHub Actions). Required for service principal federation policies."
	descSubjectAny = "The required token subject, as specified in the subject claim of federated tokens. " +
		"Set on service principal federation policies, null on account ones."
)

// httpsURL is an https:// URL with a host.
var httpsURL = regexp.MustCompile(`^https://[^\s/?#]+([/?#]\S*)?$`)

// OIDCPolicyResourceAttribute is the schema of oidc_policy in a resource. The two
// scopes differ only in the subject rule: required on a service principal policy,
// forbidden on an account policy (both checked at plan time, as the API rejects them).
func OIDCPolicyResourceAttribute(servicePrincipal bool) schema.SingleNestedAttribute {
	urlCheck := stringvalidator.RegexMatches(httpsURL, "must be an https:// URL, e.g. https://token.actions.githubusercontent.com")
	return schema.SingleNestedAttribute{
		MarkdownDescription: DescOIDCPolicy + " Every field is updated in place.",
		Required:            true,
		Attributes: map[string]schema.Attribute{
			"issuer": schema.StringAttribute{
				MarkdownDescription: DescIssuer,
				Required:            true,
				Validators:          []validator.String{urlCheck},
			},
			"audiences": schema.ListAttribute{
				MarkdownDescription: DescAudiences + " Their order does not matter, and each must be unique (the " +
					"server may sort and deduplicate them). Removing it clears the list on the server.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.List{
					listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
					listvalidator.UniqueValues(),
				},
				PlanModifiers: []planmodifier.List{keepStateOrder{}},
			},
			"subject": subjectResourceAttribute(servicePrincipal),
			"subject_claim": schema.StringAttribute{
				MarkdownDescription: DescSubjectClaim + " Leaving it out, or removing it, means the server's default " +
					"(the server may or may not report `sub` then).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{serverDefault{DefaultSubjectClaim}},
			},
			"jwks_uri": schema.StringAttribute{
				MarkdownDescription: DescJwksURI,
				Optional:            true,
				Validators:          []validator.String{urlCheck},
			},
			"jwks_json": schema.StringAttribute{
				MarkdownDescription: DescJwksJSON + " Compared as JSON: key order and whitespace make no difference.",
				CustomType:          JSONType{},
				Optional:            true,
				PlanModifiers:       []planmodifier.String{keepEquivalentJSON{}},
				Validators: []validator.String{
					validators.JWKSJSON(),
					stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("jwks_uri")),
				},
			},
		},
	}
}

// subjectResourceAttribute is the schema of oidc_policy.subject in the resource of
// one scope.
func subjectResourceAttribute(servicePrincipal bool) schema.StringAttribute {
	if servicePrincipal {
		return schema.StringAttribute{
			MarkdownDescription: descSubjectServicePrincipal,
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		}
	}
	return schema.StringAttribute{
		MarkdownDescription: descSubjectAccount,
		Optional:            true,
		Validators: []validator.String{validators.NotAllowed(
			"an account federation policy matches tokens by issuer and audience only; a subject is only allowed " +
				"on a service principal federation policy (databricksoauth_service_principal_federation_policy)")},
	}
}

// OIDCPolicyDataSourceAttribute is the read-only schema of oidc_policy.
func OIDCPolicyDataSourceAttribute() dschema.SingleNestedAttribute {
	str := func(d string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: d}
	}
	return dschema.SingleNestedAttribute{
		MarkdownDescription: DescOIDCPolicy,
		Computed:            true,
		Attributes: map[string]dschema.Attribute{
			"issuer":        str(DescIssuer),
			"audiences":     dschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: DescAudiences},
			"subject":       str(descSubjectAny),
			"subject_claim": str(DescSubjectClaim),
			"jwks_uri":      str(DescJwksURI),
			"jwks_json":     dschema.StringAttribute{Computed: true, CustomType: JSONType{}, MarkdownDescription: DescJwksJSON},
		},
	}
}

// FederationPolicyDataSourceAttributes is the read-only schema of one policy.
func FederationPolicyDataSourceAttributes() map[string]dschema.Attribute {
	str := func(d string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: d}
	}
	return map[string]dschema.Attribute{
		"policy_id":   str(DescPolicyID),
		"name":        str(DescPolicyName),
		"uid":         str(DescPolicyUID),
		"description": str(DescPolicyDescription),
		"oidc_policy": OIDCPolicyDataSourceAttribute(),
		"create_time": str(DescPolicyCreateTime),
		"update_time": str(DescPolicyUpdateTime),
	}
}

// OIDCPolicyFrom decodes an oidc_policy object; null or unknown gives all-null fields.
func OIDCPolicyFrom(ctx context.Context, obj types.Object, diags *diag.Diagnostics) OIDCPolicy {
	m := OIDCPolicy{
		Issuer: types.StringNull(), Audiences: types.ListNull(types.StringType), Subject: types.StringNull(),
		SubjectClaim: types.StringNull(), JwksURI: types.StringNull(), JwksJSON: JSONNull(),
	}
	if obj.IsNull() || obj.IsUnknown() {
		return m
	}
	diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return m
}

// FederationPolicyToSDK builds the request body of a create or update: description
// and oidc_policy, the only fields a client sets (the others are output-only).
// Empty values are omitted; with an update_mask naming them, that clears them.
func FederationPolicyToSDK(ctx context.Context, m FederationPolicy, diags *diag.Diagnostics) oauth2.FederationPolicy {
	p := oauth2.FederationPolicy{Description: m.Description.ValueString()}
	if m.OIDCPolicy.IsNull() || m.OIDCPolicy.IsUnknown() {
		return p
	}
	o := OIDCPolicyFrom(ctx, m.OIDCPolicy, diags)
	p.OidcPolicy = &oauth2.OidcFederationPolicy{
		Issuer:       o.Issuer.ValueString(),
		Audiences:    Strings(ctx, o.Audiences, diags),
		Subject:      o.Subject.ValueString(),
		SubjectClaim: o.SubjectClaim.ValueString(),
		JwksUri:      o.JwksURI.ValueString(),
		JwksJson:     o.JwksJSON.ValueString(),
	}
	return p
}

// FederationPolicyFromSDK converts a Create/Get/Update/List answer. prior is the
// planned or stored value (zero for data sources and imports): the API never echoes
// empty values, so an explicit "" or [] from the configuration is kept from prior
// where the server has nothing, instead of turning into null (which Terraform would
// report as an inconsistent result).
func FederationPolicyFromSDK(ctx context.Context, p *oauth2.FederationPolicy, prior FederationPolicy, diags *diag.Diagnostics) FederationPolicy {
	return FederationPolicy{
		PolicyID:    StringOrNull(p.PolicyId),
		Name:        StringOrNull(p.Name),
		UID:         StringOrNull(p.Uid),
		Description: keepEmptyString(p.Description, prior.Description),
		OIDCPolicy:  oidcPolicyFromSDK(ctx, p.OidcPolicy, prior.OIDCPolicy, diags),
		CreateTime:  StringOrNull(p.CreateTime),
		UpdateTime:  StringOrNull(p.UpdateTime),
	}
}

// FederationPolicyUpdateMask names the fields that differ between plan and state, in
// the API's field-path syntax, comma-separated; "" when none does. Null and empty count
// as equal: the API does not tell them apart. Masked fields absent from the body
// (removed from the configuration) are cleared by the server.
func FederationPolicyUpdateMask(ctx context.Context, plan, state FederationPolicy, diags *diag.Diagnostics) string {
	p := OIDCPolicyFrom(ctx, plan.OIDCPolicy, diags)
	s := OIDCPolicyFrom(ctx, state.OIDCPolicy, diags)
	fields := []struct {
		path    string
		changed bool
	}{
		{"description", plan.Description.ValueString() != state.Description.ValueString()},
		{"oidc_policy.issuer", p.Issuer.ValueString() != s.Issuer.ValueString()},
		{"oidc_policy.audiences", !slices.Equal(Strings(ctx, p.Audiences, diags), Strings(ctx, s.Audiences, diags))},
		{"oidc_policy.subject", p.Subject.ValueString() != s.Subject.ValueString()},
		{"oidc_policy.subject_claim", p.SubjectClaim.ValueString() != s.SubjectClaim.ValueString()},
		{"oidc_policy.jwks_uri", p.JwksURI.ValueString() != s.JwksURI.ValueString()},
		{"oidc_policy.jwks_json", p.JwksJSON.ValueString() != s.JwksJSON.ValueString()},
	}
	var mask []string
	for _, f := range fields {
		if f.changed {
			mask = append(mask, f.path)
		}
	}
	return strings.Join(mask, ",")
}

func oidcPolicyFromSDK(ctx context.Context, o *oauth2.OidcFederationPolicy, prior types.Object, diags *diag.Diagnostics) types.Object {
	if o == nil {
		return types.ObjectNull(OIDCPolicyAttrTypes)
	}
	was := OIDCPolicyFrom(ctx, prior, diags)
	audiences := StringList(ctx, o.Audiences, diags)
	if !was.Audiences.IsNull() && !was.Audiences.IsUnknown() && sameStrings(ctx, was.Audiences, o.Audiences, diags) {
		// The same audiences in another order (the server may sort them), or an
		// explicit [] the server does not echo: the planned or stored list stands.
		audiences = was.Audiences
	}
	obj, d := types.ObjectValue(OIDCPolicyAttrTypes, map[string]attr.Value{
		"issuer":        keepEmptyString(o.Issuer, was.Issuer),
		"audiences":     audiences,
		"subject":       keepEmptyString(o.Subject, was.Subject),
		"subject_claim": keepEmptyString(o.SubjectClaim, was.SubjectClaim),
		"jwks_uri":      keepEmptyString(o.JwksUri, was.JwksURI),
		// The framework keeps the prior text when the server's is the same JSON
		// written differently (jsontypes.Normalized's semantic equality).
		"jwks_json": JSON{Normalized: jsontypes.Normalized{StringValue: keepEmptyString(o.JwksJson, was.JwksJSON.StringValue)}},
	})
	diags.Append(d...)
	return obj
}

// keepEmptyString is StringOrNull, except that a known "" in prior survives an
// absent server value.
func keepEmptyString(server string, prior types.String) types.String {
	if server == "" && !prior.IsNull() && !prior.IsUnknown() && prior.ValueString() == "" {
		return prior
	}
	return StringOrNull(server)
}

// Attributes returns the model's values keyed by their tfsdk names, so that lists of
// policies are built without the framework's reflection.
func (m FederationPolicy) Attributes() map[string]attr.Value {
	return map[string]attr.Value{
		"policy_id":   m.PolicyID,
		"name":        m.Name,
		"uid":         m.UID,
		"description": m.Description,
		"oidc_policy": m.OIDCPolicy,
		"create_time": m.CreateTime,
		"update_time": m.UpdateTime,
	}
}
