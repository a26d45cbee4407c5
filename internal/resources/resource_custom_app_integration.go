// Package resources holds the managed and ephemeral resources of the provider.
package resources

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/validators"
)

var (
	_ resource.Resource                = (*customAppIntegrationResource)(nil)
	_ resource.ResourceWithConfigure   = (*customAppIntegrationResource)(nil)
	_ resource.ResourceWithImportState = (*customAppIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customAppIntegrationResource)(nil)
)

// NewCustomAppIntegrationResource is the factory registered with the provider.
func NewCustomAppIntegrationResource() resource.Resource { return &customAppIntegrationResource{} }

type customAppIntegrationResource struct{ client *client.Client }

// customAppIntegrationModel is the resource's state: the API's fields plus the id and
// the client secret, which only the create answer carries.
type customAppIntegrationModel struct {
	ID types.String `tfsdk:"id"`
	models.CustomAppIntegration
	ClientSecret types.String `tfsdk:"client_secret"`
}

func (r *customAppIntegrationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_app_integration"
}

// absoluteURL is a URL with a scheme and something after it.
var absoluteURL = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s]+$`)

// urlValidator accepts absolute URLs with a scheme (custom schemes such as
// `myapp://callback` are valid OAuth redirect URLs).
var urlValidator = stringvalidator.RegexMatches(absoluteURL, "must be an absolute URL with a scheme, e.g. https://example.com/callback")

func (r *customAppIntegrationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	stringSet := func(desc string, extra ...validator.Set) schema.SetAttribute {
		return schema.SetAttribute{
			MarkdownDescription: desc + " Setting `[]` or leaving it out clears it on the server.",
			ElementType:         types.StringType,
			Optional:            true,
			Computed:            true,
			// An empty default, so that "left out", `[]` and an empty server list are one value.
			Default:    setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			Validators: append([]validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}, extra...),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom OAuth app integration of the Databricks account: an OAuth client (public or " +
			"confidential) that users or services sign in with. For a confidential app, the client secret is returned " +
			"only when the integration is created; it is stored (sensitive) in state and is null after an import.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The integration id (same as `integration_id`)."},
			"integration_id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescIntegrationID},
			"client_id":      schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescClientID},
			"client_secret": schema.StringAttribute{Computed: true, Sensitive: true, PlanModifiers: keep,
				MarkdownDescription: "OAuth client secret of a confidential app. Known only from the create response: kept " +
					"from state afterwards, null for public apps and after an import."},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: models.DescCustomAppName + " Changing it replaces the integration.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"confidential": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: models.DescConfidential + " Changing it replaces the integration.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()}},
			"redirect_urls": stringSet(models.DescRedirectURLs, setvalidator.ValueStringsAre(urlValidator)),
			"scopes": stringSet(models.DescScopes + " A scope one or two letters away from one of these gets a plan " +
				"warning (other scopes are accepted silently: the service keeps adding granular ones)."),
			"user_authorized_scopes": stringSet(models.DescUserAuthorizedScopes,
				validators.SubsetOf(path.Root("scopes"))),
			"token_access_policy": models.TokenAccessPolicyResourceAttribute(),
			"create_time":         schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescCreateTime},
			"created_by": schema.Int64Attribute{Computed: true, MarkdownDescription: models.DescCreatedBy,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
			"creator_username": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescCreatorUsername},
		},
	}
}

func (r *customAppIntegrationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan warns about misspelt scopes, and plans client_secret null when a public
// app is created (or replaced): only a confidential app gets a secret, and
// `+ client_secret = (sensitive value)` in the plan of a public one would suggest
// otherwise.
func (r *customAppIntegrationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	// No account API (account_id) fails the plan, rather than the apply.
	requireAccountAtPlan(r.client, req, &resp.Diagnostics)
	warnScopeTypos(ctx, req.Config, &resp.Diagnostics, "scopes", "user_authorized_scopes")
	if !req.State.Raw.IsNull() {
		return // an update: the secret is kept from state
	}
	var confidential types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("confidential"), &confidential)...)
	if resp.Diagnostics.HasError() || confidential.IsUnknown() || confidential.ValueBool() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_secret"), types.StringNull())...)
}

// warnScopeTypos adds a warning for every configured scope that is probably a
// misspelt known scope. This runs at plan rather than as an attribute validator:
// Terraform validates a configuration twice per plan, and would show every
// validator warning twice.
func warnScopeTypos(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics, attrs ...string) {
	for _, attr := range attrs {
		var set types.Set
		if d := cfg.GetAttribute(ctx, path.Root(attr), &set); d.HasError() || set.IsNull() || set.IsUnknown() {
			continue
		}
		for _, e := range set.Elements() {
			s, ok := e.(types.String)
			if !ok || s.IsNull() || s.IsUnknown() {
				continue
			}
			if summary, detail, ok := validators.ScopeTypoWarning(s.ValueString()); ok {
				diags.AddAttributeWarning(path.Root(attr).AtSetValue(s), summary, detail)
			}
		}
	}
}

func (r *customAppIntegrationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan customAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	body := models.CustomAppIntegrationCreateToSDK(ctx, plan.CustomAppIntegration, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	action := fmt.Sprintf("Cannot create custom app integration %q", plan.Name.ValueString())
	out, sent := sendCreate(ctx, r.client,
		func(ctx context.Context) (*oauth2.CreateCustomAppIntegrationOutput, error) {
			return a.CustomAppIntegration.Create(ctx, body)
		},
		func(out *oauth2.CreateCustomAppIntegrationOutput) error {
			if out.IntegrationId == "" {
				return errNoID("integration_id")
			}
			return nil
		})
	switch sent.outcome {
	case createRefused:
		client.AddError(&resp.Diagnostics, action, sent.err)
		return
	case createUnknown:
		r.recoverLostCreate(ctx, a, plan, sent, &resp.State, &resp.Diagnostics)
		return
	}
	r.client.NoteCreated(kindCustomApp, out.IntegrationId)

	// Save what only this answer carries (the client secret) before anything else can
	// fail: if the read below fails, Terraform keeps this state (tainted) and the
	// secret is not lost.
	plan.ID = types.StringValue(out.IntegrationId)
	plan.IntegrationID = plan.ID
	plan.ClientID = models.StringOrNull(out.ClientId)
	plan.ClientSecret = models.StringOrNull(out.ClientSecret)
	setPartialState(ctx, &resp.State, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	if sent.retried {
		r.warnTwins(ctx, a, plan.Name.ValueString(), out.IntegrationId, sent.window, &resp.Diagnostics)
	}

	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Created custom app integration %s, but cannot read it back", out.IntegrationId),
			fmt.Sprintf("%s\n\nThe integration exists and is in the state (with its client secret), marked tainted, so the next apply "+
				"replaces it. If it works as it is, keep it instead with `terraform untaint <resource address>`.",
				client.Describe(err)))
		return
	}
	r.setState(ctx, got, plan.ClientSecret, &resp.State, &resp.Diagnostics)
}

func (r *customAppIntegrationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var st customAppIntegrationModel
	a := accountObject(ctx, r.client, req.State, req.Private, "custom app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, st.ID.ValueString())
	if !readAnswer(ctx, r.client, "custom app integration", st.ID.ValueString(), r.client.AccountPath("/oauth2/custom-app-integrations"), err, func() string { return got.IntegrationId }, resp) {
		return
	}
	r.setState(ctx, got, st.ClientSecret, &resp.State, &resp.Diagnostics)
}

func (r *customAppIntegrationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, st customAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := accountObject(ctx, r.client, req.State, req.Private, "custom app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	id := st.ID.ValueString()
	managed := tokenAccessPolicyManaged(ctx, req.Config, &resp.Diagnostics)
	body := models.CustomAppIntegrationUpdateBody(ctx, plan.CustomAppIntegration, managed, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.Do(ctx, http.MethodPatch, r.client.AccountPath("/oauth2/custom-app-integrations/%s", id), nil, body, nil)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot update custom app integration "+id, err)
		return
	}
	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, id)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Updated custom app integration "+id+", but cannot read it back", err)
		return
	}
	m := r.model(ctx, got, st.ClientSecret, &resp.Diagnostics)
	if !managed {
		m.TokenAccessPolicy = keepUnmanagedPolicy(plan.TokenAccessPolicy, m.TokenAccessPolicy, "custom app integration "+id, &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

func (r *customAppIntegrationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st customAppIntegrationModel
	a := accountObject(ctx, r.client, req.State, req.Private, "custom app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	deleteByID(ctx, r.client, "custom app integration", st.ID.ValueString(), r.client.AccountPath("/oauth2/custom-app-integrations"),
		a.CustomAppIntegration.DeleteByIntegrationId, a.CustomAppIntegration.GetByIntegrationId, &resp.Diagnostics)
}

func (r *customAppIntegrationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	if bad := checkImportID(integrationIDRe, req.ID, "custom app integration id", "`a1b2c3d4-...` (`integration_id`)"); bad != "" {
		resp.Diagnostics.AddError("Invalid import id", bad)
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// ---- The state, from the server's answer.

func (r *customAppIntegrationResource) setState(ctx context.Context, got *oauth2.GetCustomAppIntegrationOutput, secret types.String, state *tfsdk.State, diags *diag.Diagnostics) {
	if models.HasRepeats(got.RedirectUrls) || models.HasRepeats(got.Scopes) || models.HasRepeats(got.UserAuthorizedScopes) {
		tflog.Info(ctx, "The server's lists hold repeated values; the plan re-sends them", map[string]any{"integration_id": got.IntegrationId})
		c := *got
		c.RedirectUrls = models.WithoutRepeated(c.RedirectUrls)
		c.Scopes = models.WithoutRepeated(c.Scopes)
		c.UserAuthorizedScopes = models.WithoutRepeated(c.UserAuthorizedScopes)
		got = &c
	}
	m := r.model(ctx, got, secret, diags)
	if diags.HasError() {
		return
	}
	diags.Append(models.SetState(ctx, state, m.Attributes(), map[string]attr.Value{"id": m.ID, "client_secret": m.ClientSecret})...)
}

// model is the state for the server's answer, with the client secret kept from before.
func (r *customAppIntegrationResource) model(ctx context.Context, got *oauth2.GetCustomAppIntegrationOutput, secret types.String, diags *diag.Diagnostics) customAppIntegrationModel {
	return customAppIntegrationModel{
		ID:                   types.StringValue(got.IntegrationId),
		CustomAppIntegration: models.CustomAppIntegrationFromSDK(ctx, got, diags),
		ClientSecret:         secret,
	}
}

// ---- A create that was retried, or whose answer was lost.

// warnTwins looks for integrations of the same name that a retried create made
// besides the one kept, and names them in a warning.
func (r *customAppIntegrationResource) warnTwins(ctx context.Context, a *databricks.AccountClient, name, kept string, w serverWindow, diags *diag.Diagnostics) {
	twins, err := r.createdIn(ctx, a, name, w, kept)
	if err != nil {
		diags.AddWarning("Cannot check for duplicate custom app integrations",
			fmt.Sprintf("The create request for %q was retried after an answer that may hide success, so it may have "+
				"created more than one integration, but listing the integrations failed: %s\n\nLook for integrations "+
				"named %q other than %s (`databricks account custom-app-integration list`) and delete the duplicates.",
				name, client.Describe(err), name, kept))
		return
	}
	if len(twins) > 0 {
		diags.AddWarning(customAppTwinsWarning(r.client, name, kept, twins))
	}
}

// recoverLostCreate handles a create whose outcome is unknown: the server may have
// created the integration. The provider looks for integrations of this name created
// during the request, adopts the only one if nothing was lost with the answer (a
// public app, with the planned settings), and otherwise names them in the error, so
// that nothing is left behind unknown to the user.
func (r *customAppIntegrationResource) recoverLostCreate(ctx context.Context, a *databricks.AccountClient, plan customAppIntegrationModel,
	sent sentCreate, state *tfsdk.State, diags *diag.Diagnostics) {
	name := plan.Name.ValueString()
	action := fmt.Sprintf("Cannot create custom app integration %q", name)
	w, err := sent.window, sent.err
	found, lerr := r.createdIn(ctx, a, name, w)
	if lerr != nil {
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the "+
			"integrations to check failed too (%s). Look for an integration named %q created %s "+
			"(`%s`): if there is one, delete it or import it (`%s`) before applying again.",
			client.Describe(err), client.Describe(lerr), name, w.describe(), customAppListCommand, customAppImportCommand("<integration_id>")))
		return
	}
	if len(found) == 0 {
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, but no "+
			"integration named %q created %s was found. If one shows up later, delete it or import it (`%s`); list the "+
			"candidates with `%s`.", client.Describe(err), name, w.describe(), customAppImportCommand("<integration_id>"), customAppListCommand))
		return
	}
	if len(found) == 1 && !plan.Confidential.ValueBool() && r.matchesPlan(ctx, plan, &found[0]) && w.calibrated {
		id := found[0].IntegrationId
		r.client.NoteCreated(kindCustomApp, id)
		tflog.Info(ctx, "Adopted the custom app integration whose create answer was lost", map[string]any{"integration_id": id})
		diags.AddWarning("Adopted custom app integration "+id,
			fmt.Sprintf("The create request for %q failed (%s), but the server holds an integration, %s, created "+
				"%s, while the request was on the wire, with this name and these settings: most likely this request's. "+
				"It is a public app, so nothing was lost with the answer, and Terraform now manages it. If it is "+
				"someone else's (made at the same moment with the same settings), remove it from the state with "+
				"`terraform state rm`.", name, client.Describe(err), id, found[0].CreateTime))
		got, gerr := a.CustomAppIntegration.GetByIntegrationId(ctx, id)
		if gerr != nil {
			got = &found[0] // the listing's copy: all but creator_username
		}
		r.setState(ctx, got, types.StringNull(), state, diags)
		return
	}
	var why string
	switch {
	case len(found) > 1:
		why = "More than one matches, so the provider cannot tell which is Terraform's."
	case plan.Confidential.ValueBool():
		why = "It is a confidential app, and its client secret was only in the lost answer: delete it and apply " +
			"again to get a usable secret (importing it would leave client_secret unknown)."
	case !w.calibrated:
		why = "The server's answers carry no Date header, so the provider cannot tell its clock from this " +
			"machine's, nor whether this request made it: it does not take it over."
	default:
		why = "Its settings differ from the configuration, so the provider does not take it over."
	}
	diags.AddError(action, fmt.Sprintf("The create request failed (%s), but the server holds %d integration(s) "+
		"named %q created during the request, most likely by it:\n\n%s\n%s To keep one instead, import it: `%s`.",
		client.Describe(err), len(found), name, describeCustomApps(r.client, found), why, customAppImportCommand("<integration_id>")))
}

// matchesPlan reports whether an integration found after a failed create has the
// planned lists, as one created by this request would.
func (r *customAppIntegrationResource) matchesPlan(ctx context.Context, plan customAppIntegrationModel, got *oauth2.GetCustomAppIntegrationOutput) bool {
	var diags diag.Diagnostics
	same := func(planned types.Set, server []string) bool {
		return sameStrings(models.Strings(ctx, planned, &diags), server)
	}
	ok := !got.Confidential &&
		same(plan.RedirectURLs, got.RedirectUrls) && same(plan.Scopes, got.Scopes) &&
		same(plan.UserAuthorizedScopes, got.UserAuthorizedScopes)
	// The configured token policy values too (unknown ones are the server's to choose).
	if p := models.TokenAccessPolicyToSDK(ctx, plan.TokenAccessPolicy, &diags); ok && p != nil {
		g := got.TokenAccessPolicy
		if g == nil {
			g = &oauth2.TokenAccessPolicy{}
		}
		ok = (p.AccessTokenTtlInMinutes == 0 || p.AccessTokenTtlInMinutes == g.AccessTokenTtlInMinutes) &&
			(p.RefreshTokenTtlInMinutes == 0 || p.RefreshTokenTtlInMinutes == g.RefreshTokenTtlInMinutes) &&
			p.EnableSingleUseRefreshTokens == g.EnableSingleUseRefreshTokens
	}
	return ok && !diags.HasError()
}

// ---- Finding what a create made: custom app integrations are found by name.

const kindCustomApp = "custom_app_integration"

// createdIn lists the custom app integrations named name whose creation time lies in
// w, except those this run created (and so known to Terraform) and the ids in except.
func (r *customAppIntegrationResource) createdIn(ctx context.Context, a *databricks.AccountClient, name string, w serverWindow, except ...string) ([]oauth2.GetCustomAppIntegrationOutput, error) {
	all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	if err != nil {
		return nil, err
	}
	var out []oauth2.GetCustomAppIntegrationOutput
	for _, app := range all {
		if app.Name != name || !w.contains(app.CreateTime) || r.client.CreatedHere(kindCustomApp, app.IntegrationId) || slices.Contains(except, app.IntegrationId) {
			continue
		}
		out = append(out, app)
	}
	return out, nil
}

const customAppListCommand = "databricks account custom-app-integration list"

func customAppDeleteCommand(c *client.Client, id string) string {
	return fmt.Sprintf("databricks account custom-app-integration delete %s\n"+
		"      (or DELETE %s)", id, c.AccountPath("/oauth2/custom-app-integrations/%s", id))
}

func customAppImportCommand(id string) string {
	return fmt.Sprintf("terraform import %s.<name> %s", customAppIntegrationType, id)
}

const customAppIntegrationType = "databricksoauth_custom_app_integration"

// describeCustomApps lists integrations with the command that removes each.
func describeCustomApps(c *client.Client, apps []oauth2.GetCustomAppIntegrationOutput) string {
	var b strings.Builder
	for _, app := range apps {
		kind := "public"
		if app.Confidential {
			kind = "confidential"
		}
		fmt.Fprintf(&b, "  - %s (%s, client_id %s, created %s)\n    to delete it: %s\n",
			app.IntegrationId, kind, app.ClientId, app.CreateTime, customAppDeleteCommand(c, app.IntegrationId))
	}
	return b.String()
}

// customAppTwinsWarning is the warning for integrations made by a retried create in
// addition to the one Terraform keeps.
func customAppTwinsWarning(c *client.Client, name, kept string, twins []oauth2.GetCustomAppIntegrationOutput) (string, string) {
	return "Duplicate custom app integration created",
		fmt.Sprintf("The create request for custom app integration %q was sent again by the Databricks SDK after "+
			"an answer that may hide success (e.g. a 503), and the server now holds %d more integration(s) with this "+
			"name created during the request, besides %s, which Terraform manages:\n\n%s\n"+
			"They are most likely duplicates made by the retry. The provider does not delete them, as it cannot be "+
			"sure they are not someone else's: check them, and delete the ones you do not need.",
			name, len(twins), kept, describeCustomApps(c, twins))
}
