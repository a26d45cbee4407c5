// Command providerschema prints the provider's schema as `terraform providers schema -json`
// does, for `tfplugindocs generate --providers-schema` (see `make docs`).
//
// It asks the provider itself (in-process, over the plugin protocol types) instead of
// a Terraform binary, so that the documentation is the same whichever Terraform is on
// PATH: Terraform before 1.10 does not report ephemeral resources (before 1.8
// functions, before 1.12 resource identities, before 1.14 list resources and
// actions), and tfplugindocs would otherwise download a Terraform when none is
// installed.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// The JSON shapes of Terraform's `providers schema -json` (format 1.0), in its field order.
type (
	schemas struct {
		FormatVersion   string                     `json:"format_version"`
		ProviderSchemas map[string]*providerSchema `json:"provider_schemas"`
	}
	providerSchema struct {
		Provider           *schema                    `json:"provider,omitempty"`
		ResourceSchemas    map[string]*schema         `json:"resource_schemas,omitempty"`
		DataSourceSchemas  map[string]*schema         `json:"data_source_schemas,omitempty"`
		EphemeralResources map[string]*schema         `json:"ephemeral_resource_schemas,omitempty"`
		ListResources      map[string]*schema         `json:"list_resource_schemas,omitempty"`
		Functions          map[string]*function       `json:"functions,omitempty"`
		IdentitySchemas    map[string]*identitySchema `json:"resource_identity_schemas,omitempty"`
		ActionSchemas      map[string]*actionSchema   `json:"action_schemas,omitempty"`
	}
	function struct {
		Description       string           `json:"description,omitempty"`
		Summary           string           `json:"summary,omitempty"`
		Deprecation       string           `json:"deprecation_message,omitempty"`
		ReturnType        json.RawMessage  `json:"return_type"`
		Parameters        []*functionParam `json:"parameters,omitempty"`
		VariadicParameter *functionParam   `json:"variadic_parameter,omitempty"`
	}
	functionParam struct {
		Name        string          `json:"name,omitempty"`
		Description string          `json:"description,omitempty"`
		IsNullable  bool            `json:"is_nullable,omitempty"`
		Type        json.RawMessage `json:"type"`
	}
	identitySchema struct {
		Version    int64                         `json:"version"`
		Attributes map[string]*identityAttribute `json:"attributes,omitempty"`
	}
	identityAttribute struct {
		Type              json.RawMessage `json:"type,omitempty"`
		Description       string          `json:"description,omitempty"`
		RequiredForImport bool            `json:"required_for_import,omitempty"`
		OptionalForImport bool            `json:"optional_for_import,omitempty"`
	}
	actionSchema struct {
		Block *block `json:"block,omitempty"`
	}
	schema struct {
		Version int64  `json:"version"`
		Block   *block `json:"block,omitempty"`
	}
	block struct {
		Attributes      map[string]*attribute `json:"attributes,omitempty"`
		BlockTypes      map[string]*blockType `json:"block_types,omitempty"`
		Description     string                `json:"description,omitempty"`
		DescriptionKind string                `json:"description_kind,omitempty"`
		Deprecated      bool                  `json:"deprecated,omitempty"`
	}
	attribute struct {
		Type            json.RawMessage `json:"type,omitempty"`
		NestedType      *nestedType     `json:"nested_type,omitempty"`
		Description     string          `json:"description,omitempty"`
		DescriptionKind string          `json:"description_kind,omitempty"`
		Deprecated      bool            `json:"deprecated,omitempty"`
		Required        bool            `json:"required,omitempty"`
		Optional        bool            `json:"optional,omitempty"`
		Computed        bool            `json:"computed,omitempty"`
		Sensitive       bool            `json:"sensitive,omitempty"`
		WriteOnly       bool            `json:"write_only,omitempty"`
	}
	nestedType struct {
		Attributes  map[string]*attribute `json:"attributes,omitempty"`
		NestingMode string                `json:"nesting_mode,omitempty"`
	}
	blockType struct {
		NestingMode string `json:"nesting_mode,omitempty"`
		Block       *block `json:"block,omitempty"`
		MinItems    int64  `json:"min_items,omitempty"`
		MaxItems    int64  `json:"max_items,omitempty"`
	}
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "providerschema:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	server := providerserver.NewProtocol6(provider.New("dev")())()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return err
	}
	if err := firstError(resp.Diagnostics); err != nil {
		return err
	}
	ps, err := convertProvider(resp)
	if err != nil {
		return err
	}
	ids, err := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return err
	}
	if err := firstError(ids.Diagnostics); err != nil {
		return err
	}
	if ps.IdentitySchemas, err = convertIdentities(ids.IdentitySchemas); err != nil {
		return err
	}
	out := schemas{
		FormatVersion: "1.0",
		// tfplugindocs looks the provider up under the address it gives providers it
		// builds itself.
		ProviderSchemas: map[string]*providerSchema{"registry.terraform.io/hashicorp/databricksoauth": ps},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// firstError is the first error among diags, if any.
func firstError(diags []*tfprotov6.Diagnostic) error {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return nil
}

// convertProvider converts the provider's schema and those of everything it serves
// (identities aside: they come from another call).
func convertProvider(resp *tfprotov6.GetProviderSchemaResponse) (*providerSchema, error) {
	ps := &providerSchema{
		ResourceSchemas:    map[string]*schema{},
		DataSourceSchemas:  map[string]*schema{},
		EphemeralResources: map[string]*schema{},
		ListResources:      map[string]*schema{},
	}
	var err error
	if ps.Provider, err = convertSchema(resp.Provider); err != nil {
		return nil, err
	}
	for _, kind := range []struct {
		from map[string]*tfprotov6.Schema
		to   map[string]*schema
	}{
		{resp.ResourceSchemas, ps.ResourceSchemas},
		{resp.DataSourceSchemas, ps.DataSourceSchemas},
		{resp.EphemeralResourceSchemas, ps.EphemeralResources},
		{resp.ListResourceSchemas, ps.ListResources},
	} {
		for _, name := range sortedKeys(kind.from) {
			if kind.to[name], err = convertSchema(kind.from[name]); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	if ps.Functions, err = convertFunctions(resp.Functions); err != nil {
		return nil, err
	}
	if ps.ActionSchemas, err = convertActions(resp.ActionSchemas); err != nil {
		return nil, err
	}
	return ps, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func convertSchema(s *tfprotov6.Schema) (*schema, error) {
	if s == nil {
		return nil, nil
	}
	b, err := convertBlock(s.Block)
	return &schema{Version: s.Version, Block: b}, err
}

func descriptionKind(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}

func convertBlock(b *tfprotov6.SchemaBlock) (*block, error) {
	if b == nil {
		return nil, nil
	}
	out := &block{Description: b.Description, DescriptionKind: descriptionKind(b.DescriptionKind), Deprecated: b.Deprecated}
	var err error
	if out.Attributes, err = convertAttributes(b.Attributes); err != nil {
		return nil, err
	}
	for _, bt := range b.BlockTypes {
		if out.BlockTypes == nil {
			out.BlockTypes = map[string]*blockType{}
		}
		nested, err := convertBlock(bt.Block)
		if err != nil {
			return nil, err
		}
		out.BlockTypes[bt.TypeName] = &blockType{
			NestingMode: blockNesting[bt.Nesting], Block: nested, MinItems: bt.MinItems, MaxItems: bt.MaxItems,
		}
	}
	return out, nil
}

var blockNesting = map[tfprotov6.SchemaNestedBlockNestingMode]string{
	tfprotov6.SchemaNestedBlockNestingModeSingle: "single",
	tfprotov6.SchemaNestedBlockNestingModeList:   "list",
	tfprotov6.SchemaNestedBlockNestingModeSet:    "set",
	tfprotov6.SchemaNestedBlockNestingModeMap:    "map",
	tfprotov6.SchemaNestedBlockNestingModeGroup:  "group",
}

var objectNesting = map[tfprotov6.SchemaObjectNestingMode]string{
	tfprotov6.SchemaObjectNestingModeSingle: "single",
	tfprotov6.SchemaObjectNestingModeList:   "list",
	tfprotov6.SchemaObjectNestingModeSet:    "set",
	tfprotov6.SchemaObjectNestingModeMap:    "map",
}

func convertAttributes(attrs []*tfprotov6.SchemaAttribute) (map[string]*attribute, error) {
	if len(attrs) == 0 {
		return nil, nil
	}
	out := map[string]*attribute{}
	for _, a := range attrs {
		c := &attribute{
			Description: a.Description, DescriptionKind: descriptionKind(a.DescriptionKind), Deprecated: a.Deprecated,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, WriteOnly: a.WriteOnly,
		}
		if a.NestedType != nil {
			nested, err := convertAttributes(a.NestedType.Attributes)
			if err != nil {
				return nil, err
			}
			c.NestedType = &nestedType{Attributes: nested, NestingMode: objectNesting[a.NestedType.Nesting]}
		} else if a.Type != nil {
			t, err := json.Marshal(a.Type) // the type constraint syntax Terraform uses ("string", ["list","string"], ...)
			if err != nil {
				return nil, fmt.Errorf("attribute %s: %w", a.Name, err)
			}
			c.Type = t
		}
		out[a.Name] = c
	}
	return out, nil
}

func convertFunctions(fs map[string]*tfprotov6.Function) (map[string]*function, error) {
	if len(fs) == 0 {
		return nil, nil
	}
	out := map[string]*function{}
	for name, f := range fs {
		c := &function{Description: f.Description, Summary: f.Summary, Deprecation: f.DeprecationMessage}
		var err error
		if c.ReturnType, err = f.Return.Type.MarshalJSON(); err != nil { //nolint:staticcheck // the type encoding `terraform providers schema -json` prints; plugin-go exports no other
			return nil, fmt.Errorf("function %s: %w", name, err)
		}
		param := func(p *tfprotov6.FunctionParameter) (*functionParam, error) {
			t, err := p.Type.MarshalJSON() //nolint:staticcheck // the type encoding `terraform providers schema -json` prints; plugin-go exports no other
			return &functionParam{Name: p.Name, Description: p.Description, IsNullable: p.AllowNullValue, Type: t}, err
		}
		for _, p := range f.Parameters {
			cp, err := param(p)
			if err != nil {
				return nil, fmt.Errorf("function %s: %w", name, err)
			}
			c.Parameters = append(c.Parameters, cp)
		}
		if f.VariadicParameter != nil {
			if c.VariadicParameter, err = param(f.VariadicParameter); err != nil {
				return nil, fmt.Errorf("function %s: %w", name, err)
			}
		}
		out[name] = c
	}
	return out, nil
}

func convertActions(as map[string]*tfprotov6.ActionSchema) (map[string]*actionSchema, error) {
	if len(as) == 0 {
		return nil, nil
	}
	out := map[string]*actionSchema{}
	for name, a := range as {
		b, err := convertBlock(a.Schema.Block)
		if err != nil {
			return nil, fmt.Errorf("action %s: %w", name, err)
		}
		out[name] = &actionSchema{Block: b}
	}
	return out, nil
}

func convertIdentities(ids map[string]*tfprotov6.ResourceIdentitySchema) (map[string]*identitySchema, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	out := map[string]*identitySchema{}
	for name, id := range ids {
		c := &identitySchema{Version: id.Version, Attributes: map[string]*identityAttribute{}}
		for _, a := range id.IdentityAttributes {
			t, err := a.Type.MarshalJSON() //nolint:staticcheck // the type encoding `terraform providers schema -json` prints; plugin-go exports no other
			if err != nil {
				return nil, fmt.Errorf("identity of %s: %w", name, err)
			}
			c.Attributes[a.Name] = &identityAttribute{Type: t, Description: a.Description,
				RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport}
		}
		out[name] = c
	}
	return out, nil
}
