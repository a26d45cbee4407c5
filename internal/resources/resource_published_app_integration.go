package resources

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

var (
	_ resource.Resource                = (*publishedAppIntegrationResource)(nil)
	_ resource.ResourceWithConfigure   = (*publishedAppIntegrationResource)(nil)
	_ resource.ResourceWithImportState = (*publishedAppIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*publishedAppIntegrationResource)(nil)
)

// NewPublishedAppIntegrationResource is the factory registered with the provider.
func NewPublishedAppIntegrationResource() resource.Resource {
	return &publishedAppIntegrationResource{}
}

type publishedAppIntegrationResource struct{ client *client.Client }

// publishedAppIntegrationModel is the resource's state: the API's fields plus the id.
type publishedAppIntegrationModel struct {
	ID types.String `tfsdk:"id"`
	models.PublishedAppIntegration
}

const publishedAppIntegrationType = "databricksoauth_published_app_integration"

func (r *publishedAppIntegrationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_published_app_integration"
}

func (r *publishedAppIntegrationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Enables a published OAuth app (an app of the Databricks published-apps catalog, such as " +
			"Tableau Desktop or dbt Cloud) for the account, and manages its token access policy.\n\n" +
			"Several apps (e.g. `databricks-cli`, `power-bi`, `tableau-desktop`, `databricks-dbt-adapter`) are enabled " +
			"by default in every account: their integration already exists, usually with `integration_id` equal to the " +
			"`app_id`. Creating an integration that exists fails at plan time with the import command to use instead; " +
			"import it to manage its token access policy. The import id is the integration id or the app id (an app has " +
			"at most one integration).\n\n" +
			"~> **Warning:** destroying this resource disables the app for the **whole account**: every user of the app " +
			"loses OAuth sign-in, including for an app that was enabled by default and imported. A plan that would " +
			"delete the integration (destroy, removal from the configuration, a new `app_id`) says so in a warning. " +
			"Use a `removed` block (Terraform 1.7+) to stop managing it without disabling it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The integration id (same as `integration_id`)."},
			"integration_id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: models.DescPublishedIntegrationID},
			"app_id": schema.StringAttribute{Required: true,
				MarkdownDescription: models.DescPublishedAppID + " Must be in the catalog (checked at plan time). " +
					"Changing it replaces the integration.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"name": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: models.DescPublishedIntegrationName},
			"token_access_policy": models.TokenAccessPolicyResourceAttribute(),
			"create_time": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: models.DescCreateTime},
			"created_by": schema.Int64Attribute{Computed: true, MarkdownDescription: models.DescPublishedCreatedBy,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
		},
	}
}

func (r *publishedAppIntegrationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan warns when the plan deletes an integration (destroy, or a replacement
// for a new app_id), which disables the app for the whole account, and fails at plan
// time what would fail half way through an apply: no
// account_id, an app_id that is not in the published-apps catalog, and an app whose
// integration already exists (an app enabled by default, typically).
func (r *publishedAppIntegrationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() {
		r.warnDisable(ctx, req, resp)
	}
	if req.Plan.Raw.IsNull() || r.client == nil {
		return // destroy, or the provider is not configured
	}
	if requireAccountAtPlan(r.client, req, &resp.Diagnostics) {
		r.checkNewIntegration(ctx, req, resp)
	}
}

// defaultEnabledApps are the published apps whose integration exists in every new
// account (their integration_id is their app_id).
var defaultEnabledApps = []string{"databricks-cli", "power-bi", "tableau-desktop", "databricks-dbt-adapter"}

// warnDisable adds a plan warning when the integration in state is about to be
// deleted: Terraform's own "will be destroyed" does not say that every user of the
// app loses OAuth sign-in. An app enabled by default gets the stronger warning, as
// its users never chose to enable it and may not know it can be disabled.
func (r *publishedAppIntegrationResource) warnDisable(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var st publishedAppIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() {
		return
	}
	replaced := ""
	if !req.Plan.Raw.IsNull() {
		var appID types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("app_id"), &appID)...)
		if resp.Diagnostics.HasError() || appID.Equal(st.AppID) {
			return // an update in place
		}
		to := "changes to " + appID.String()
		if appID.IsUnknown() {
			to = "may change (its new value is known only at apply)"
		}
		replaced = fmt.Sprintf("The plan replaces it because app_id %s: the new app is enabled, and the old one is "+
			"disabled (to keep both, add another resource for the new app instead of changing this one). ", to)
	}
	app, id := st.AppID.ValueString(), st.IntegrationID.ValueString()
	what := app
	if name := st.Name.ValueString(); name != "" {
		what = fmt.Sprintf("%s (%s)", name, app)
	}
	summary := what + " will be disabled for the whole account"
	detail := fmt.Sprintf("%sDeleting published app integration %s disables the app in the account: every user of %s "+
		"loses OAuth sign-in to Databricks from it, not only what this configuration manages.", replaced, id, what)
	if id == app || slices.Contains(defaultEnabledApps, app) {
		summary = what + ", enabled by default, will be disabled for the whole account"
		detail += fmt.Sprintf(" %s is enabled by default in every Databricks account, so its users rely on it without "+
			"anyone having enabled it: disabling it is rarely what is meant, and their sign-in fails until the app "+
			"is enabled again.", app)
	}
	detail += fmt.Sprintf("\n\nTo stop managing the integration and leave the app enabled, remove it from the state "+
		"instead of destroying it. With Terraform 1.7 or later, replace its resource block with (replace <name> with "+
		"this resource's name):\n\n"+
		"  removed {\n    from = %s.<name>\n    lifecycle {\n      destroy = false\n    }\n  }\n\n"+
		"or run `terraform state rm %s.<name>`.", publishedAppIntegrationType, publishedAppIntegrationType)
	resp.Diagnostics.AddWarning(summary, detail)
}

// checkNewIntegration runs only when an integration is about to be created (new
// resource or app_id change), so that an existing integration whose app later left
// the catalog does not break every plan. Both checks use listings made once per
// command (client.Client), so a plan with many integrations lists each once.
func (r *publishedAppIntegrationResource) checkNewIntegration(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var appID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("app_id"), &appID)...)
	if resp.Diagnostics.HasError() || appID.IsUnknown() || appID.IsNull() {
		return
	}
	// replacing is the integration this plan may replace. For a replacement Terraform
	// plans the new object again, without the prior state but with the private data
	// planned here: that second plan must not take the integration about to be
	// destroyed for someone else's.
	var replacing string
	if !req.State.Raw.IsNull() {
		var prior, id types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("app_id"), &prior)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReplacing, []byte(strconv.Quote(id.ValueString())))...)
		if prior.Equal(appID) {
			return
		}
	} else if b, d := req.Private.GetKey(ctx, privateReplacing); !d.HasError() && b != nil {
		replacing, _ = strconv.Unquote(string(b))
	}
	catalog, err := r.client.PublishedAppsCatalog(ctx)
	if err != nil {
		// Not fatal here: the API still checks app_id at create.
		tflog.Warn(ctx, "Cannot list the published apps catalog to check app_id at plan time", map[string]any{"error": client.Describe(err)})
	} else if !inCatalog(catalog, appID.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Unknown published app", unknownAppDetail(appID.ValueString(), catalog))
		return
	}
	if existing := r.existingIntegration(ctx, appID.ValueString()); existing != nil && existing.IntegrationId != replacing {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Published app integration already exists", alreadyEnabledDetail(existing))
	}
}

// privateReplacing is the private-state key that carries the prior integration id
// from the plan of a resource to Terraform's second plan of its replacement.
const privateReplacing = "plan_prior_integration_id"

// existingIntegration returns the integration of appID if the account has one. The
// command's listing may predate this command's own deletes (e.g. the destroy half of
// a replacement, planned again during apply), so what it shows is confirmed by a read.
// Errors are not fatal at plan time: Create looks again before it sends anything.
func (r *publishedAppIntegrationResource) existingIntegration(ctx context.Context, appID string) *oauth2.GetPublishedAppIntegrationOutput {
	all, err := r.client.PublishedAppIntegrations(ctx)
	if err != nil {
		tflog.Warn(ctx, "Cannot list the published app integrations to check app_id at plan time", map[string]any{"error": err.Error()})
		return nil
	}
	for i := range all {
		if all[i].AppId != appID {
			continue
		}
		var ignored diag.Diagnostics
		got, err := r.client.Account(&ignored).PublishedAppIntegration.GetByIntegrationId(ctx, all[i].IntegrationId)
		if err != nil {
			if !client.IsMissing(err) {
				tflog.Warn(ctx, "Cannot read the published app integration found at plan time", map[string]any{"error": err.Error()})
			}
			return nil
		}
		return got
	}
	return nil
}

func inCatalog(catalog []oauth2.PublishedAppOutput, appID string) bool {
	for _, app := range catalog {
		if app.AppId == appID {
			return true
		}
	}
	return false
}

// unknownAppDetail names what the catalog offers, so the user can fix a typo without
// another lookup.
func unknownAppDetail(appID string, catalog []oauth2.PublishedAppOutput) string {
	offers := make([]string, 0, len(catalog))
	for _, app := range catalog {
		offers = append(offers, fmt.Sprintf("  - %s (%s)", app.AppId, app.Name))
	}
	sort.Strings(offers)
	return fmt.Sprintf("app_id %q is not in the account's published-apps catalog. The catalog offers:\n%s\n\n"+
		"The data source databricksoauth_published_apps lists the catalog with its details.",
		appID, strings.Join(offers, "\n"))
}

// alreadyEnabledDetail explains that the integration exists (typically an app enabled
// by default in every account) and how to bring it under management. The provider is
// not told the resource's name, so the commands carry a placeholder for it.
func alreadyEnabledDetail(existing *oauth2.GetPublishedAppIntegrationOutput) string {
	id := existing.IntegrationId
	return fmt.Sprintf("The app %q is already enabled in this account: published app integration %q (%s) exists. "+
		"Several apps are enabled by default in every account. The provider does not adopt it silently, since "+
		"destroying it later would disable the app for the whole account.\n\n"+
		"To manage it, import it (replace <name> with this resource's name):\n\n"+
		"  terraform import %s.<name> %s\n\n"+
		"or, with Terraform 1.5 or later, add an import block and plan again:\n\n"+
		"  import {\n    to = %s.<name>\n    id = %q\n  }\n\n"+
		"If another resource of this configuration manages it, move that resource with a `moved` block instead. "+
		"If this resource is tainted (an earlier apply created the integration, then failed), the provider cannot "+
		"tell that it is its own: keep it with `terraform untaint <address>`, or replace it with "+
		"`terraform apply -replace=<address>`.",
		existing.AppId, id, existing.Name, publishedAppIntegrationType, id, publishedAppIntegrationType, id)
}

func (r *publishedAppIntegrationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan publishedAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	appID := plan.AppID.ValueString()
	body := models.PublishedAppIntegrationCreateToSDK(ctx, plan.PublishedAppIntegration, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	if !appNotEnabled(ctx, a, appID, &resp.Diagnostics) {
		return
	}

	out, sent := sendCreate(ctx, r.client,
		func(ctx context.Context) (*oauth2.CreatePublishedAppIntegrationOutput, error) {
			return a.PublishedAppIntegration.Create(ctx, body)
		},
		func(out *oauth2.CreatePublishedAppIntegrationOutput) error {
			if out.IntegrationId == "" {
				return errNoID("integration_id")
			}
			return nil
		})
	if sent.outcome != createCarriedOut {
		r.createError(ctx, a, appID, sent, &resp.Diagnostics)
		return
	}

	// Save the id before the read: if the read fails, Terraform keeps this state
	// (tainted) instead of losing track of an enabled app.
	plan.ID = types.StringValue(out.IntegrationId)
	plan.IntegrationID = plan.ID
	setPartialState(ctx, &resp.State, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Created published app integration %s, but cannot read it back", out.IntegrationId),
			fmt.Sprintf("%s\n\nThe integration exists and is in the state, marked tainted, so the next apply "+
				"replaces it. If it works as it is, keep it instead with `terraform untaint <resource address>`.",
				client.Describe(err)))
		return
	}
	setPublishedState(ctx, got, &resp.State, &resp.Diagnostics)
}

func (r *publishedAppIntegrationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var st publishedAppIntegrationModel
	a := accountObject(ctx, r.client, req.State, req.Private, "published app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, st.ID.ValueString())
	if !readAnswer(ctx, r.client, "published app integration", st.ID.ValueString(), r.client.AccountPath("/oauth2/published-app-integrations"), err, func() string { return got.IntegrationId }, resp) {
		return
	}
	setPublishedState(ctx, got, &resp.State, &resp.Diagnostics)
}

// Update changes the token access policy, the only field the API can update. A policy
// left out of the configuration is unmanaged: it is not sent (nothing is), and the
// state keeps the planned copy.
func (r *publishedAppIntegrationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, st publishedAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := accountObject(ctx, r.client, req.State, req.Private, "published app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	id := st.ID.ValueString()
	managed := tokenAccessPolicyManaged(ctx, req.Config, &resp.Diagnostics)
	if managed {
		body := models.PublishedAppIntegrationUpdateToSDK(ctx, id, plan.PublishedAppIntegration, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := a.PublishedAppIntegration.Update(ctx, body); err != nil {
			client.AddError(&resp.Diagnostics, "Cannot update published app integration "+id, err)
			return
		}
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, id)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Updated published app integration "+id+", but cannot read it back", err)
		return
	}
	m := publishedAppIntegrationModel{ID: types.StringValue(got.IntegrationId), PublishedAppIntegration: models.PublishedAppIntegrationFromSDK(got)}
	if !managed {
		m.TokenAccessPolicy = keepUnmanagedPolicy(plan.TokenAccessPolicy, m.TokenAccessPolicy, "published app integration "+id, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Delete disables the app for the account. Already gone counts as done.
func (r *publishedAppIntegrationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st publishedAppIntegrationModel
	a := accountObject(ctx, r.client, req.State, req.Private, "published app integration", &st, &resp.Diagnostics)
	if a == nil {
		return
	}
	deleteByID(ctx, r.client, "published app integration", st.ID.ValueString(), r.client.AccountPath("/oauth2/published-app-integrations"),
		a.PublishedAppIntegration.DeleteByIntegrationId, a.PublishedAppIntegration.GetByIntegrationId, &resp.Diagnostics)
}

// ImportState takes the integration id or the app_id (an app has at most one
// integration), e.g. `power-bi` or `tableau-desktop`.
func (r *publishedAppIntegrationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	if bad := checkImportID(integrationIDRe, req.ID, "published app integration id or app_id", "`power-bi`"); bad != "" {
		resp.Diagnostics.AddError("Invalid import id", bad)
		return
	}
	id := req.ID
	if a := r.client.Account(&resp.Diagnostics); a != nil {
		// One listing tells an integration id from an app_id; the read that follows the
		// import checks the integration itself.
		all, err := r.client.PublishedAppIntegrations(ctx)
		if err != nil {
			client.AddError(&resp.Diagnostics, "Cannot import published app integration "+req.ID, err)
			return
		}
		if found := client.PublishedIntegrationByIDOrApp(all, req.ID); found != nil {
			id = found.IntegrationId
		} else {
			resp.Diagnostics.AddError("Cannot import published app integration "+req.ID, notEnabledDetail(req.ID, all))
			return
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// ---- Helpers of import, and of the CRUD methods.

// notEnabledDetail says that no integration has the id or app_id, and which exist.
func notEnabledDetail(key string, all []oauth2.GetPublishedAppIntegrationOutput) string {
	return fmt.Sprintf("No published app integration has the integration id or the app_id %q: the app is not "+
		"enabled in this account (or `host`/`account_id` point elsewhere). The enabled ones are:\n%s\n\n"+
		"To enable the app, create the resource instead of importing it.", key, client.DescribePublishedIntegrations(all))
}

func setPublishedState(ctx context.Context, got *oauth2.GetPublishedAppIntegrationOutput, state *tfsdk.State, diags *diag.Diagnostics) {
	m := publishedAppIntegrationModel{
		ID:                      types.StringValue(got.IntegrationId),
		PublishedAppIntegration: models.PublishedAppIntegrationFromSDK(got),
	}
	diags.Append(state.Set(ctx, m)...)
}

// ---- Create: an app has at most one integration.

// appNotEnabled reports whether the account has no integration of appID yet, with an
// error if it has one or cannot be listed. An app has at most one integration, and the
// default-enabled ones always exist. Create looks before the POST: whether the API
// answers a duplicate with 409 is not documented, and a second integration would be
// worse than an error.
func appNotEnabled(ctx context.Context, a *databricks.AccountClient, appID string, diags *diag.Diagnostics) bool {
	existing, err := findIntegrationForApp(ctx, a, appID)
	if err != nil {
		client.AddError(diags, "Cannot list published app integrations", err)
		return false
	}
	if existing != nil {
		diags.AddAttributeError(path.Root("app_id"), "Published app integration already exists", alreadyEnabledDetail(existing))
		return false
	}
	return true
}

// findIntegrationForApp returns the account's integration of appID, or nil. It reads
// every page.
func findIntegrationForApp(ctx context.Context, a *databricks.AccountClient, appID string) (*oauth2.GetPublishedAppIntegrationOutput, error) {
	all, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	if err != nil {
		return nil, err
	}
	return client.PublishedIntegrationByApp(all, appID), nil
}

// createError explains a failed POST. If the request may have been carried out and
// the app's integration now exists, created during the request, the error names it
// with the import and delete commands: it is not adopted silently (destroying it
// would disable the app for the whole account). An integration that exists but was
// not created during the request is someone else's: it gets the import hint, as does
// a 409. An app missing from the catalog (app_id unknown at plan time) gets the
// catalog's content.
func (r *publishedAppIntegrationResource) createError(ctx context.Context, a *databricks.AccountClient, appID string, sent sentCreate, diags *diag.Diagnostics) {
	err := sent.err
	if sent.outcome == createUnknown || client.IsConflict(err) {
		existing, lerr := findIntegrationForApp(ctx, a, appID)
		switch {
		case lerr != nil:
			diags.AddAttributeError(path.Root("app_id"), "Cannot enable published app "+appID,
				fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the integrations "+
					"to check failed too (%s). Check whether the app is enabled (`%s`): if it is, import its integration "+
					"before applying again.", client.Describe(err), client.Describe(lerr), publishedListCommand))
			return
		case existing != nil && sent.outcome == createUnknown && sent.window.contains(existing.CreateTime):
			diags.AddAttributeError(path.Root("app_id"), "Published app integration may have been created", lostPublishedDetail(existing, err))
			return
		case existing != nil:
			diags.AddAttributeError(path.Root("app_id"), "Published app integration already exists", alreadyEnabledDetail(existing))
			return
		case sent.outcome == createUnknown:
			diags.AddAttributeError(path.Root("app_id"), "Cannot enable published app "+appID,
				fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, but no integration of the "+
					"app created %s was found. If one shows up later, import it or disable the app again; list the "+
					"candidates with `%s`.", client.Describe(err), sent.window.describe(), publishedListCommand))
			return
		}
	}
	if catalog, cerr := r.client.PublishedAppsCatalog(ctx); cerr == nil && !inCatalog(catalog, appID) {
		diags.AddAttributeError(path.Root("app_id"), "Unknown published app", unknownAppDetail(appID, catalog))
		return
	}
	client.AddError(diags, "Cannot enable published app "+appID, err)
}

// lostPublishedDetail explains a failed create after which the app's integration
// exists, created during the request.
func lostPublishedDetail(existing *oauth2.GetPublishedAppIntegrationOutput, err error) string {
	id := existing.IntegrationId
	return fmt.Sprintf("The request to enable the app %q failed (%s), but its integration %q now exists, created at %s "+
		"during the request, most likely by it. The provider does not adopt a published app integration silently, "+
		"since destroying it would disable the app for the whole account.\n\n"+
		"To manage it, import it (replace <name> with this resource's name):\n\n"+
		"  terraform import %s.<name> %s\n\n"+
		"or, if you did not mean to enable the app, disable it again:\n\n"+
		"  databricks account published-app-integration delete %s",
		existing.AppId, client.Describe(err), id, existing.CreateTime, publishedAppIntegrationType, id, id)
}

const publishedListCommand = "databricks account published-app-integration list"
