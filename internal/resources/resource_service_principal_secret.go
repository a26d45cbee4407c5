package resources

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var (
	_ resource.Resource                   = (*servicePrincipalSecretResource)(nil)
	_ resource.ResourceWithConfigure      = (*servicePrincipalSecretResource)(nil)
	_ resource.ResourceWithImportState    = (*servicePrincipalSecretResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*servicePrincipalSecretResource)(nil)
	_ resource.ResourceWithValidateConfig = (*servicePrincipalSecretResource)(nil)
)

// NewServicePrincipalSecretResource is the factory registered with the provider.
func NewServicePrincipalSecretResource() resource.Resource { return &servicePrincipalSecretResource{} }

type servicePrincipalSecretResource struct{ client *client.Client }

// servicePrincipalSecretModel is the resource's state: the inputs, the value (known
// only from create) and the metadata the list API returns.
type servicePrincipalSecretModel struct {
	ServicePrincipalID types.Int64  `tfsdk:"service_principal_id"`
	Lifetime           types.String `tfsdk:"lifetime"`
	EarlyRenewalHours  types.Int64  `tfsdk:"early_renewal_hours"`
	Secret             types.String `tfsdk:"secret"`
	models.ServicePrincipalSecretInfo
}

// maxSecretLifetimeSeconds is the API's default and maximum lifetime (730 days).
const maxSecretLifetimeSeconds = 63072000

func (r *servicePrincipalSecretResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_secret"
}

func (r *servicePrincipalSecretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// The secret never changes on the server once created (there is no update API),
	// so every computed value is kept from state until the secret is replaced.
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An OAuth secret of a Databricks service principal, for machine-to-machine OAuth " +
			"(the `client_secret` that goes with the service principal's application id).\n\n" +
			"With `account_id` configured the account API is used; without it, the workspace-level proxy API, " +
			"in which case the service principal must be assigned to the workspace.\n\n" +
			"**The secret value is stored in the Terraform state** (as a sensitive value); protect the state " +
			"accordingly. For short-lived credentials that never land in state, use the " +
			"`databricksoauth_service_principal_secret` ephemeral resource instead.\n\n" +
			"The API returns the value only when the secret is created: it is null after `terraform import`. " +
			"A secret that was deleted or has expired on the server is removed from state on refresh, so the " +
			"next plan creates a new one.\n\n" +
			"**Rotation:** set `early_renewal_hours` and run plans regularly (e.g. a scheduled pipeline): once " +
			"the secret expires within that many hours, the plan replaces it. Terraform's `replace_triggered_by` " +
			"with a `time_rotating` resource works too. For zero-downtime rotation add " +
			"`lifecycle { create_before_destroy = true }`, so the new secret exists before the old one is " +
			"deleted; this needs a free slot, as a service principal can hold at most 5 secrets.\n\n" +
			"**Failed or retried creates.** The API has no idempotency key. If the Databricks SDK re-sends a create " +
			"after an answer that may hide success (e.g. a 503), the provider looks for other secrets of the service " +
			"principal created during the request and names them, with the command that deletes them, in a warning. " +
			"If a create fails in a way that may hide success (a 500, a dropped connection, an unreadable answer), " +
			"the error names any secret created during the request with the delete command: its value was only in " +
			"the lost answer, so it cannot be adopted. The provider never deletes what it finds.\n\n" +
			"Import with `<service_principal_id>/<secret_id>`.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: models.DescSecretServicePrincipalID + " Changing it replaces the secret.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"lifetime": schema.StringAttribute{
				// Computed as well, so that an imported secret gets the lifetime it was
				// created with (expire_time - create_time) and a matching configuration
				// does not replace it.
				Optional: true,
				Computed: true,
				MarkdownDescription: models.DescSecretLifetime + " Defaults to the server's default and maximum, " +
					"730 days. Changing it replaces the secret; removing it keeps the current secret. After an import it " +
					"is derived from `create_time` and `expire_time`.",
				Validators:    []validator.String{lifetimeValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"early_renewal_hours": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "If set, a plan made when the secret expires within this many hours replaces " +
					"it, so that a regularly run pipeline rotates the credential before it expires. Must be " +
					"below the lifetime in hours, or every plan replaces the secret. Changing it does not " +
					"replace the secret.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"id": computed(models.DescSecretID),
			"secret": schema.StringAttribute{Computed: true, Sensitive: true, PlanModifiers: keep,
				MarkdownDescription: models.DescSecretValue + " Kept from state afterwards; null after an import."},
			"secret_hash": computed(models.DescSecretHash),
			"status":      computed(models.DescSecretStatus),
			"create_time": computed(models.DescSecretCreateTime),
			"update_time": computed(models.DescSecretUpdateTime),
			"expire_time": computed(models.DescSecretExpireTime),
		},
	}
}

func (r *servicePrincipalSecretResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig warns about an early renewal window as long as the lifetime: every
// new secret would already be inside it, so every plan would replace the secret.
func (r *servicePrincipalSecretResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m servicePrincipalSecretModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.EarlyRenewalHours.IsNull() || m.EarlyRenewalHours.IsUnknown() || m.Lifetime.IsUnknown() {
		return
	}
	lifetime := int64(maxSecretLifetimeSeconds)
	if !m.Lifetime.IsNull() {
		var ok bool
		if lifetime, ok = parseLifetime(m.Lifetime.ValueString()); !ok {
			return // the attribute validator reports it
		}
	}
	if hours := m.EarlyRenewalHours.ValueInt64(); hours > 0 && hours*3600 >= lifetime {
		resp.Diagnostics.AddAttributeWarning(path.Root("early_renewal_hours"), "Secret is renewed on every plan",
			fmt.Sprintf("early_renewal_hours (%d) is not below the secret's lifetime (%d seconds): every new secret "+
				"already expires within the renewal window, so every plan replaces it.", hours, lifetime))
	}
}

func (r *servicePrincipalSecretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan servicePrincipalSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sp := plan.ServicePrincipalID.ValueInt64()
	// A null lifetime is planned as unknown (the attribute is computed); both mean
	// "server default", which the SDK sends as `{}`.
	lifetime := ""
	if !plan.Lifetime.IsUnknown() {
		lifetime = plan.Lifetime.ValueString()
	}
	out, ok := createSecretChecked(ctx, r.client, sp, lifetime, &resp.Diagnostics)
	if !ok {
		return
	}
	// Everything is in the create answer: save it at once, so the value, which the
	// API never returns again, is in state before anything else can fail.
	plan.Secret = models.StringOrNull(out.Secret)
	plan.ServicePrincipalSecretInfo = models.ServicePrincipalSecretInfoFromCreate(out)
	if plan.Lifetime.IsUnknown() {
		plan.Lifetime = lifetimeOf(plan.CreateTime, plan.ExpireTime)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *servicePrincipalSecretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var st servicePrincipalSecretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sp, id := st.ServicePrincipalID.ValueInt64(), st.ID.ValueString()
	all, err := r.client.ListSecrets(ctx, sp)
	if client.IsMissing(err) {
		// The service principal is gone, and its secrets with it.
		tflog.Info(ctx, "Service principal not found; removing its secret from state", map[string]any{"service_principal_id": sp, "id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot list the OAuth secrets of service principal %d", sp), err)
		return
	}
	found := findSecret(all, id)
	if found == nil {
		tflog.Info(ctx, "Secret not found; removing it from state", map[string]any{"service_principal_id": sp, "id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if secretExpired(found.ExpireTime, time.Now()) {
		tflog.Info(ctx, "Secret has expired; removing it from state", map[string]any{"service_principal_id": sp, "id": id, "expire_time": found.ExpireTime})
		resp.State.RemoveResource(ctx)
		return
	}
	st.ServicePrincipalSecretInfo = models.ServicePrincipalSecretInfoFromSDK(*found)
	if st.Lifetime.IsNull() {
		st.Lifetime = lifetimeOf(st.CreateTime, st.ExpireTime) // after an import
	}
	// st.Secret stays as it was: the list API never returns the value.
	resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
}

// Update only ever changes early_renewal_hours (every other input replaces the
// secret), which lives in Terraform alone: nothing is sent to the server.
func (r *servicePrincipalSecretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, st servicePrincipalSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	st.EarlyRenewalHours = plan.EarlyRenewalHours
	resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
}

func (r *servicePrincipalSecretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st servicePrincipalSecretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sp, id := st.ServicePrincipalID.ValueInt64(), st.ID.ValueString()
	err := r.client.DeleteSecret(ctx, sp, id)
	if err != nil && !client.IsMissing(err) {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot delete OAuth secret %s of service principal %d", id, sp), err)
	}
}

// ModifyPlan replaces the secret when early_renewal_hours is set and the secret
// expires within that many hours of now. expire_time is marked unknown and named as
// the replacement path (Terraform only replaces for a path whose value changes);
// the other computed values are unknown too, as they all belong to the new secret.
func (r *servicePrincipalSecretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create or destroy
	}
	var hours types.Int64
	var expire types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("early_renewal_hours"), &hours)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("expire_time"), &expire)...)
	if resp.Diagnostics.HasError() || hours.IsNull() || hours.IsUnknown() || expire.IsNull() {
		return
	}
	expireAt, err := time.Parse(time.RFC3339, expire.ValueString())
	if err != nil {
		tflog.Warn(ctx, "Cannot parse expire_time; early renewal skipped", map[string]any{"expire_time": expire.ValueString(), "error": err.Error()})
		return
	}
	renewAt := expireAt.Add(-time.Duration(hours.ValueInt64()) * time.Hour)
	if time.Now().Before(renewAt) {
		return
	}
	tflog.Info(ctx, "Secret expires within early_renewal_hours; planning a replacement",
		map[string]any{"expire_time": expire.ValueString(), "early_renewal_hours": hours.ValueInt64()})
	for _, name := range []string{"id", "secret", "secret_hash", "status", "create_time", "update_time", "expire_time"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("expire_time"))
}

// ImportState takes `<service_principal_id>/<secret_id>`. Read then fills in the
// metadata and the lifetime; the value stays null (the API never returns it again).
func (r *servicePrincipalSecretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	sp, id, err := ParseServicePrincipalChildID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			"Expected <service_principal_id>/<secret_id>, e.g. 1234567/0a1b2c3d..., where service_principal_id is "+
				"the numeric SCIM id of the service principal: "+err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("service_principal_id"), sp)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

func findSecret(all []oauth2.SecretInfo, id string) *oauth2.SecretInfo {
	for i := range all {
		if all[i].Id == id {
			return &all[i]
		}
	}
	return nil
}

// secretExpired reports whether an RFC 3339 expire_time lies before now. An empty
// expire_time means the secret never expires; an unreadable one is not guessed at.
func secretExpired(expire string, now time.Time) bool {
	if expire == "" {
		return false
	}
	t, err := time.Parse(time.RFC3339, expire)
	return err == nil && t.Before(now)
}

// lifetimeOf derives the lifetime a secret was created with from its create and
// expire times, rounded to whole seconds; null if either is missing or unreadable.
func lifetimeOf(create, expire types.String) types.String {
	c, err1 := time.Parse(time.RFC3339, create.ValueString())
	e, err2 := time.Parse(time.RFC3339, expire.ValueString())
	if err1 != nil || err2 != nil {
		return types.StringNull()
	}
	secs := int64(math.Round(e.Sub(c).Seconds()))
	if secs < 1 {
		return types.StringNull()
	}
	return types.StringValue(fmt.Sprintf("%ds", secs))
}

// lifetimeRe is a whole number of seconds with an `s` suffix, without leading zeros
// (so that equal lifetimes are equal strings).
var lifetimeRe = regexp.MustCompile(`^[1-9][0-9]*s$`)

// parseLifetime returns the seconds of a valid lifetime string.
func parseLifetime(s string) (int64, bool) {
	if !lifetimeRe.MatchString(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(s, "s"), 10, 64)
	if err != nil || n > maxSecretLifetimeSeconds {
		return 0, false
	}
	return n, true
}

// lifetimeValidator checks a secret lifetime at plan time, so that a bad value never
// reaches the API. No stock validator combines the format with the numeric range.
type lifetimeValidator struct{}

func (lifetimeValidator) Description(context.Context) string {
	return fmt.Sprintf(`a whole number of seconds with an "s" suffix, from "1s" to "%ds"`, maxSecretLifetimeSeconds)
}

func (v lifetimeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v lifetimeValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, ok := parseLifetime(req.ConfigValue.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid secret lifetime",
			fmt.Sprintf("lifetime must be %s (730 days), e.g. \"7776000s\" for 90 days; got %q.",
				v.Description(ctx), req.ConfigValue.ValueString()))
	}
}
