// Package resources holds the managed and ephemeral resources of the provider.
package resources

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
			"only when the integration is created; it is stored (sensitive) in state and is null after an import.\n\n" +
			"**Failed or retried creates.** The API has no idempotency key. If the Databricks SDK re-sends a create " +
			"after an answer that may hide success (e.g. a 503), the provider looks for other integrations of the same " +
			"name created during the request and names them, with the command that deletes them, in a warning. If a " +
			"create fails in a way that may hide success (a 500, a dropped connection, an unreadable answer), a public " +
			"app found by name and creation time is adopted when it is the only one and has the planned settings; " +
			"otherwise (a confidential app, whose secret was in the lost answer, or several candidates) the error " +
			"names what was found with the delete and import commands. The provider never deletes what it finds.",
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
			"scopes":        stringSet(models.DescScopes),
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

func (r *customAppIntegrationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan customAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body := oauth2.CreateCustomAppIntegration{
		Name:                 plan.Name.ValueString(),
		Confidential:         plan.Confidential.ValueBool(),
		RedirectUrls:         models.Strings(ctx, plan.RedirectURLs, &resp.Diagnostics),
		Scopes:               models.Strings(ctx, plan.Scopes, &resp.Diagnostics),
		UserAuthorizedScopes: models.Strings(ctx, plan.UserAuthorizedScopes, &resp.Diagnostics),
		TokenAccessPolicy:    models.TokenAccessPolicyToSDK(ctx, plan.TokenAccessPolicy, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// The attempt log shows whether the SDK re-sent the POST after an answer that may
	// hide success, and when the request was on the wire (see twins.go).
	start := time.Now()
	actx, attempts := client.WithAttemptLog(ctx, http.MethodPost)
	out, err := a.CustomAppIntegration.Create(actx, body)
	w := windowOf(attempts, start)
	if err == nil && out.IntegrationId == "" {
		err = errors.New("the server's answer to the create request has no integration_id")
	}
	if err != nil {
		r.createFailed(ctx, a, plan, w, attempts, err, &resp.State, &resp.Diagnostics)
		return
	}
	noteCreated(kindCustomApp, out.IntegrationId)

	// Save what only this answer carries (the client secret) before anything else can
	// fail: if the read below fails, Terraform keeps this state (tainted) and the
	// secret is not lost.
	plan.ID = types.StringValue(out.IntegrationId)
	plan.IntegrationID = plan.ID
	plan.ClientID = models.StringOrNull(out.ClientId)
	plan.ClientSecret = models.StringOrNull(out.ClientSecret)
	resp.Diagnostics.Append(resp.State.Set(ctx, nullUnknowns(plan))...)
	if resp.Diagnostics.HasError() {
		return
	}

	if attempts.RetriedAfterPossibleApply() {
		r.warnTwins(ctx, a, plan.Name.ValueString(), out.IntegrationId, w, &resp.Diagnostics)
	}

	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Created custom app integration %s, but cannot read it back", out.IntegrationId), err)
		return
	}
	r.setState(ctx, got, plan.ClientSecret, &resp.State, &resp.Diagnostics)
}

// warnTwins looks for integrations of the same name that a retried create made
// besides the one kept, and names them in a warning.
func (r *customAppIntegrationResource) warnTwins(ctx context.Context, a *databricks.AccountClient, name, kept string, w createWindow, diags *diag.Diagnostics) {
	twins, err := customAppsCreatedIn(ctx, a, name, w, kept)
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

// createFailed handles a create that returned an error. If every attempt was refused
// nothing was created. Otherwise the server may have created the integration: the
// provider looks for integrations of this name created during the request, adopts
// the only one if nothing was lost with the answer (a public app, with the planned
// settings), and otherwise names them in the error, so that nothing is left behind
// unknown to the user.
func (r *customAppIntegrationResource) createFailed(ctx context.Context, a *databricks.AccountClient, plan customAppIntegrationModel,
	w createWindow, attempts *client.AttemptLog, err error, state *tfsdk.State, diags *diag.Diagnostics) {
	name := plan.Name.ValueString()
	action := fmt.Sprintf("Cannot create custom app integration %q", name)
	if !attempts.MayHaveBeenApplied() {
		client.AddError(diags, action, err)
		return
	}
	found, lerr := customAppsCreatedIn(ctx, a, name, w)
	if lerr != nil {
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the "+
			"integrations to check failed too (%s). Look for an integration named %q created at %s "+
			"(`databricks account custom-app-integration list`): if there is one, delete it or import it "+
			"(`%s`) before applying again.",
			client.Describe(err), client.Describe(lerr), name, w.from.UTC().Format(time.RFC3339), customAppImportCommand("<integration_id>")))
		return
	}
	if len(found) == 0 {
		client.AddError(diags, action, err)
		return
	}
	if len(found) == 1 && !plan.Confidential.ValueBool() && r.matchesPlan(ctx, plan, &found[0]) {
		id := found[0].IntegrationId
		noteCreated(kindCustomApp, id)
		tflog.Info(ctx, "Adopted the custom app integration whose create answer was lost", map[string]any{"integration_id": id})
		diags.AddWarning("Adopted custom app integration "+id,
			fmt.Sprintf("The create request for %q failed (%s), but the server had created the integration: %s, "+
				"created during the request with this name and these settings. It is a public app, so nothing was "+
				"lost with the answer, and Terraform now manages it.", name, client.Describe(err), id))
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

// nullUnknowns replaces the computed values that are still unknown with nulls, so that
// a partial state can be saved.
func nullUnknowns(m customAppIntegrationModel) customAppIntegrationModel {
	m.TokenAccessPolicy = models.NullUnknownAttributes(m.TokenAccessPolicy)
	if m.CreateTime.IsUnknown() {
		m.CreateTime = types.StringNull()
	}
	if m.CreatedBy.IsUnknown() {
		m.CreatedBy = types.Int64Null()
	}
	if m.CreatorUsername.IsUnknown() {
		m.CreatorUsername = types.StringNull()
	}
	return m
}

func (r *customAppIntegrationResource) setState(ctx context.Context, got *oauth2.GetCustomAppIntegrationOutput, secret types.String, state *tfsdk.State, diags *diag.Diagnostics) {
	m := customAppIntegrationModel{
		ID:                   types.StringValue(got.IntegrationId),
		CustomAppIntegration: models.CustomAppIntegrationFromSDK(ctx, got, diags),
		ClientSecret:         secret,
	}
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, m)...)
}

func (r *customAppIntegrationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var st customAppIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.CustomAppIntegration.GetByIntegrationId(ctx, st.ID.ValueString())
	if !readAnswer(ctx, "custom app integration", st.ID.ValueString(), err, func() string { return got.IntegrationId }, resp) {
		return
	}
	r.setState(ctx, got, st.ClientSecret, &resp.State, &resp.Diagnostics)
}

func (r *customAppIntegrationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, st customAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := st.ID.ValueString()
	// A raw PATCH: the SDK's UpdateCustomAppIntegration drops empty lists (omitempty
	// without ForceSendFields), so it could never clear a list. Lists replace the
	// server's, so every one is sent, `[]` included.
	body := map[string]any{
		"redirect_urls":          models.Strings(ctx, plan.RedirectURLs, &resp.Diagnostics),
		"scopes":                 models.Strings(ctx, plan.Scopes, &resp.Diagnostics),
		"user_authorized_scopes": models.Strings(ctx, plan.UserAuthorizedScopes, &resp.Diagnostics),
	}
	if p := models.TokenAccessPolicyToSDK(ctx, plan.TokenAccessPolicy, &resp.Diagnostics); p != nil {
		body["token_access_policy"] = p
	}
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
	r.setState(ctx, got, st.ClientSecret, &resp.State, &resp.Diagnostics)
}

func (r *customAppIntegrationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st customAppIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := a.CustomAppIntegration.DeleteByIntegrationId(ctx, st.ID.ValueString())
	if err != nil && !client.IsMissing(err) {
		client.AddError(&resp.Diagnostics, "Cannot delete custom app integration "+st.ID.ValueString(), err)
	}
}

func (r *customAppIntegrationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
