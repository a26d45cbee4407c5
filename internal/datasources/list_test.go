package datasources

import (
	"context"
	"testing"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// The list data sources build their objects from the models' Attributes() instead of
// the framework's reflection over the tfsdk tags: both must give the same object, for
// the item schema each data source declares.
func TestModelAttributesMatchTheirTags(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	policy := &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440}
	app := models.CustomAppIntegrationFromSDK(ctx, &oauth2.GetCustomAppIntegrationOutput{
		IntegrationId: "i", ClientId: "c", Name: "n", Confidential: true, RedirectUrls: []string{"https://a", "https://b"},
		Scopes: []string{"all-apis"}, TokenAccessPolicy: policy, CreateTime: "t", CreatedBy: 7, CreatorUsername: "u",
	}, &diags)
	fed := models.FederationPolicyFromSDK(ctx, &oauth2.FederationPolicy{PolicyId: "p", Name: "n", Uid: "u", Description: "d",
		OidcPolicy: &oauth2.OidcFederationPolicy{Issuer: "https://i", Audiences: []string{"a"}, SubjectClaim: "sub"},
		CreateTime: "c", UpdateTime: "u"}, models.FederationPolicy{}, &diags)
	published := models.PublishedAppIntegrationFromSDK(&oauth2.GetPublishedAppIntegrationOutput{IntegrationId: "i", AppId: "a",
		Name: "n", TokenAccessPolicy: policy, CreateTime: "t", CreatedBy: 3})
	catalog := models.PublishedAppFromSDK(ctx, &oauth2.PublishedAppOutput{AppId: "a", ClientId: "c", Name: "n", Description: "d",
		RedirectUrls: []string{"http://localhost"}, Scopes: []string{"all-apis", "offline_access"}}, &diags)
	secret := models.ServicePrincipalSecretInfoFromSDK(oauth2.SecretInfo{Id: "s", SecretHash: "h", Status: "ACTIVE",
		CreateTime: "c", UpdateTime: "u", ExpireTime: "e"})
	if diags.HasError() {
		t.Fatal(diags)
	}
	for _, c := range []struct {
		name  string
		item  map[string]schema.Attribute
		model any
		attrs map[string]attr.Value
	}{
		{"custom app integration", models.CustomAppIntegrationDataSourceAttributes(), app, app.Attributes()},
		{"federation policy", models.FederationPolicyDataSourceAttributes(), fed, fed.Attributes()},
		{"published app integration", models.PublishedAppIntegrationDataSourceAttributes(), published, published.Attributes()},
		{"published app", models.PublishedAppDataSourceAttributes(), catalog, catalog.Attributes()},
		{"service principal secret", models.ServicePrincipalSecretInfoDataSourceAttributes(), secret, secret.Attributes()},
	} {
		t.Run(c.name, func(t *testing.T) {
			typ, ok := schema.NestedAttributeObject{Attributes: c.item}.Type().(types.ObjectType)
			if !ok {
				t.Fatal("the item is not an object type")
			}
			want, d := types.ObjectValueFrom(ctx, typ.AttrTypes, c.model)
			if d.HasError() {
				t.Fatal(d)
			}
			got, d := types.ObjectValue(typ.AttrTypes, c.attrs)
			if d.HasError() {
				t.Fatal(d)
			}
			if !got.Equal(want) {
				t.Errorf("Attributes() gives\n%s\nthe tags give\n%s", got, want)
			}
		})
	}
}
