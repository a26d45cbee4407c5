package resources

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"weak"

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
			"by default in every account: their integration already exists, with `integration_id` equal to the `app_id`. " +
			"Creating one of those fails with the import command to use instead; import it to manage its token access " +
			"policy.\n\n" +
			"~> **Warning:** destroying this resource disables the app for the **whole account**: every user of the app " +
			"loses OAuth sign-in, including for an app that was enabled by default and imported. Use a `removed` block " +
			"(Terraform 1.7+) to stop managing it without disabling it.\n\n" +
			"**Failed creates.** An app has at most one integration, so a retried create cannot make a twin. If a " +
			"create fails in a way that may hide success (a 500, a dropped connection, an unreadable answer) and the " +
			"app's integration now exists, created during the request, the error names it with the import command " +
			"(and the command that disables the app again) instead of adopting it silently.",
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

// ModifyPlan keeps an unmanaged token access policy as it is, and rejects an app_id
// that is not in the published-apps catalog at plan time instead of failing half way
// through an apply.
func (r *publishedAppIntegrationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if r.client == nil {
		return // the provider is not configured
	}
	r.checkCatalog(ctx, req, resp)
}

// checkCatalog runs only when an integration is about to be created (new resource or
// app_id change), so that an existing integration whose app later left the catalog
// does not break every plan.
func (r *publishedAppIntegrationResource) checkCatalog(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var appID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("app_id"), &appID)...)
	if resp.Diagnostics.HasError() || appID.IsUnknown() || appID.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("app_id"), &prior)...)
		if prior.Equal(appID) {
			return
		}
	}
	var ignored diag.Diagnostics
	a := r.client.Account(&ignored)
	if a == nil {
		return // workspace mode: Create reports the missing account_id
	}
	catalog, err := cachedCatalog(ctx, r.client, a)
	if err != nil {
		// Not fatal here: the API still checks app_id at create.
		tflog.Warn(ctx, "Cannot list the published apps catalog to check app_id at plan time", map[string]any{"error": err.Error()})
		return
	}
	if !inCatalog(catalog, appID.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Unknown published app", unknownAppDetail(appID.ValueString(), catalog))
	}
}

// catalogCache holds one listing of the catalog. It is filled once per configured
// provider (one *client.Client): a plan with many integrations lists the catalog once.
type catalogCache struct {
	once sync.Once
	apps []oauth2.PublishedAppOutput
	err  error
}

// catalogs holds one cache per client. Resource instances are created anew for every
// RPC, so the cache cannot live on the resource. The key is weak, and the entry is
// dropped once its client is garbage collected.
var (
	catalogsMu sync.Mutex
	catalogs   = map[weak.Pointer[client.Client]]*catalogCache{}
)

// cachedCatalog lists the catalog (all pages) once per client.
func cachedCatalog(ctx context.Context, c *client.Client, a *databricks.AccountClient) ([]oauth2.PublishedAppOutput, error) {
	cc := catalogCacheOf(c)
	cc.once.Do(func() {
		cc.apps, cc.err = a.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	})
	return cc.apps, cc.err
}

func catalogCacheOf(c *client.Client) *catalogCache {
	key := weak.Make(c)
	catalogsMu.Lock()
	defer catalogsMu.Unlock()
	cc, ok := catalogs[key]
	if !ok {
		cc = &catalogCache{}
		catalogs[key] = cc
		runtime.AddCleanup(c, func(k weak.Pointer[client.Client]) {
			catalogsMu.Lock()
			defer catalogsMu.Unlock()
			delete(catalogs, k)
		}, key)
	}
	return cc
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
		"  import {\n    to = %s.<name>\n    id = %q\n  }",
		existing.AppId, id, existing.Name, publishedAppIntegrationType, id, publishedAppIntegrationType, id)
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

// findIntegrationForApp returns the account's integration of appID, or nil. It reads
// every page.
func findIntegrationForApp(ctx context.Context, a *databricks.AccountClient, appID string) (*oauth2.GetPublishedAppIntegrationOutput, error) {
	all, err := a.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].AppId == appID {
			return &all[i], nil
		}
	}
	return nil, nil
}

func (r *publishedAppIntegrationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan publishedAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	appID := plan.AppID.ValueString()
	body := oauth2.CreatePublishedAppIntegration{
		AppId:             appID,
		TokenAccessPolicy: models.TokenAccessPolicyToSDK(ctx, plan.TokenAccessPolicy, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}

	// An app has at most one integration, and the default-enabled ones always exist.
	// Look before the POST: whether the API answers a duplicate with 409 is not
	// documented, and a second integration would be worse than an error.
	existing, err := findIntegrationForApp(ctx, a, appID)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot list published app integrations", err)
		return
	}
	if existing != nil {
		resp.Diagnostics.AddAttributeError(path.Root("app_id"), "Published app integration already exists", alreadyEnabledDetail(existing))
		return
	}

	start := time.Now()
	actx, attempts := client.WithAttemptLog(ctx, http.MethodPost)
	out, err := a.PublishedAppIntegration.Create(actx, body)
	if err == nil && out.IntegrationId == "" {
		err = errors.New("the server's answer to the create request has no integration_id")
	}
	if err != nil {
		r.createError(ctx, a, appID, err, attempts, windowOf(attempts, start), &resp.Diagnostics)
		return
	}

	// Save the id before the read: if the read fails, Terraform keeps this state
	// (tainted) instead of losing track of an enabled app.
	plan.ID = types.StringValue(out.IntegrationId)
	plan.IntegrationID = plan.ID
	resp.Diagnostics.Append(resp.State.Set(ctx, nullPublishedUnknowns(plan))...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, out.IntegrationId)
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Created published app integration %s, but cannot read it back", out.IntegrationId), err)
		return
	}
	setPublishedState(ctx, got, &resp.State, &resp.Diagnostics)
}

// createError explains a failed POST. If the request may have been carried out (a
// 5xx, a lost or unreadable answer, or a 409 after the SDK re-sent it) and the app's
// integration now exists, created during the request, the error names it with the
// import and delete commands: it is not adopted silently (destroying it would disable
// the app for the whole account). Otherwise a 409 (created meanwhile) gets the import
// hint, and an app missing from the catalog (app_id unknown at plan time) the
// catalog's content.
func (r *publishedAppIntegrationResource) createError(ctx context.Context, a *databricks.AccountClient, appID string, err error,
	attempts *client.AttemptLog, w createWindow, diags *diag.Diagnostics) {
	if attempts.MayHaveBeenApplied() {
		existing, lerr := findIntegrationForApp(ctx, a, appID)
		switch {
		case lerr != nil:
			diags.AddAttributeError(path.Root("app_id"), "Cannot enable published app "+appID,
				fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the integrations "+
					"to check failed too (%s). Check whether the app is enabled (`databricks account "+
					"published-app-integration list`): if it is, import its integration before applying again.",
					client.Describe(err), client.Describe(lerr)))
			return
		case existing != nil && w.contains(existing.CreateTime):
			diags.AddAttributeError(path.Root("app_id"), "Published app integration may have been created", lostPublishedDetail(existing, err))
			return
		}
	}
	if client.IsConflict(err) {
		if existing, lerr := findIntegrationForApp(ctx, a, appID); lerr == nil && existing != nil {
			diags.AddAttributeError(path.Root("app_id"), "Published app integration already exists", alreadyEnabledDetail(existing))
			return
		}
	}
	if catalog, cerr := cachedCatalog(ctx, r.client, a); cerr == nil && !inCatalog(catalog, appID) {
		diags.AddAttributeError(path.Root("app_id"), "Unknown published app", unknownAppDetail(appID, catalog))
		return
	}
	client.AddError(diags, "Cannot enable published app "+appID, err)
}

// nullPublishedUnknowns replaces the computed values that are still unknown with
// nulls, so that a partial state can be saved.
func nullPublishedUnknowns(m publishedAppIntegrationModel) publishedAppIntegrationModel {
	m.TokenAccessPolicy = models.NullUnknownAttributes(m.TokenAccessPolicy)
	if m.Name.IsUnknown() {
		m.Name = types.StringNull()
	}
	if m.CreateTime.IsUnknown() {
		m.CreateTime = types.StringNull()
	}
	if m.CreatedBy.IsUnknown() {
		m.CreatedBy = types.Int64Null()
	}
	return m
}

func setPublishedState(ctx context.Context, got *oauth2.GetPublishedAppIntegrationOutput, state *tfsdk.State, diags *diag.Diagnostics) {
	m := publishedAppIntegrationModel{
		ID:                      types.StringValue(got.IntegrationId),
		PublishedAppIntegration: models.PublishedAppIntegrationFromSDK(got),
	}
	diags.Append(state.Set(ctx, m)...)
}

func (r *publishedAppIntegrationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var st publishedAppIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, st.ID.ValueString())
	if !readAnswer(ctx, "published app integration", st.ID.ValueString(), err, func() string { return got.IntegrationId }, resp) {
		return
	}
	setPublishedState(ctx, got, &resp.State, &resp.Diagnostics)
}

// Update changes the token access policy, the only field the API can update. A policy
// left out of the configuration is planned from state, so it is sent back unchanged.
func (r *publishedAppIntegrationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, st publishedAppIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := st.ID.ValueString()
	body := oauth2.UpdatePublishedAppIntegration{
		IntegrationId:     id,
		TokenAccessPolicy: models.TokenAccessPolicyToSDK(ctx, plan.TokenAccessPolicy, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if err := a.PublishedAppIntegration.Update(ctx, body); err != nil {
		client.AddError(&resp.Diagnostics, "Cannot update published app integration "+id, err)
		return
	}
	got, err := a.PublishedAppIntegration.GetByIntegrationId(ctx, id)
	if err != nil {
		client.AddError(&resp.Diagnostics, "Updated published app integration "+id+", but cannot read it back", err)
		return
	}
	setPublishedState(ctx, got, &resp.State, &resp.Diagnostics)
}

// Delete disables the app for the account. Already gone counts as done.
func (r *publishedAppIntegrationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st publishedAppIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := a.PublishedAppIntegration.DeleteByIntegrationId(ctx, st.ID.ValueString())
	if err != nil && !client.IsMissing(err) {
		client.AddError(&resp.Diagnostics, "Cannot delete published app integration "+st.ID.ValueString(), err)
	}
}

func (r *publishedAppIntegrationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	if strings.TrimSpace(req.ID) == "" {
		resp.Diagnostics.AddError("Invalid import id", "Expected the integration id of a published app integration, e.g. `power-bi`.")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
