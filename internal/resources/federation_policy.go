package resources

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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

// federationPolicyResource implements both federation policy resources. They differ
// only in the API path (account or service principal), the service_principal_id
// attribute (and with it the id form) and the oidc_policy.subject rule.
type federationPolicyResource struct {
	client *client.Client
	// servicePrincipal selects the scope: false for databricksoauth_account_federation_policy,
	// true for databricksoauth_service_principal_federation_policy.
	servicePrincipal bool
}

var (
	_ resource.Resource                = (*federationPolicyResource)(nil)
	_ resource.ResourceWithConfigure   = (*federationPolicyResource)(nil)
	_ resource.ResourceWithImportState = (*federationPolicyResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*federationPolicyResource)(nil)
)

// federationPolicyModel is the state of both resources. ServicePrincipalID is null
// for account policies, whose schema has no such attribute: load and store convert
// through accountFederationPolicyModel then.
type federationPolicyModel struct {
	ID                 types.String `tfsdk:"id"`
	ServicePrincipalID types.Int64  `tfsdk:"service_principal_id"`
	models.FederationPolicy
}

// accountFederationPolicyModel matches the account resource's schema.
type accountFederationPolicyModel struct {
	ID types.String `tfsdk:"id"`
	models.FederationPolicy
}

// federationPolicyIDRe is what the API accepts as a policy id. The SDK's comment also
// mentions slashes, but the service answers "Must contain only 0-9, a-z, and hyphen"
// (and the same message for an id that is too long).
var federationPolicyIDRe = regexp.MustCompile(`^[a-z0-9-]{1,63}$`)

// federationPolicyIDRule names both rules in one message: the real API answers a
// too-long id with a message about the character set only, which misleads.
const federationPolicyIDRule = "must be 1 to 63 characters long and contain only lowercase letters (a-z), digits (0-9) and hyphens (-)"

func (r *federationPolicyResource) typeSuffix() string {
	if r.servicePrincipal {
		return "_service_principal_federation_policy"
	}
	return "_account_federation_policy"
}

// describe names a policy in messages.
func (r *federationPolicyResource) describe(sp int64, id string) string {
	if r.servicePrincipal {
		return fmt.Sprintf("federation policy %q of service principal %d", id, sp)
	}
	return fmt.Sprintf("account federation policy %q", id)
}

// importID is the id `terraform import` takes for a policy.
func (r *federationPolicyResource) importID(sp int64, id string) string {
	if r.servicePrincipal {
		return ServicePrincipalChildID(sp, id)
	}
	return id
}

func (r *federationPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.typeSuffix()
}

const federationPolicyIDNote = "\n\n" +
	"Updates are sent in place with an `update_mask` that names exactly the fields that changed; removing an " +
	"optional field clears it on the server. The API allows at most 20 federation policies per account and " +
	"20 per service principal."

func (r *federationPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
			MarkdownDescription: "The policy id (same as `policy_id`)."},
		"policy_id": schema.StringAttribute{
			MarkdownDescription: models.DescPolicyID + " Optional: when left out, the provider chooses a random one " +
				"(`tf-` and 16 hexadecimal digits). Only `a-z`, `0-9` and `-`, at most 63 characters. " +
				"Changing it replaces the policy.",
			Optional: true,
			Computed: true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(federationPolicyIDRe, federationPolicyIDRule),
			},
			// UseStateForUnknown first: removing policy_id from the configuration keeps
			// the id in use instead of planning a replacement.
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
		},
		"description": schema.StringAttribute{Optional: true,
			MarkdownDescription: models.DescPolicyDescription + " Removing it clears it on the server."},
		"oidc_policy": models.OIDCPolicyResourceAttribute(r.servicePrincipal),
		"name":        schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescPolicyName},
		"uid":         schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescPolicyUID},
		"create_time": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: models.DescPolicyCreateTime},
		// No UseStateForUnknown: every update changes it.
		"update_time": schema.StringAttribute{Computed: true, MarkdownDescription: models.DescPolicyUpdateTime},
	}
	desc := "An account federation policy: lets workloads outside Databricks authenticate to the account with " +
		"OIDC tokens from an external identity provider (OAuth token federation), matched by issuer and audience. " +
		"Use `databricksoauth_service_principal_federation_policy` for workload identity federation, where tokens " +
		"with a given subject act as one service principal."
	if r.servicePrincipal {
		attrs["id"] = schema.StringAttribute{Computed: true, PlanModifiers: keep,
			MarkdownDescription: "`<service_principal_id>/<policy_id>`, the form `terraform import` takes."}
		attrs["service_principal_id"] = schema.Int64Attribute{
			MarkdownDescription: "The numeric (SCIM) id of the service principal the policy belongs to. " +
				"Changing it replaces the policy.",
			Required:      true,
			Validators:    []validator.Int64{int64validator.AtLeast(1)},
			PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		}
		desc = "A service principal federation policy (workload identity federation): lets a workload such as a " +
			"GitHub Actions or Azure DevOps pipeline authenticate as the service principal with an OIDC token from " +
			"its identity provider, instead of a long-lived secret. A token is accepted when its issuer, audience and " +
			"subject match the policy."
	}
	resp.Schema = schema.Schema{MarkdownDescription: desc + federationPolicyIDNote, Attributes: attrs}
}

func (r *federationPolicyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan fails the plan without an account API (account_id), rather than the
// apply, and plans update_time from what the attributes' plan modifiers decided: the
// framework marks it unknown for any change in the configuration, even one a modifier
// then finds equivalent (jwks_json written differently, audiences in another order),
// and not for a change a modifier makes (subject_claim going back to the server's
// default). It is unknown exactly when an update is planned.
func (r *federationPolicyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !requireAccountAtPlan(r.client, req, &resp.Diagnostics) || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	updateTime := path.Root("update_time")
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, updateTime, &prior)...)
	unchanged := resp.Plan // a copy: is the plan the state, but for update_time?
	resp.Diagnostics.Append(unchanged.SetAttribute(ctx, updateTime, prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if unchanged.Raw.Equal(req.State.Raw) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, updateTime, prior)...)
	} else {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, updateTime, types.StringUnknown())...)
	}
}

func (r *federationPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	a := r.client.Account(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	body := models.FederationPolicyToSDK(ctx, plan.FederationPolicy, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sp := plan.ServicePrincipalID.ValueInt64()
	// The id is chosen here, before the request, so that a create whose answer is
	// lost can be found again by that id.
	id, userChosen := plan.PolicyID.ValueString(), true
	if plan.PolicyID.IsNull() || plan.PolicyID.IsUnknown() {
		id, userChosen = newFederationPolicyID(), false
	}
	out, sent := sendCreate(ctx, r.client,
		func(ctx context.Context) (*oauth2.FederationPolicy, error) { return r.create(ctx, a, sp, id, body) },
		func(p *oauth2.FederationPolicy) error { return checkPolicyAnswer(id, p) })
	switch {
	case sent.outcome == createCarriedOut:
	case sent.outcome == createUnknown:
		var ok bool
		if out, ok = r.recoverLostCreate(ctx, a, sp, id, userChosen, body, plan, sent, &resp.State, &resp.Diagnostics); !ok {
			return
		}
	case client.IsConflict(sent.err):
		resp.Diagnostics.AddAttributeError(path.Root("policy_id"), "Federation policy already exists", r.takenDetail(sp, id, ""))
		return
	case client.ObjectNotFound(sent.err) && r.servicePrincipal:
		resp.Diagnostics.AddAttributeError(path.Root("service_principal_id"), fmt.Sprintf("Service principal %d not found", sp),
			fmt.Sprintf("Cannot create %s: service principal %d does not exist in this account (or `account_id` is "+
				"wrong). service_principal_id must be the numeric (SCIM) id of an account service principal. The server "+
				"answered: %s", r.describe(sp, id), sp, client.Describe(sent.err)))
		return
	default:
		client.AddError(&resp.Diagnostics, "Cannot create "+r.describe(sp, id), sent.err)
		return
	}
	r.store(ctx, &resp.State, r.model(ctx, sp, id, out, plan, &resp.Diagnostics), &resp.Diagnostics)
}

func (r *federationPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	st, a := r.loadManaged(ctx, req.State, req.Private, &resp.Diagnostics)
	if a == nil {
		return
	}
	recordObjectAccount(ctx, r.client, resp.Private, &resp.Diagnostics)
	sp, id := st.ServicePrincipalID.ValueInt64(), st.PolicyID.ValueString()
	got, err := r.get(ctx, a, sp, id)
	if err != nil {
		gone, err := r.client.Gone(ctx, err, r.collection(sp))
		if gone {
			tflog.Info(ctx, "Federation policy not found; removing it from state", map[string]any{"policy_id": id})
			resp.State.RemoveResource(ctx)
			return
		}
		client.AddError(&resp.Diagnostics, "Cannot read "+r.describe(sp, id), err)
		return
	}
	if err := checkPolicyAnswer(id, got); err != nil {
		resp.Diagnostics.AddError("Cannot read "+r.describe(sp, id), client.Describe(err)+"; the state is left unchanged.")
		return
	}
	r.store(ctx, &resp.State, r.model(ctx, sp, id, got, st, &resp.Diagnostics), &resp.Diagnostics)
}

func (r *federationPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r, resp.Identity, &resp.Diagnostics, &resp.State)
	plan := r.load(ctx, req.Plan, &resp.Diagnostics)
	st, a := r.loadManaged(ctx, req.State, req.Private, &resp.Diagnostics)
	if a == nil {
		return
	}
	sp, id := st.ServicePrincipalID.ValueInt64(), st.PolicyID.ValueString()
	mask := models.FederationPolicyUpdateMask(ctx, plan.FederationPolicy, st.FederationPolicy, &resp.Diagnostics)
	body := models.FederationPolicyToSDK(ctx, plan.FederationPolicy, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var out *oauth2.FederationPolicy
	var err error
	if mask == "" {
		// Only a change the API cannot see (e.g. "" for null): nothing to send. An empty
		// mask must not be sent either: without a mask the API overwrites every field
		// present in the body.
		out, err = r.get(ctx, a, sp, id)
	} else {
		out, err = r.update(ctx, a, sp, id, mask, body)
	}
	if err == nil {
		err = checkPolicyAnswer(id, out)
	}
	if err != nil {
		client.AddError(&resp.Diagnostics, "Cannot update "+r.describe(sp, id), err)
		return
	}
	r.store(ctx, &resp.State, r.model(ctx, sp, id, out, plan, &resp.Diagnostics), &resp.Diagnostics)
}

func (r *federationPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	st, a := r.loadManaged(ctx, req.State, req.Private, &resp.Diagnostics)
	if a == nil {
		return
	}
	sp, id := st.ServicePrincipalID.ValueInt64(), st.PolicyID.ValueString()
	err := r.delete(ctx, a, sp, id)
	deleteAnswer(ctx, r.client, r.describe(sp, id), r.collection(sp), err,
		func() error { _, err := r.get(ctx, a, sp, id); return err }, &resp.Diagnostics)
}

func (r *federationPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIDFromIdentity(ctx, r, &req, resp) {
		return
	}
	if !r.servicePrincipal {
		if !federationPolicyIDRe.MatchString(req.ID) {
			resp.Diagnostics.AddError("Invalid import id",
				fmt.Sprintf("Expected the policy_id of an account federation policy, which %s; got %q.", federationPolicyIDRule, req.ID))
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_id"), req.ID)...)
		return
	}
	sp, id, err := ParseServicePrincipalChildID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Expected <service_principal_id>/<policy_id>, e.g. 1001/my-policy: %s.", err))
		return
	}
	if !federationPolicyIDRe.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Expected <service_principal_id>/<policy_id>, e.g. 1001/my-policy, where the policy_id %s; got %q.",
				federationPolicyIDRule, id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), ServicePrincipalChildID(sp, id))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("service_principal_id"), sp)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("policy_id"), id)...)
}

// ---- The model by scope, and the API calls by scope.

// load reads a plan or state into the common model.
func (r *federationPolicyResource) load(ctx context.Context, src interface {
	Get(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics) federationPolicyModel {
	if r.servicePrincipal {
		var m federationPolicyModel
		diags.Append(src.Get(ctx, &m)...)
		return m
	}
	var m accountFederationPolicyModel
	diags.Append(src.Get(ctx, &m)...)
	return federationPolicyModel{ID: m.ID, ServicePrincipalID: types.Int64Null(), FederationPolicy: m.FederationPolicy}
}

// loadManaged starts a Read, Update or Delete: it loads the state and returns the
// account API, nil when the operation must stop (see accountObject).
func (r *federationPolicyResource) loadManaged(ctx context.Context, state tfsdk.State, p privateGetter, diags *diag.Diagnostics) (federationPolicyModel, *databricks.AccountClient) {
	st := r.load(ctx, state, diags)
	a := r.client.Account(diags)
	if diags.HasError() || !checkObjectAccount(ctx, r.client, p, "federation policy", diags) {
		return st, nil
	}
	return st, a
}

// store writes the common model into the state.
func (r *federationPolicyResource) store(ctx context.Context, dst *tfsdk.State, m federationPolicyModel, diags *diag.Diagnostics) {
	diags.Append(dst.Set(ctx, r.stateValue(m))...)
}

// stateValue is m in the shape of the resource's schema.
func (r *federationPolicyResource) stateValue(m federationPolicyModel) any {
	if r.servicePrincipal {
		return m
	}
	return accountFederationPolicyModel{ID: m.ID, FederationPolicy: m.FederationPolicy}
}

// model builds the state from the server's policy; prior is the plan or the state
// (see models.FederationPolicyFromSDK). id is the policy id the request addressed.
func (r *federationPolicyResource) model(ctx context.Context, sp int64, id string, p *oauth2.FederationPolicy, prior federationPolicyModel, diags *diag.Diagnostics) federationPolicyModel {
	m := federationPolicyModel{
		ServicePrincipalID: types.Int64Null(),
		FederationPolicy:   models.FederationPolicyFromSDK(ctx, p, prior.FederationPolicy, diags),
	}
	// The ids the server answered with (checkPolicyAnswer made sure they are the
	// addressed policy's), so that an import's spelling never lingers in state.
	if p.PolicyId != "" {
		id = p.PolicyId
	}
	m.ID = types.StringValue(r.importID(sp, id))
	m.PolicyID = types.StringValue(id)
	if r.servicePrincipal {
		m.ServicePrincipalID = types.Int64Value(sp)
	}
	return m
}

// The API calls, by scope.

func (r *federationPolicyResource) create(ctx context.Context, a *databricks.AccountClient, sp int64, id string, p oauth2.FederationPolicy) (*oauth2.FederationPolicy, error) {
	if r.servicePrincipal {
		return a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: sp, PolicyId: id, Policy: p})
	}
	return a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: id, Policy: p})
}

func (r *federationPolicyResource) get(ctx context.Context, a *databricks.AccountClient, sp int64, id string) (*oauth2.FederationPolicy, error) {
	if r.servicePrincipal {
		return a.ServicePrincipalFederationPolicy.GetByServicePrincipalIdAndPolicyId(ctx, sp, id)
	}
	return a.FederationPolicy.GetByPolicyId(ctx, id)
}

func (r *federationPolicyResource) update(ctx context.Context, a *databricks.AccountClient, sp int64, id, mask string, p oauth2.FederationPolicy) (*oauth2.FederationPolicy, error) {
	if r.servicePrincipal {
		return a.ServicePrincipalFederationPolicy.Update(ctx, oauth2.UpdateServicePrincipalFederationPolicyRequest{
			ServicePrincipalId: sp, PolicyId: id, UpdateMask: mask, Policy: p})
	}
	return a.FederationPolicy.Update(ctx, oauth2.UpdateAccountFederationPolicyRequest{PolicyId: id, UpdateMask: mask, Policy: p})
}

func (r *federationPolicyResource) delete(ctx context.Context, a *databricks.AccountClient, sp int64, id string) error {
	if r.servicePrincipal {
		return a.ServicePrincipalFederationPolicy.DeleteByServicePrincipalIdAndPolicyId(ctx, sp, id)
	}
	return a.FederationPolicy.DeleteByPolicyId(ctx, id)
}

// newFederationPolicyID returns a random policy id: "tf-" and 16 hex digits.
func newFederationPolicyID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "tf-" + hex.EncodeToString(b)
}

// collection is the API path that lists the policies of the scope: what proves, by
// answering, that a 404 about one policy means it is gone (client.Gone).
func (r *federationPolicyResource) collection(sp int64) string {
	if r.servicePrincipal {
		return r.client.AccountPath("/servicePrincipals/%d/federationPolicies", sp)
	}
	return r.client.AccountPath("/federationPolicies")
}

// checkPolicyAnswer refuses an answer that is not the policy id: an empty object,
// one without oidc_policy, or another policy. Saving it would null the state's
// attributes or plan a replacement.
func checkPolicyAnswer(id string, p *oauth2.FederationPolicy) error {
	switch {
	case p == nil || (p.PolicyId == "" && p.Name == ""):
		return errors.New("the server's answer has no policy_id, so it cannot be the policy")
	case p.OidcPolicy == nil:
		return errors.New("the server's answer has no oidc_policy, which every federation policy has")
	case p.PolicyId != "" && p.PolicyId != id:
		return fmt.Errorf("the server answered with policy %q instead of %q", p.PolicyId, id)
	}
	return nil
}

// ---- A create that failed, or whose answer was lost.

// takenDetail explains that a policy with the id exists and is not this create's.
func (r *federationPolicyResource) takenDetail(sp int64, id, why string) string {
	return fmt.Sprintf("The %s already exists%s. To manage it with Terraform, import it instead "+
		"(`terraform import <resource address> %s`, or an `import` block), or choose another policy_id.",
		r.describe(sp, id), why, r.importID(sp, id))
}

// recoverLostCreate handles a create whose outcome is unknown. The policy is looked
// up by the id the provider sent: it is adopted only when it was created during the
// request (its create_time lies in the request's window) and has the planned
// settings; a policy with the id that fails either test is someone else's, and the
// error says the id is taken. It returns the policy and true when adopted.
func (r *federationPolicyResource) recoverLostCreate(ctx context.Context, a *databricks.AccountClient, sp int64, id string, userChosen bool,
	body oauth2.FederationPolicy, plan federationPolicyModel, sent sentCreate, state *tfsdk.State, diags *diag.Diagnostics) (*oauth2.FederationPolicy, bool) {
	tflog.Warn(ctx, "Create of a federation policy failed in a way that may hide success; looking it up by id",
		map[string]any{"policy_id": id, "error": client.Describe(sent.err)})
	action := "Cannot create " + r.describe(sp, id)
	got, err := r.get(ctx, a, sp, id)
	if err == nil {
		err = checkPolicyAnswer(id, got)
	}
	switch {
	case err == nil && sent.window.calibrated && sent.window.contains(got.CreateTime) && policyMatches(body, got):
		tflog.Info(ctx, "Adopted the federation policy whose create answer was lost", map[string]any{"policy_id": id})
		return got, true
	case err == nil:
		diags.AddAttributeError(path.Root("policy_id"), "Federation policy already exists", r.takenDetail(sp, id,
			fmt.Sprintf(", but it is not the one this create request made (created %s, settings %s; the request was "+
				"on the wire %s). The create request itself failed: %s", got.CreateTime, matchWord(policyMatches(body, got)),
				sent.window.describe(), client.Describe(sent.err))))
		return nil, false
	}
	gone, err := r.client.Gone(ctx, err, r.collection(sp))
	if gone {
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, but no policy "+
			"with id %q exists. If one shows up later, import it (`terraform import <resource address> %s`) or delete "+
			"it; list the candidates with `%s`.", client.Describe(sent.err), id, r.importID(sp, id), r.listCommand(sp)))
		return nil, false
	}
	if userChosen {
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and looking the "+
			"policy up failed too (%s). If the policy exists now, check that it is this configuration's, then import it "+
			"(`terraform import <resource address> %s`); list the candidates with `%s`.",
			client.Describe(sent.err), client.Describe(err), r.importID(sp, id), r.listCommand(sp)))
		return nil, false
	}
	// Unknown outcome for an id the provider chose at random: only this create can
	// have made a policy with it. Keep the id in state (the resource is then tainted),
	// so the next run finds the policy if it exists, and replaces it, rather than
	// leaving it orphaned.
	client.AddError(diags, action+"; it may exist on the server and is kept in state, so the next apply reconciles it", sent.err)
	r.storePartial(ctx, state, sp, id, plan, diags)
	return nil, false
}

func matchWord(ok bool) string {
	if ok {
		return "as planned"
	}
	return "different from the configuration"
}

func (r *federationPolicyResource) listCommand(sp int64) string {
	if r.servicePrincipal {
		return fmt.Sprintf("databricks account service-principal-federation-policy list %d", sp)
	}
	return "databricks account federation-policy list"
}

// policyMatches reports whether a policy found after a lost create has the settings
// the request sent. Fields the request left out are the server's to fill (e.g. a
// default subject_claim); JSON key sets are compared as JSON.
func policyMatches(want oauth2.FederationPolicy, got *oauth2.FederationPolicy) bool {
	w, g := want.OidcPolicy, got.OidcPolicy
	if w == nil || g == nil {
		return w == g
	}
	sameOrDefault := func(want, got string) bool { return want == "" || want == got }
	return want.Description == got.Description &&
		w.Issuer == g.Issuer && slices.Equal(w.Audiences, g.Audiences) && w.Subject == g.Subject &&
		sameOrDefault(w.SubjectClaim, g.SubjectClaim) && w.JwksUri == g.JwksUri && sameJSON(w.JwksJson, g.JwksJson)
}

// sameJSON compares two JSON texts by value; texts that are not JSON by bytes.
func sameJSON(a, b string) bool {
	if a == b {
		return true
	}
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// storePartial saves the plan with the known ids, for a create whose outcome is
// unknown (see setPartialState).
func (r *federationPolicyResource) storePartial(ctx context.Context, dst *tfsdk.State, sp int64, id string, plan federationPolicyModel, diags *diag.Diagnostics) {
	plan.ID = types.StringValue(r.importID(sp, id))
	plan.PolicyID = types.StringValue(id)
	setPartialState(ctx, dst, r.stateValue(plan), diags)
}
