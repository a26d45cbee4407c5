package datasources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*servicePrincipalFederationPoliciesDataSource)(nil)

// NewServicePrincipalFederationPoliciesDataSource is the factory registered with the provider.
func NewServicePrincipalFederationPoliciesDataSource() datasource.DataSource {
	return &servicePrincipalFederationPoliciesDataSource{}
}

type servicePrincipalFederationPoliciesDataSource struct{ client *client.Client }

type servicePrincipalFederationPoliciesModel struct {
	ServicePrincipalID types.Int64               `tfsdk:"service_principal_id"`
	Policies           []models.FederationPolicy `tfsdk:"policies"`
}

func (d *servicePrincipalFederationPoliciesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_federation_policies"
}

func (d *servicePrincipalFederationPoliciesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every federation policy of a service principal (all pages).",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.Int64Attribute{Required: true, MarkdownDescription: descServicePrincipalID,
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"policies": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The service principal's federation policies, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.FederationPolicyDataSourceAttributes()}},
		},
	}
}

func (d *servicePrincipalFederationPoliciesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *servicePrincipalFederationPoliciesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m servicePrincipalFederationPoliciesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sp := m.ServicePrincipalID.ValueInt64()
	// ListAll follows every page; ListByServicePrincipalId would return the first page only.
	all, err := a.ServicePrincipalFederationPolicy.ListAll(ctx, oauth2.ListServicePrincipalFederationPoliciesRequest{ServicePrincipalId: sp})
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot list the federation policies of service principal %d", sp), err)
		return
	}
	m.Policies = make([]models.FederationPolicy, 0, len(all))
	for i := range all {
		m.Policies = append(m.Policies, models.FederationPolicyFromSDK(ctx, &all[i], models.FederationPolicy{}, &resp.Diagnostics))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
