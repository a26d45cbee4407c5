package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The provider's schemas must be valid for Terraform: GetProviderSchema through the
// real protocol server returns no diagnostics.
func TestProviderSchemaIsValid(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("1.2.3")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	if len(resp.ResourceSchemas) == 0 || len(resp.DataSourceSchemas) == 0 {
		t.Fatalf("no resources or data sources registered")
	}
	checkDescriptions(t, "provider", resp.Provider)
	for name, s := range resp.ResourceSchemas {
		checkDescriptions(t, name, s)
	}
	for name, s := range resp.DataSourceSchemas {
		checkDescriptions(t, "data."+name, s)
	}
	for name, s := range resp.EphemeralResourceSchemas {
		checkDescriptions(t, "ephemeral."+name, s)
	}
}

// checkDescriptions fails on any object or attribute without a description: the
// registry docs are generated from them.
func checkDescriptions(t *testing.T, name string, s *tfprotov6.Schema) {
	t.Helper()
	if s.Block.Description == "" {
		t.Errorf("%s has no description", name)
	}
	var walk func(prefix string, attrs []*tfprotov6.SchemaAttribute)
	walk = func(prefix string, attrs []*tfprotov6.SchemaAttribute) {
		for _, a := range attrs {
			if strings.TrimSpace(a.Description) == "" {
				t.Errorf("%s: attribute %s%s has no description", name, prefix, a.Name)
			}
			if a.NestedType != nil {
				walk(prefix+a.Name+".", a.NestedType.Attributes)
			}
		}
	}
	walk("", s.Block.Attributes)
}

// Secrets must be marked sensitive wherever they appear.
func TestSecretAttributesAreSensitive(t *testing.T) {
	srv, _ := providerserver.NewProtocol6WithError(New("1.2.3")())()
	resp, _ := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	all := map[string]*tfprotov6.Schema{"provider": resp.Provider}
	for n, s := range resp.ResourceSchemas {
		all[n] = s
	}
	for n, s := range resp.EphemeralResourceSchemas {
		all["ephemeral."+n] = s
	}
	for n, s := range resp.DataSourceSchemas {
		all["data."+n] = s
	}
	secretNames := map[string]bool{"token": true, "client_secret": true, "azure_client_secret": true, "secret": true}
	for name, s := range all {
		for _, a := range s.Block.Attributes {
			if secretNames[a.Name] && !a.Sensitive {
				t.Errorf("%s.%s holds a secret but is not sensitive", name, a.Name)
			}
		}
	}
}

func TestRegisteredTypesHaveProviderPrefix(t *testing.T) {
	p := as[provider.ProviderWithEphemeralResources](t, New("1.2.3")())
	ctx := context.Background()
	for _, f := range p.Resources(ctx) {
		var r resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "databricksoauth"}, &r)
		if !strings.HasPrefix(r.TypeName, "databricksoauth_") {
			t.Errorf("resource type %q", r.TypeName)
		}
	}
	for _, f := range p.DataSources(ctx) {
		var r datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "databricksoauth"}, &r)
		if !strings.HasPrefix(r.TypeName, "databricksoauth_") {
			t.Errorf("data source type %q", r.TypeName)
		}
	}
	for _, f := range p.EphemeralResources(ctx) {
		var r ephemeral.MetadataResponse
		f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "databricksoauth"}, &r)
		if !strings.HasPrefix(r.TypeName, "databricksoauth_") {
			t.Errorf("ephemeral type %q", r.TypeName)
		}
	}
}

func TestUserAgentVersion(t *testing.T) {
	for in, want := range map[string]string{"1.2.3": "1.2.3", "0.1.0-beta.1": "0.1.0-beta.1", "dev": "0.0.0-dev", "": "0.0.0-dev"} {
		if got := userAgentVersion(in); got != want {
			t.Errorf("userAgentVersion(%q) = %q, want %q", in, got, want)
		}
	}
}
