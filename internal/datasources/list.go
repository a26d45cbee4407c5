package datasources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// listDataSource is every plural data source: the arguments of its configuration, and
// one computed list of objects that list fills from every page of an API listing.
//
// The list and the state are built from values directly (types.ObjectValue,
// types.ListValue, a tftypes value for State.Set) rather than through the framework's
// reflection over model structs: with thousands of items, that reflection was most of
// the provider's CPU.
type listDataSource struct {
	client *client.Client
	spec   *listSpec
}

// listSpec describes one plural data source.
type listSpec struct {
	typeName    string // after the provider's type name, e.g. "_custom_app_integrations"
	description string
	// args are the configurable attributes (nil: none).
	args map[string]schema.Attribute
	// attribute is the computed list's name, attributeDescription its description and
	// item the schema of one of its objects.
	attribute, attributeDescription string
	item                            func() map[string]schema.Attribute
	// list returns the items as attribute values keyed like item, reading its arguments
	// from cfg; on failure it adds an error to diags.
	list func(ctx context.Context, c *client.Client, cfg tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value
}

var _ datasource.DataSourceWithConfigure = (*listDataSource)(nil)

// newList returns the factory of spec's data source. The framework calls a factory for
// every request, so it only allocates the small struct.
func newList(spec *listSpec) func() datasource.DataSource {
	return func() datasource.DataSource { return &listDataSource{spec: spec} }
}

// accountList is the list of a data source read through the account API: it lists
// every page with listAll and converts each item with to; on failure it adds an
// error with summary and returns nil.
func accountList[T any](c *client.Client, diags *diag.Diagnostics, summary string,
	listAll func(*databricks.AccountClient) ([]T, error), to func(*T) map[string]attr.Value,
) []map[string]attr.Value {
	a := c.Account(diags)
	if diags.HasError() {
		return nil
	}
	all, err := listAll(a)
	if err != nil {
		client.AddError(diags, summary, err)
		return nil
	}
	return items(all, to)
}

// servicePrincipalArg is the service_principal_id argument of a per-principal list.
func servicePrincipalArg(description string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"service_principal_id": schema.Int64Attribute{Required: true, MarkdownDescription: description,
			Validators: []validator.Int64{int64validator.AtLeast(1)}},
	}
}

// servicePrincipalOf reads that argument; ok is false when the configuration cannot
// be read (diags say why).
func servicePrincipalOf(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) (sp int64, ok bool) {
	var id types.Int64
	diags.Append(cfg.GetAttribute(ctx, path.Root("service_principal_id"), &id)...)
	return id.ValueInt64(), !diags.HasError()
}

// items converts every element of all with to (one listed object's attribute values).
func items[T any](all []T, to func(*T) map[string]attr.Value) []map[string]attr.Value {
	out := make([]map[string]attr.Value, len(all))
	for i := range all {
		out[i] = to(&all[i])
	}
	return out
}

func (d *listDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.typeName
}

func (d *listDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := make(map[string]schema.Attribute, len(d.spec.args)+1)
	for k, v := range d.spec.args {
		attrs[k] = v
	}
	attrs[d.spec.attribute] = schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: d.spec.attributeDescription,
		NestedObject:        schema.NestedAttributeObject{Attributes: d.spec.item()}}
	resp.Schema = schema.Schema{MarkdownDescription: d.spec.description, Attributes: attrs}
}

func (d *listDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	all := d.spec.list(ctx, d.client, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	listType, ok := req.Config.Schema.GetAttributes()[d.spec.attribute].GetType().(types.ListType)
	elemType, ok2 := listType.ElemType.(types.ObjectType)
	if !ok || !ok2 {
		resp.Diagnostics.AddError("Unexpected schema", fmt.Sprintf("%s is not a list of objects; this is a bug in the provider.", d.spec.attribute))
		return
	}
	elems := make([]attr.Value, len(all))
	for i, a := range all {
		obj, diags := types.ObjectValue(elemType.AttrTypes, a)
		resp.Diagnostics.Append(diags...)
		elems[i] = obj
	}
	if resp.Diagnostics.HasError() {
		return
	}
	list, diags := types.ListValue(elemType, elems)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	listTF, err := list.ToTerraformValue(ctx)
	// The state is the configuration (the arguments) with the list filled in.
	var vals map[string]tftypes.Value
	if err == nil {
		err = req.Config.Raw.As(&vals)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot build the data source's state", "This is a bug in the provider: "+err.Error())
		return
	}
	vals[d.spec.attribute] = listTF
	resp.Diagnostics.Append(resp.State.Set(ctx, tftypes.NewValue(req.Config.Raw.Type(), vals))...)
}
