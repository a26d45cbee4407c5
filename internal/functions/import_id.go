package functions

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources"
)

// The composite import ids of the objects that live under a service principal,
// `<service_principal_id>/<child id>`, formatted and parsed by the same code as the
// resources' ImportState.

func importIDFunctions() []function.Function {
	return []function.Function{
		importIDFormat{resource: "databricksoauth_service_principal_federation_policy", prefix: "service_principal_federation_policy", child: "policy_id"},
		importIDParse{resource: "databricksoauth_service_principal_federation_policy", prefix: "service_principal_federation_policy", child: "policy_id"},
		importIDFormat{resource: "databricksoauth_service_principal_secret", prefix: "service_principal_secret", child: "secret_id"},
		importIDParse{resource: "databricksoauth_service_principal_secret", prefix: "service_principal_secret", child: "secret_id"},
	}
}

// importIDFormat is `<prefix>_import_id(service_principal_id, <child>)`.
type importIDFormat struct{ resource, prefix, child string }

func (f importIDFormat) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.prefix + "_import_id"
}

func (f importIDFormat) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The import id of a " + f.resource + " resource",
		MarkdownDescription: fmt.Sprintf("Returns `<service_principal_id>/<%s>`, the id that `terraform import` and an `import` "+
			"block's `id` take for a `%s`. Both parts are checked as the import checks them.", f.child, f.resource),
		Parameters: []function.Parameter{
			function.Int64Parameter{Name: "service_principal_id", MarkdownDescription: "The numeric (SCIM) id of the service principal."},
			function.StringParameter{Name: f.child, MarkdownDescription: "The `" + f.child + "` of the object."},
		},
		Return: function.StringReturn{},
	}
}

func (f importIDFormat) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var sp int64
	var child string
	if resp.Error = req.Arguments.Get(ctx, &sp, &child); resp.Error != nil {
		return
	}
	id := resources.ServicePrincipalChildID(sp, child)
	// The import's own parser decides, so that the id is one the import accepts.
	if _, _, err := resources.ParseServicePrincipalChildID(id); err != nil {
		arg := int64(1)
		if sp < 1 {
			arg = 0
		}
		resp.Error = function.NewArgumentFuncError(arg, nameOf(f)+": "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, id)
}

// importIDParse is `<prefix>_import_id_parse(import_id)`.
type importIDParse struct{ resource, prefix, child string }

func (f importIDParse) attrTypes() map[string]attr.Type {
	return map[string]attr.Type{"service_principal_id": types.Int64Type, f.child: types.StringType}
}

func (f importIDParse) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.prefix + "_import_id_parse"
}

func (f importIDParse) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Splits the import id of a " + f.resource + " resource",
		MarkdownDescription: fmt.Sprintf("Parses `<service_principal_id>/<%[1]s>`, the import id of a `%[2]s`, into an "+
			"object with `service_principal_id` (a number) and `%[1]s`, and fails on an id the import would refuse.", f.child, f.resource),
		Parameters: []function.Parameter{
			function.StringParameter{Name: "import_id", MarkdownDescription: fmt.Sprintf("The import id, `<service_principal_id>/<%s>`.", f.child)},
		},
		Return: function.ObjectReturn{AttributeTypes: f.attrTypes()},
	}
}

func (f importIDParse) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var id string
	if resp.Error = req.Arguments.Get(ctx, &id); resp.Error != nil {
		return
	}
	sp, child, err := resources.ParseServicePrincipalChildID(id)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, nameOf(f)+": "+err.Error())
		return
	}
	obj, diags := types.ObjectValue(f.attrTypes(), map[string]attr.Value{
		"service_principal_id": types.Int64Value(sp), f.child: types.StringValue(child),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

// nameOf returns a function's name as its Metadata gives it.
func nameOf(f function.Function) string {
	var resp function.MetadataResponse
	f.Metadata(context.Background(), function.MetadataRequest{}, &resp)
	return resp.Name
}
