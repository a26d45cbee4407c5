// Command providerschema prints the provider's schema as `terraform providers schema -json`
// does, for `tfplugindocs generate --providers-schema` (see `make docs`).
//
// It asks the provider itself (in-process, over the plugin protocol types) instead of
// a Terraform binary, so that the documentation is the same whichever Terraform is on
// PATH: Terraform before 1.10 does not report ephemeral resources, and tfplugindocs
// would otherwise download a Terraform when none is installed.
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
		Provider           *schema            `json:"provider,omitempty"`
		ResourceSchemas    map[string]*schema `json:"resource_schemas,omitempty"`
		DataSourceSchemas  map[string]*schema `json:"data_source_schemas,omitempty"`
		EphemeralResources map[string]*schema `json:"ephemeral_resource_schemas,omitempty"`
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
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	ps := &providerSchema{
		ResourceSchemas:    map[string]*schema{},
		DataSourceSchemas:  map[string]*schema{},
		EphemeralResources: map[string]*schema{},
	}
	if ps.Provider, err = convertSchema(resp.Provider); err != nil {
		return err
	}
	for _, kind := range []struct {
		from map[string]*tfprotov6.Schema
		to   map[string]*schema
	}{
		{resp.ResourceSchemas, ps.ResourceSchemas},
		{resp.DataSourceSchemas, ps.DataSourceSchemas},
		{resp.EphemeralResourceSchemas, ps.EphemeralResources},
	} {
		for _, name := range sortedKeys(kind.from) {
			if kind.to[name], err = convertSchema(kind.from[name]); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
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
