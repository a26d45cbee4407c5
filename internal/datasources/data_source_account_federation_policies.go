package datasources

import (
	"context"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*accountFederationPoliciesDataSource)(nil)

// NewAccountFederationPoliciesDataSource is the factory registered with the provider.
func NewAccountFederationPoliciesDataSource() datasource.DataSource {
	return &accountFederationPoliciesDataSource{}
}

type accountFederationPoliciesDataSource struct{ client *client.Client }

type accountFederationPoliciesModel struct {
	Policies []models.FederationPolicy `tfsdk:"policies"`
}

func (d *accountFederationPoliciesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_federation_policies"
}

func (d *accountFederationPoliciesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every account federation policy (all pages). Service principal federation " +
			"policies are not included: see `databricksoauth_service_principal_federation_policies`.",
		Attributes: map[string]schema.Attribute{
			"policies": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The account federation policies, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.FederationPolicyDataSourceAttributes()}},
		},
	}
}

func (d *accountFederationPoliciesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *accountFederationPoliciesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := a.FederationPolicy.ListAll(ctx, oauth2.ListAccountFederationPoliciesRequest{})
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot list account federation policies", err)
		return
	}
	m := accountFederationPoliciesModel{Policies: make([]models.FederationPolicy, 0, len(all))}
	for i := range all {
		m.Policies = append(m.Policies, models.FederationPolicyFromSDK(ctx, &all[i], models.FederationPolicy{}, &resp.Diagnostics))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
