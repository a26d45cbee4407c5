package resources_test

// A stand-in for the official Databricks provider (databricks/databricks), served
// in-process as "databricks", for the tests of the moves from its resources to
// ours (official_provider_move_state_test.go).
//
// Its four resources have the attribute names and types of the official ones, so
// that Terraform stores a state of the official shape; their Create writes a state
// fixture (the JSON the official provider would have stored for an object that
// already exists in the emulator) and sends nothing anywhere. Nested blocks of the
// official SDKv2 resources (token_access_policy, provider_config) are declared here
// as list nested attributes: the state JSON is the same (a list of objects), and a
// computed attribute lets the test configurations leave them out.
//
// Official shapes, from databricks/terraform-provider-databricks:
//   - databricks_custom_app_integration (SDKv2, apps/resource_custom_app_integration.go):
//     the API's GetCustomAppIntegrationOutput fields, plus id (= integration_id),
//     client_secret, token_access_policy as a block list of one, provider_config.
//   - databricks_service_principal_secret (SDKv2, tokens/resource_service_principal_secret.go):
//     the create answer's fields (id = secret id, secret, secret_hash, status,
//     create_time, update_time, expire_time), service_principal_id as a string,
//     lifetime, time_rotating, provider_config.
//   - databricks_account_federation_policy and databricks_service_principal_federation_policy
//     (plugin framework, generated): the API's FederationPolicy fields, oidc_policy
//     as a single nested attribute, no id.

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// newFakeOfficialProvider serves the stand-in provider; fixtures maps a resource
// type (e.g. "databricks_custom_app_integration") to the state its Create writes.
func newFakeOfficialProvider(fixtures map[string]map[string]any) func() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(&fakeOfficialProvider{fixtures: fixtures})
}

type fakeOfficialProvider struct{ fixtures map[string]map[string]any }

func (p *fakeOfficialProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "databricks"
}

// Schema has no settings: the stand-in never calls an API.
func (p *fakeOfficialProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}

func (p *fakeOfficialProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *fakeOfficialProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}

func (p *fakeOfficialProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for name, attrs := range fakeOfficialSchemas() {
		fixture := p.fixtures[name]
		out = append(out, func() resource.Resource {
			return &fakeOfficialResource{typeName: name, schema: schema.Schema{Attributes: attrs}, fixture: fixture}
		})
	}
	return out
}

// fakeOfficialSchemas are the official resources' attributes. Arguments the tests
// configure are Required; everything else is Optional+Computed, so that whatever
// the fixture holds is consistent with the plan.
func fakeOfficialSchemas() map[string]map[string]schema.Attribute {
	str := func() schema.Attribute { return schema.StringAttribute{Optional: true, Computed: true} }
	secret := func() schema.Attribute { return schema.StringAttribute{Computed: true, Sensitive: true} }
	i64 := func() schema.Attribute { return schema.Int64Attribute{Optional: true, Computed: true} }
	strList := func() schema.Attribute {
		return schema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true}
	}
	nestedList := func(attrs map[string]schema.Attribute) schema.Attribute {
		return schema.ListNestedAttribute{Optional: true, Computed: true,
			NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
	}
	providerConfig := func() schema.Attribute {
		return nestedList(map[string]schema.Attribute{"workspace_id": str()})
	}
	federationPolicy := func() map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"policy_id":            schema.StringAttribute{Required: true},
			"create_time":          str(),
			"description":          str(),
			"name":                 str(),
			"service_principal_id": i64(),
			"uid":                  str(),
			"update_time":          str(),
			"oidc_policy": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
				"audiences":     strList(),
				"issuer":        str(),
				"jwks_json":     str(),
				"jwks_uri":      str(),
				"subject":       str(),
				"subject_claim": str(),
			}},
		}
	}
	return map[string]map[string]schema.Attribute{
		"databricks_custom_app_integration": {
			"id":                     str(),
			"name":                   schema.StringAttribute{Required: true},
			"integration_id":         str(),
			"client_id":              str(),
			"client_secret":          secret(),
			"confidential":           schema.BoolAttribute{Optional: true, Computed: true},
			"redirect_urls":          strList(),
			"scopes":                 strList(),
			"user_authorized_scopes": strList(),
			"create_time":            str(),
			"created_by":             i64(),
			"creator_username":       str(),
			"token_access_policy": nestedList(map[string]schema.Attribute{
				"access_token_ttl_in_minutes":          i64(),
				"refresh_token_ttl_in_minutes":         i64(),
				"enable_single_use_refresh_tokens":     schema.BoolAttribute{Optional: true, Computed: true},
				"absolute_session_lifetime_in_minutes": i64(),
			}),
			"provider_config": providerConfig(),
		},
		"databricks_service_principal_secret": {
			"id":                   str(),
			"service_principal_id": schema.StringAttribute{Required: true},
			"lifetime":             str(),
			"time_rotating":        str(),
			"secret":               secret(),
			"secret_hash":          str(),
			"status":               str(),
			"create_time":          str(),
			"update_time":          str(),
			"expire_time":          str(),
			"provider_config":      providerConfig(),
		},
		"databricks_account_federation_policy":           federationPolicy(),
		"databricks_service_principal_federation_policy": federationPolicy(),
	}
}

// fakeOfficialResource writes its fixture on create and never changes afterwards.
type fakeOfficialResource struct {
	typeName string
	schema   schema.Schema
	fixture  map[string]any
}

func (r *fakeOfficialResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r *fakeOfficialResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r *fakeOfficialResource) Create(ctx context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	if r.fixture == nil {
		resp.Diagnostics.AddError("No fixture", "the test gave no state fixture for "+r.typeName)
		return
	}
	js, err := json.Marshal(r.fixture)
	if err != nil {
		resp.Diagnostics.AddError("Bad fixture", err.Error())
		return
	}
	v, err := (&tfprotov6.RawState{JSON: js}).Unmarshal(r.schema.Type().TerraformType(ctx))
	if err != nil {
		resp.Diagnostics.AddError("Fixture does not match the official schema", err.Error())
		return
	}
	resp.State.Raw = v
}

func (r *fakeOfficialResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *fakeOfficialResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *fakeOfficialResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
