package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The Terraform 1.12+ surfaces: every resource has an identity and a list resource of
// its own name, and the list resources, actions and functions are valid and
// documented like the rest of the schema.
func TestNewerSurfaces(t *testing.T) {
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("1.2.3")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ids.Diagnostics {
		t.Errorf("identity schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	for name := range resp.ResourceSchemas {
		id, ok := ids.IdentitySchemas[name]
		if !ok || len(id.IdentityAttributes) == 0 {
			t.Errorf("resource %s has no identity", name)
		}
		for _, a := range id.IdentityAttributes {
			if a.Description == "" || !a.RequiredForImport {
				t.Errorf("%s: identity attribute %s has no description or is not required for import", name, a.Name)
			}
		}
		if _, ok := resp.ListResourceSchemas[name]; !ok {
			t.Errorf("resource %s has no list resource", name)
		}
	}
	if len(resp.ListResourceSchemas) != len(resp.ResourceSchemas) {
		t.Errorf("%d list resources for %d resources", len(resp.ListResourceSchemas), len(resp.ResourceSchemas))
	}
	for name, s := range resp.ListResourceSchemas {
		checkDescriptions(t, "list."+name, s)
	}
	if len(resp.ActionSchemas) == 0 {
		t.Error("no actions")
	}
	for name, s := range resp.ActionSchemas {
		checkDescriptions(t, "action."+name, s.Schema)
	}
	var names []string
	for name, f := range resp.Functions {
		names = append(names, name)
		if f.Summary == "" || f.Description == "" {
			t.Errorf("function %s has no summary or description", name)
		}
	}
	for _, want := range []string{"github_actions_environment_subject", "federation_subject_check", "service_principal_secret_import_id_parse"} {
		if !slices.Contains(names, want) {
			t.Errorf("no function %s among %v", want, names)
		}
	}
}
