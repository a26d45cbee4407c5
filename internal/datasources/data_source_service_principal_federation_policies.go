package datasources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

// NewServicePrincipalFederationPoliciesDataSource is the factory registered with the provider.
var NewServicePrincipalFederationPoliciesDataSource = newList(&listSpec{
	typeName:             "_service_principal_federation_policies",
	description:          "Lists every federation policy of a service principal (all pages).",
	args:                 servicePrincipalArg(descServicePrincipalID),
	attribute:            "policies",
	attributeDescription: "The service principal's federation policies, in the order the API returns them.",
	item:                 models.FederationPolicyDataSourceAttributes,
	list: func(ctx context.Context, c *client.Client, cfg tfsdk.Config, diags *diag.Diagnostics) []map[string]attr.Value {
		sp, ok := servicePrincipalOf(ctx, cfg, diags)
		if !ok {
			return nil
		}
		// ListAll follows every page; ListByServicePrincipalId would return the first page only.
		return accountList(c, diags, fmt.Sprintf("Cannot list the federation policies of service principal %d", sp), func(a *databricks.AccountClient) ([]oauth2.FederationPolicy, error) {
			return a.ServicePrincipalFederationPolicy.ListAll(ctx, oauth2.ListServicePrincipalFederationPoliciesRequest{ServicePrincipalId: sp})
		}, func(p *oauth2.FederationPolicy) map[string]attr.Value {
			return models.FederationPolicyFromSDK(ctx, p, models.FederationPolicy{}, diags).Attributes()
		})
	},
})
