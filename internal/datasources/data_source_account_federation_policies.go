package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// NewAccountFederationPoliciesDataSource is the factory registered with the provider.
var NewAccountFederationPoliciesDataSource = newList(&listSpec{
	typeName: "_account_federation_policies",
	description: "Lists every account federation policy (all pages). Service principal federation " +
		"policies are not included: see `databricksoauth_service_principal_federation_policies`.",
	attribute:            "policies",
	attributeDescription: "The account federation policies, in the order the API returns them.",
	item:                 models.FederationPolicyDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, _ tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		return accountList(c, diags, "Cannot list account federation policies", func(a *databricks.AccountClient) ([]oauth2.FederationPolicy, error) {
			return a.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{})
		}, func(p *oauth2.FederationPolicy) map[string]attr.Value {
			return models.FederationPolicyFromSDK(ctx, p, models.FederationPolicy{}, diags).Attributes()
		})
	},
})
