package resources

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
			"in which case the service principal must be assigned to the workspace. The API returns the value only " +
			"when the secret is created: it is null after `terraform import`. " +
			"A secret that was deleted or has expired on the server is removed from state on refresh, so the next " +
			"plan creates a new one.",
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
	if r.client.ServerNow().Before(renewAt) {
		return
	}
	tflog.Info(ctx, "Secret expires within early_renewal_hours; planning a replacement",
		map[string]any{"expire_time": expire.ValueString(), "early_renewal_hours": hours.ValueInt64()})
	// Terraform's own text says only "forces replacement" (of expire_time, a computed
	// value): say why, with the window and the expiry.
	var id types.String
	var sp types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("service_principal_id"), &sp)...)
	resp.Diagnostics.AddAttributeWarning(path.Root("early_renewal_hours"), "Secret renewed: it expires within early_renewal_hours",
		fmt.Sprintf("OAuth secret %s of service principal %d expires at %s. early_renewal_hours = %d renews it from %s "+
			"on (that many hours before it expires), so this plan replaces it with a new secret. Without "+
			"`lifecycle { create_before_destroy = true }` the old secret is deleted first, and whatever uses it fails "+
			"until it has the new value.",
			id.ValueString(), sp.ValueInt64(), expireAt.UTC().Format(time.RFC3339), hours.ValueInt64(), renewAt.UTC().Format(time.RFC3339)))
	for _, name := range []string{"id", "secret", "secret_hash", "status", "create_time", "update_time", "expire_time"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("expire_time"))
}

func (r *servicePrincipalSecretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan servicePrincipalSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	sp := plan.ServicePrincipalID.ValueInt64()
	// No lifetime means the server's default, which the SDK sends as `{}`.
	out, ok := createSecretChecked(ctx, r.client, sp, models.SecretLifetimeToSDK(plan.Lifetime, ""), &resp.Diagnostics)
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
	if !managedObject(ctx, r.client, req.State, req.Private, "OAuth secret", &st, &resp.Diagnostics) {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	sp, id := st.ServicePrincipalID.ValueInt64(), st.ID.ValueString()
	all, err := r.client.ListSecrets(ctx, sp)
	if err != nil {
		// Even a 404 keeps the state: the listing of a principal's secrets answers 404
		// for a wrong account id or a wrong workspace as well as for a deleted principal,
		// and only its answer can prove a secret gone.
		readSecretsError(r.client, &resp.Diagnostics, sp, err)
		return
	}
	found := findSecret(all, id)
	if found == nil {
		tflog.Info(ctx, "Secret not found; removing it from state", map[string]any{"service_principal_id": sp, "id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	// The server's clock decides: a local clock ahead of it would drop a live secret.
	if secretExpired(found.ExpireTime, r.client.ServerNow()) {
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
	if !managedObject(ctx, r.client, req.State, req.Private, "OAuth secret", &st, &resp.Diagnostics) {
		return
	}
	st.EarlyRenewalHours = plan.EarlyRenewalHours
	resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
}

func (r *servicePrincipalSecretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st servicePrincipalSecretModel
	if !managedObject(ctx, r.client, req.State, req.Private, "OAuth secret", &st, &resp.Diagnostics) {
		return
	}
	sp, id := st.ServicePrincipalID.ValueInt64(), st.ID.ValueString()
	if err := deleteSecret(ctx, r.client, sp, id); err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot delete OAuth secret %s of service principal %d", id, sp), err)
	}
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
	if bad := checkImportID(secretIDRe, id, "secret id", "`1234567/0a1b2c3d...`"); bad != "" {
		resp.Diagnostics.AddError("Invalid import id", bad)
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

// ---- Creating a secret (the resource and the ephemeral resource), and finding what a
// retried or lost create made: secrets are found by service principal.

const kindSecret = "service_principal_secret"

// createSecretChecked creates a secret. It returns ok only with a usable answer (an
// id and a value), and reports twins made by a retried request as a warning. On
// failure the diagnostics say whether a secret may have been created anyway, and which.
func createSecretChecked(ctx context.Context, c *client.Client, sp int64, lifetime string, diags *diag.Diagnostics) (*oauth2.CreateServicePrincipalSecretResponse, bool) {
	out, sent := sendCreate(ctx, c,
		func(ctx context.Context) (*oauth2.CreateServicePrincipalSecretResponse, error) {
			return c.CreateSecret(ctx, sp, lifetime)
		},
		func(out *oauth2.CreateServicePrincipalSecretResponse) error {
			if out.Id == "" || out.Secret == "" {
				return errors.New("the server's answer to the create request has no secret id or no secret value")
			}
			return nil
		})
	switch sent.outcome {
	case createRefused:
		secretCreateError(ctx, c, diags, sp, sent.err)
		return nil, false
	case createUnknown:
		recoverLostSecret(ctx, c, sp, sent, diags)
		return nil, false
	}
	c.NoteCreated(kindSecret, out.Id)
	if sent.retried {
		twins, lerr := secretsCreatedIn(ctx, c, sp, sent.window, out.Id)
		switch {
		case lerr != nil:
			diags.AddWarning("Cannot check for duplicate OAuth secrets",
				fmt.Sprintf("The create request for an OAuth secret of service principal %d was retried after an answer "+
					"that may hide success, so it may have created more than one secret, but listing the principal's "+
					"secrets failed: %s\n\nLook for secrets other than %s created %s and delete the duplicates.",
					sp, client.Describe(lerr), out.Id, sent.window.describe()))
		case len(twins) > 0:
			diags.AddWarning(secretTwinsWarning(c, sp, out.Id, twins))
		}
	}
	return out, true
}

// recoverLostSecret explains a secret create whose outcome is unknown: the secrets
// created during the request are named (their values were only in the lost answer,
// so they cannot be adopted).
func recoverLostSecret(ctx context.Context, c *client.Client, sp int64, sent sentCreate, diags *diag.Diagnostics) {
	action := fmt.Sprintf("Cannot create an OAuth secret for service principal %d", sp)
	found, lerr := secretsCreatedIn(ctx, c, sp, sent.window)
	switch {
	case lerr != nil:
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the "+
			"principal's secrets to check failed too (%s). Look for a secret created %s (`%s`) and delete it: its "+
			"value was only in the lost answer.", client.Describe(sent.err), client.Describe(lerr), sent.window.describe(),
			secretListCommand(c, sp)))
	case len(found) == 0:
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, but no secret "+
			"of service principal %d created %s was found. If one shows up later, delete it: its value was only in the "+
			"lost answer. List the candidates with `%s`.", client.Describe(sent.err), sp, sent.window.describe(), secretListCommand(c, sp)))
	default:
		tflog.Warn(ctx, "A failed secret create left secrets behind", map[string]any{"service_principal_id": sp, "count": len(found)})
		diags.AddError(action, fmt.Sprintf("The create request failed (%s), but service principal %d now holds %d "+
			"secret(s) created during the request, most likely by it:\n\n%s\n"+
			"The API returns a secret's value only in the create answer, which was lost, so the provider cannot adopt "+
			"it: nobody can use it. Delete it (it also takes one of the principal's %d secret slots until it expires), "+
			"then apply again.", client.Describe(sent.err), sp, len(found), describeSecrets(c, sp, found), client.MaxSecretsPerPrincipal))
	}
}

// secretCreateError explains a refused secret create. The API's wording for the two
// common causes is not documented, so they are recognised by their effect: a
// not-found is an unknown principal, and any other refusal while the principal
// already holds the maximum number of secrets is the per-principal limit.
func secretCreateError(ctx context.Context, c *client.Client, diags *diag.Diagnostics, sp int64, err error) {
	action := fmt.Sprintf("Cannot create an OAuth secret for service principal %d", sp)
	if client.ObjectNotFound(err) {
		where := "in the account"
		if c != nil && c.Workspace() != nil {
			where = "in the account, or it is not assigned to this workspace (workspace mode uses the workspace-level proxy API)"
		}
		diags.AddAttributeError(path.Root("service_principal_id"), action,
			fmt.Sprintf("Service principal %d does not exist %s. `service_principal_id` is the numeric SCIM id of the "+
				"service principal, not its application (client) id. The server said: %s", sp, where, client.Describe(err)))
		return
	}
	if all, lerr := c.ListSecrets(ctx, sp); lerr == nil && len(all) >= client.MaxSecretsPerPrincipal {
		diags.AddError(action,
			fmt.Sprintf("Service principal %d already has %d OAuth secrets, the maximum the API allows. Delete an old "+
				"secret (or let it expire) before creating another. Note that replacing a secret with "+
				"`create_before_destroy` creates the new secret before deleting the old one, so it needs a free "+
				"slot under the limit of %d. The server said: %s", sp, len(all), client.MaxSecretsPerPrincipal, client.Describe(err)))
		return
	}
	client.AddError(diags, action, err)
}

// secretsCreatedIn lists the secrets of sp whose creation time lies in w, except
// those this run created and the ids in except. It lists afresh: a create drops the
// principal's cached listing.
func secretsCreatedIn(ctx context.Context, c *client.Client, sp int64, w serverWindow, except ...string) ([]oauth2.SecretInfo, error) {
	all, err := c.ListSecrets(ctx, sp)
	if err != nil {
		return nil, err
	}
	var out []oauth2.SecretInfo
	for _, s := range all {
		if !w.contains(s.CreateTime) || c.CreatedHere(kindSecret, s.Id) || slices.Contains(except, s.Id) {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

func secretListCommand(c *client.Client, sp int64) string {
	if c != nil && c.Workspace() != nil {
		return fmt.Sprintf("databricks service-principal-secrets-proxy list %d", sp)
	}
	return fmt.Sprintf("databricks account service-principal-secrets list %d", sp)
}

func secretDeleteCommand(c *client.Client, sp int64, id string) string {
	if c != nil && c.Workspace() != nil {
		return fmt.Sprintf("databricks service-principal-secrets-proxy delete %d %s\n"+
			"      (or DELETE /api/2.0/accounts/servicePrincipals/%d/credentials/secrets/%s on the workspace)", sp, id, sp, id)
	}
	return fmt.Sprintf("databricks account service-principal-secrets delete %d %s\n"+
		"      (or DELETE %s)", sp, id, c.AccountPath("/servicePrincipals/%d/credentials/secrets/%s", sp, id))
}

func describeSecrets(c *client.Client, sp int64, secrets []oauth2.SecretInfo) string {
	var b strings.Builder
	for _, s := range secrets {
		expires := s.ExpireTime
		if expires == "" {
			expires = "never"
		}
		fmt.Fprintf(&b, "  - secret %s (created %s, expires %s)\n    to delete it: %s\n",
			s.Id, s.CreateTime, expires, secretDeleteCommand(c, sp, s.Id))
	}
	return b.String()
}

// secretTwinsWarning is the warning for secrets made by a retried create besides the
// one whose value Terraform got.
func secretTwinsWarning(c *client.Client, sp int64, kept string, twins []oauth2.SecretInfo) (string, string) {
	return "Duplicate OAuth secret created",
		fmt.Sprintf("The create request for an OAuth secret of service principal %d was sent again by the Databricks "+
			"SDK after an answer that may hide success (e.g. a 503), and the principal now holds %d more secret(s) "+
			"created during the request, besides %s, whose value Terraform got:\n\n%s\n"+
			"Their values were never returned, so nobody can use them, but each takes one of the principal's %d "+
			"secret slots until it expires. The provider does not delete them, as it cannot be sure they are not "+
			"someone else's: check them, and delete the ones you do not need.",
			sp, len(twins), kept, describeSecrets(c, sp, twins), client.MaxSecretsPerPrincipal)
}

// readSecretsError reports a failed listing of a principal's secrets. A not-found
// answer is explained: it may be a principal deleted out of band, but also a wrong
// host or account, so the secrets stay in state.
func readSecretsError(c *client.Client, diags *diag.Diagnostics, sp int64, err error) {
	action := fmt.Sprintf("Cannot list the OAuth secrets of service principal %d", sp)
	if !client.IsMissing(err) {
		client.AddError(diags, action, c.WithSettingsHint(err))
		return
	}
	diags.AddError(action, fmt.Sprintf("%s\n\nIf service principal %d was deleted, its secrets are gone with it: "+
		"remove them from the configuration and the state (`terraform state rm`, or a `removed` block).",
		client.Describe(c.Unproven(err, fmt.Sprintf("the OAuth secrets of service principal %d", sp))), sp))
}

// deleteSecret deletes a secret (the resource's Delete, the ephemeral Close). A 404
// counts as done only when a fresh listing of the principal's secrets answers without
// the secret; anything else is an error, so destroy never reports a secret deleted
// while it is still there.
func deleteSecret(ctx context.Context, c *client.Client, sp int64, id string) error {
	err := c.DeleteSecret(ctx, sp, id)
	if err == nil || !client.IsMissing(err) {
		return err
	}
	all, lerr := c.ListSecrets(ctx, sp) // fresh: the delete dropped the cached listing
	if lerr != nil {
		return c.UnprovenWithProof(err, lerr, fmt.Sprintf("the OAuth secrets of service principal %d", sp))
	}
	if findSecret(all, id) != nil {
		return fmt.Errorf("the server answered the delete with %s, but still lists the secret", client.Describe(err))
	}
	return nil
}
