package datasources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*servicePrincipalFederationPolicyDataSource)(nil)

// NewServicePrincipalFederationPolicyDataSource is the factory registered with the provider.
func NewServicePrincipalFederationPolicyDataSource() datasource.DataSource {
	return &servicePrincipalFederationPolicyDataSource{}
}

type servicePrincipalFederationPolicyDataSource struct{ client *client.Client }

type servicePrincipalFederationPolicyModel struct {
	ServicePrincipalID types.Int64 `tfsdk:"service_principal_id"`
	models.FederationPolicy
}

// descServicePrincipalID describes service_principal_id in the federation policy data sources.
const descServicePrincipalID = "The numeric (SCIM) id of the service principal the policies belong to."

func (d *servicePrincipalFederationPolicyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_federation_policy"
}

func (d *servicePrincipalFederationPolicyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := models.FederationPolicyDataSourceAttributes()
	attrs["policy_id"] = schema.StringAttribute{Required: true, MarkdownDescription: models.DescPolicyID,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	attrs["service_principal_id"] = schema.Int64Attribute{Required: true, MarkdownDescription: descServicePrincipalID,
		Validators: []validator.Int64{int64validator.AtLeast(1)}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one federation policy of a service principal.",
		Attributes:          attrs,
	}
}

func (d *servicePrincipalFederationPolicyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *servicePrincipalFederationPolicyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg servicePrincipalFederationPolicyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sp, id := cfg.ServicePrincipalID.ValueInt64(), cfg.PolicyID.ValueString()
	got, err := a.ServicePrincipalFederationPolicy.GetByServicePrincipalIdAndPolicyId(ctx, sp, id)
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot read federation policy %s of service principal %d", id, sp), err)
		return
	}
	m := servicePrincipalFederationPolicyModel{
		ServicePrincipalID: cfg.ServicePrincipalID,
		FederationPolicy:   models.FederationPolicyFromSDK(ctx, got, models.FederationPolicy{}, &resp.Diagnostics),
	}
	m.PolicyID = cfg.PolicyID
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
