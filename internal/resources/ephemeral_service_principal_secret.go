package resources

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var (
	_ ephemeral.EphemeralResource              = (*servicePrincipalSecretEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*servicePrincipalSecretEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithClose     = (*servicePrincipalSecretEphemeral)(nil)
)

// NewServicePrincipalSecretEphemeralResource is the factory registered with the provider.
func NewServicePrincipalSecretEphemeralResource() ephemeral.EphemeralResource {
	return &servicePrincipalSecretEphemeral{}
}

type servicePrincipalSecretEphemeral struct{ client *client.Client }

type servicePrincipalSecretEphemeralModel struct {
	ServicePrincipalID types.Int64  `tfsdk:"service_principal_id"`
	Lifetime           types.String `tfsdk:"lifetime"`
	ID                 types.String `tfsdk:"id"`
	Secret             types.String `tfsdk:"secret"`
	ExpireTime         types.String `tfsdk:"expire_time"`
}

// defaultEphemeralLifetime is short: Close may never run if Terraform is killed, and
// then the API's expiry is what removes the secret.
const defaultEphemeralLifetime = "3600s"

// ephemeralSecretPrivateKey names the private data Open hands to Close.
const ephemeralSecretPrivateKey = "secret"

// ephemeralSecretPrivate is what Close needs to delete the secret.
type ephemeralSecretPrivate struct {
	ServicePrincipalID int64  `json:"service_principal_id"`
	ID                 string `json:"id"`
}

func (e *servicePrincipalSecretEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_secret"
}

func (e *servicePrincipalSecretEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A short-lived OAuth secret of a Databricks service principal that never lands in the " +
			"Terraform plan or state (Terraform 1.10 or later). The secret is created when Terraform opens the " +
			"ephemeral resource (in each plan and apply that needs it) and deleted when Terraform closes it. If " +
			"Terraform is interrupted before closing it, the secret stays until its `lifetime` runs out, so keep " +
			"the lifetime short.\n\n" +
			"Each open uses one of the service principal's at most 5 secret slots while it lasts. For a " +
			"long-lived secret kept in state, use the `databricksoauth_service_principal_secret` resource.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: models.DescSecretServicePrincipalID,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"lifetime": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: models.DescSecretLifetime + " Defaults to `\"" + defaultEphemeralLifetime + "\"` (one hour).",
				Validators:          []validator.String{lifetimeValidator{}},
			},
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: models.DescSecretID},
			"secret":      schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: models.DescSecretValue},
			"expire_time": schema.StringAttribute{Computed: true, MarkdownDescription: models.DescSecretExpireTime},
		},
	}
}

func (e *servicePrincipalSecretEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (e *servicePrincipalSecretEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m servicePrincipalSecretEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The default is in the request only: the result keeps the configured null.
	lifetime := models.SecretLifetimeToSDK(m.Lifetime, defaultEphemeralLifetime)
	sp := m.ServicePrincipalID.ValueInt64()
	out, ok := createSecretChecked(ctx, e.client, sp, lifetime, &resp.Diagnostics)
	if !ok {
		return
	}
	tflog.Debug(ctx, "Opened ephemeral service principal secret", map[string]any{"service_principal_id": sp, "id": out.Id})

	// Record what Close needs before anything else can fail. If this fails, the
	// secret would be orphaned (Close is not called without private data), so
	// delete it now.
	private, err := json.Marshal(ephemeralSecretPrivate{ServicePrincipalID: sp, ID: out.Id})
	if err == nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, ephemeralSecretPrivateKey, private)...)
	} else {
		resp.Diagnostics.AddError("Cannot record the ephemeral secret for closing", err.Error())
	}
	if resp.Diagnostics.HasError() {
		if derr := deleteSecret(ctx, e.client, sp, out.Id); derr != nil {
			client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot delete OAuth secret %s of service principal %d", out.Id, sp), derr)
		}
		return
	}

	m.ID = types.StringValue(out.Id)
	m.Secret = types.StringValue(out.Secret)
	m.ExpireTime = models.StringOrNull(out.ExpireTime)
	resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
}

// Close deletes the secret Open created; one already gone counts as deleted.
func (e *servicePrincipalSecretEphemeral) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, ephemeralSecretPrivateKey)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if raw == nil {
		tflog.Warn(ctx, "No private data for the ephemeral secret; nothing to delete")
		return
	}
	var p ephemeralSecretPrivate
	if err := json.Unmarshal(raw, &p); err != nil {
		resp.Diagnostics.AddError("Cannot read the ephemeral secret's private data",
			"The secret cannot be deleted and stays until its lifetime runs out: "+err.Error())
		return
	}
	if err := deleteSecret(ctx, e.client, p.ServicePrincipalID, p.ID); err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot delete OAuth secret %s of service principal %d", p.ID, p.ServicePrincipalID), err)
		return
	}
	tflog.Debug(ctx, "Closed ephemeral service principal secret", map[string]any{"service_principal_id": p.ServicePrincipalID, "id": p.ID})
}
