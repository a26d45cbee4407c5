// Package floor is the framework floor of `make bench`: a provider with the same
// provider, resource and identity schemas as databricksoauth (taken from
// internal/provider, not copied) whose resources send nothing: Read returns the prior
// state unchanged (and the identity the real resources derive from it). A refresh with
// it costs what any terraform-plugin-framework provider with these schemas must pay
// (Terraform core, gRPC, the framework's decoding, schema walks, plan modification,
// and the schemas' validators, plan modifiers and defaults); what the real provider
// costs above it is the project's own (its Read, the SDK, conversions).
//
// bench/cmd/floorprovider serves it; the benchmark driver runs that binary in place of
// the real provider for the refresh plans only (it has no data sources), and
// BenchmarkRefreshCycle runs it in-process as custom_app_floor.
package floor

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// New returns the floor provider's factory.
func New() func() fwprovider.Provider {
	return func() fwprovider.Provider { return &floorProvider{real: provider.New("floor")()} }
}

// floorProvider has the real provider's name and schema and configures nothing.
type floorProvider struct{ real fwprovider.Provider }

func (p *floorProvider) Metadata(ctx context.Context, req fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *floorProvider) Schema(ctx context.Context, req fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *floorProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}

func (p *floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return newFloorResource(f()) })
	}
	return out
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorResource has a real resource's type name, schema and identity schema.
type floorResource struct{ real resource.Resource }

// floorIdentityResource adds the real resource's identity schema, so that the state
// the real provider wrote (with identities) is read the same way.
type floorIdentityResource struct {
	floorResource
	identity resource.ResourceWithIdentity
}

func newFloorResource(r resource.Resource) resource.Resource {
	if id, ok := r.(resource.ResourceWithIdentity); ok {
		return &floorIdentityResource{floorResource{r}, id}
	}
	return &floorResource{r}
}

func (r *floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

// Read sets the identity from the state, as the real resources do (Terraform requires
// one after every read): each identity attribute is the state attribute of the same
// name, or the state's id (secret_id, policy_id of the real schemas).
func (r *floorIdentityResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil {
		return
	}
	var state map[string]tftypes.Value
	typ, ok := resp.Identity.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok || req.State.Raw.As(&state) != nil {
		resp.Diagnostics.AddError("Unexpected identity schema or state", "bench/floor cannot copy the identity")
		return
	}
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for k := range typ.AttributeTypes {
		v, ok := state[k]
		if !ok {
			v = state["id"]
		}
		vals[k] = v
	}
	resp.Identity.Raw = tftypes.NewValue(typ, vals)
}

func (r *floorIdentityResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.identity.IdentitySchema(ctx, req, resp)
}

// The framework starts every response from the request's values (Read: the prior
// state and identity; Create/Update: the plan), so doing nothing returns them unchanged.
func (r *floorResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *floorResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("The framework floor creates nothing", "It only refreshes state made by the real provider.")
}

func (r *floorResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("The framework floor updates nothing", "It only refreshes state made by the real provider.")
}

func (r *floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
