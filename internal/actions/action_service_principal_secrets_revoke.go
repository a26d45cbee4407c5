// Package actions holds the provider's actions (Terraform 1.14+): day-2 operations run
// with `terraform apply -invoke=action.<type>.<name>` or from a resource's
// `action_trigger`, outside the plan/apply lifecycle of any resource.
package actions

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

var (
	_ action.Action              = (*secretsRevokeAction)(nil)
	_ action.ActionWithConfigure = (*secretsRevokeAction)(nil)
)

// NewServicePrincipalSecretsRevokeAction is the factory registered with the provider.
func NewServicePrincipalSecretsRevokeAction() action.Action { return &secretsRevokeAction{} }

// secretsRevokeAction deletes every OAuth secret of a service principal except those
// it is told to keep: incident response after a secret leaked.
type secretsRevokeAction struct{ client *client.Client }

type secretsRevokeModel struct {
	ServicePrincipalID types.Int64 `tfsdk:"service_principal_id"`
	KeepSecretIDs      types.Set   `tfsdk:"keep_secret_ids"` // of string
	DryRun             types.Bool  `tfsdk:"dry_run"`
}

func (a *secretsRevokeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principal_secrets_revoke"
}

func (a *secretsRevokeAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Revokes (deletes) every OAuth secret of a service principal except the ones named in " +
			"`keep_secret_ids`: incident response after a secret leaked, run with " +
			"`terraform apply -invoke=action.databricksoauth_service_principal_secrets_revoke.<name>`. Each secret " +
			"is reported as it is handled.\n\n" +
			"It is a **dry run unless `dry_run = false`**: by default it only reports what it would delete. Before " +
			"deleting anything it checks that every id in `keep_secret_ids` is a secret of the service principal, " +
			"so that a mistyped id cannot get the secret it meant to keep deleted; if one is not, nothing is deleted. " +
			"A deletion that fails does not stop the others; the action then fails, naming each secret it could " +
			"not delete. Applications that still use a revoked secret stop authenticating.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.Int64Attribute{Required: true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				MarkdownDescription: "The numeric (SCIM) id of the service principal whose secrets are revoked."},
			"keep_secret_ids": schema.SetAttribute{Required: true, ElementType: types.StringType,
				MarkdownDescription: "Ids of the secrets to keep, e.g. those this configuration manages " +
					"(`[databricksoauth_service_principal_secret.ci.id]`). `[]` revokes every secret."},
			"dry_run": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "When true, the default, only report what would be revoked. Set `false` to delete."},
		},
	}
}

func (a *secretsRevokeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = client.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *secretsRevokeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m secretsRevokeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	keep, ok := keptIDs(ctx, m.KeepSecretIDs, &resp.Diagnostics)
	if !ok {
		return
	}
	sp := m.ServicePrincipalID.ValueInt64()
	// Anything but an explicit false is a dry run.
	dryRun := m.DryRun.IsNull() || m.DryRun.IsUnknown() || m.DryRun.ValueBool()
	progress := progressTo(ctx, resp)

	all, err := a.client.ListSecrets(ctx, sp)
	if err != nil {
		client.AddError(&resp.Diagnostics, fmt.Sprintf("Cannot list the OAuth secrets of service principal %d; nothing was revoked", sp), err)
		return
	}
	if !keptExist(sp, all, keep, &resp.Diagnostics) {
		return
	}
	var revoke []oauth2.SecretInfo
	for _, s := range all {
		if !keep[s.Id] {
			revoke = append(revoke, s)
		}
	}
	if dryRun {
		progress("Dry run: service principal %d has %d OAuth secret(s): %d would be revoked, %d kept.", sp, len(all), len(revoke), len(keep))
	} else {
		progress("Service principal %d has %d OAuth secret(s): revoking %d, keeping %d.", sp, len(all), len(revoke), len(keep))
	}
	revoked, failed := a.revoke(ctx, sp, revoke, dryRun, progress)
	for _, s := range all {
		if keep[s.Id] {
			progress("Keeping %s", describe(s))
		}
	}
	if dryRun {
		progress("Dry run: nothing was revoked. %d secret(s) would be; set dry_run = false to revoke them.", len(revoke))
		return
	}
	progress("Revoked %d of %d secret(s) of service principal %d.", revoked, len(revoke), sp)
	if len(failed) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot revoke %d OAuth secret(s) of service principal %d", len(failed), sp),
			"These secrets are still valid; run the action again, or delete them with `databricks account "+
				"service-principal-secrets delete`:\n\n"+strings.Join(failed, "\n"))
	}
}

// progressFunc reports one step of the action.
type progressFunc func(format string, args ...any)

// progressTo logs each step and sends it to Terraform, which shows it as it happens.
func progressTo(ctx context.Context, resp *action.InvokeResponse) progressFunc {
	return func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		tflog.Info(ctx, msg)
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
}

// keptIDs returns the ids to keep. An id not known yet (a managed secret still to be
// created) cannot be kept: the action stops before listing anything rather than guess.
func keptIDs(ctx context.Context, ids types.Set, diags *diag.Diagnostics) (map[string]bool, bool) {
	if ids.IsUnknown() || slices.ContainsFunc(ids.Elements(), attr.Value.IsUnknown) {
		diags.AddAttributeError(pathKeep, "Secrets to keep not known yet; nothing was revoked",
			"keep_secret_ids refers to a value known only after apply, such as the id of a secret that does not "+
				"exist yet. Apply the configuration first, then invoke the action.")
		return nil, false
	}
	var list []string
	diags.Append(ids.ElementsAs(ctx, &list, false)...)
	keep := make(map[string]bool, len(list))
	for _, id := range list {
		keep[id] = true
	}
	return keep, !diags.HasError()
}

// keptExist reports whether every id to keep is one of the principal's secrets, with
// an error if not: a mistyped id would otherwise get the secret it meant to keep deleted.
func keptExist(sp int64, all []oauth2.SecretInfo, keep map[string]bool, diags *diag.Diagnostics) bool {
	var unknown []string
	for id := range keep {
		if !hasSecret(all, id) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return true
	}
	sort.Strings(unknown)
	diags.AddAttributeError(pathKeep, "Secret to keep not found; nothing was revoked",
		fmt.Sprintf("Service principal %d has no secret with id %s. Nothing was revoked: a mistyped id would "+
			"otherwise get the secret it meant to keep deleted. Its secrets are: %s.",
			sp, strings.Join(unknown, ", "), describeIDs(all)))
	return false
}

// revoke deletes the secrets (or, in a dry run, says it would), and returns how many
// it deleted and the failures. A secret already gone counts as neither.
func (a *secretsRevokeAction) revoke(ctx context.Context, sp int64, secrets []oauth2.SecretInfo, dryRun bool, progress progressFunc) (int, []string) {
	var failed []string
	revoked := 0
	for _, s := range secrets {
		what := describe(s)
		if dryRun {
			progress("Would revoke %s", what)
			continue
		}
		err := a.client.DeleteSecret(ctx, sp, s.Id)
		switch {
		case client.IsMissing(err):
			progress("Secret %s was already gone", s.Id)
		case err != nil:
			failed = append(failed, fmt.Sprintf("%s: %s", s.Id, client.Describe(err)))
			progress("Cannot revoke %s: %s", what, client.Describe(err))
		default:
			revoked++
			progress("Revoked %s", what)
		}
	}
	return revoked, failed
}

var pathKeep = path.Root("keep_secret_ids")

func hasSecret(all []oauth2.SecretInfo, id string) bool {
	for _, s := range all {
		if s.Id == id {
			return true
		}
	}
	return false
}

// describe names a secret in messages by its id and times, never its value (which
// the list API does not return anyway).
func describe(s oauth2.SecretInfo) string {
	out := "secret " + s.Id
	var parts []string
	if s.CreateTime != "" {
		parts = append(parts, "created "+s.CreateTime)
	}
	if s.ExpireTime != "" {
		parts = append(parts, "expires "+s.ExpireTime)
	}
	if s.Status != "" {
		parts = append(parts, strings.ToLower(s.Status))
	}
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	return out
}

func describeIDs(all []oauth2.SecretInfo) string {
	if len(all) == 0 {
		return "none"
	}
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.Id
	}
	return strings.Join(ids, ", ")
}
