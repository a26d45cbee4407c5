package datasources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var _ datasource.DataSourceWithConfigure = (*servicePrincipalSecretsDataSource)(nil)

// NewServicePrincipalSecretsDataSource is the factory registered with the provider.
func NewServicePrincipalSecretsDataSource() datasource.DataSource {
	return &servicePrincipalSecretsDataSource{}
}

type servicePrincipalSecretsDataSource struct{ client *client.Client }

type servicePrincipalSecretsModel struct {
	ServicePrincipalID types.Int64                         `tfsdk:"service_principal_id"`
	Secrets            []models.ServicePrincipalSecretInfo `tfsdk:"secrets"`
}

func (d *servicePrincipalSecretsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_secrets"
}

func (d *servicePrincipalSecretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OAuth secrets of a service principal (all pages): their metadata only, " +
			"never the secret values, which the API returns only when a secret is created. Works with the " +
			"account API (`account_id` configured) and with the workspace-level proxy API (no `account_id`).",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.Int64Attribute{Required: true,
				MarkdownDescription: models.DescSecretServicePrincipalID,
				Validators:          []validator.Int64{int64validator.AtLeast(1)}},
			"secrets": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The service principal's secrets, in the order the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: models.ServicePrincipalSecretInfoDataSourceAttributes()}},
		},
	}
}

func (d *servicePrincipalSecretsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *servicePrincipalSecretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m servicePrincipalSecretsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sp := m.ServicePrincipalID.ValueInt64()
	all, err := d.client.ListSecrets(ctx, sp)
	if client.IsMissing(err) {
		resp.Diagnostics.AddAttributeError(path.Root("service_principal_id"), "Service principal not found",
			fmt.Sprintf("Service principal %d does not exist (in workspace mode: or is not assigned to this workspace), "+
				"or `host` or `account_id` is wrong. `service_principal_id` is the numeric SCIM id, not the application "+
				"(client) id. The server said: %s", sp, client.Describe(err)))
		return
	}
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot list the OAuth secrets of service principal %d", sp), err)
		return
	}
	m.Secrets = make([]models.ServicePrincipalSecretInfo, 0, len(all))
	for _, s := range all {
		m.Secrets = append(m.Secrets, models.ServicePrincipalSecretInfoFromSDK(s))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
