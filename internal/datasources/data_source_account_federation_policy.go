package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*accountFederationPolicyDataSource)(nil)

// NewAccountFederationPolicyDataSource is the factory registered with the provider.
func NewAccountFederationPolicyDataSource() datasource.DataSource {
	return &accountFederationPolicyDataSource{}
}

type accountFederationPolicyDataSource struct{ client *client.Client }

func (d *accountFederationPolicyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_federation_policy"
}

func (d *accountFederationPolicyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := models.FederationPolicyDataSourceAttributes()
	attrs["policy_id"] = schema.StringAttribute{Required: true, MarkdownDescription: models.DescPolicyID,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one account federation policy by its policy id.",
		Attributes:          attrs,
	}
}

func (d *accountFederationPolicyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *accountFederationPolicyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg models.FederationPolicy
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	a := d.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.PolicyID.ValueString()
	got, err := a.FederationPolicy.GetByPolicyId(ctx, id)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot read account federation policy "+id, err)
		return
	}
	m := models.FederationPolicyFromSDK(ctx, got, models.FederationPolicy{}, &resp.Diagnostics)
	m.PolicyID = cfg.PolicyID
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
