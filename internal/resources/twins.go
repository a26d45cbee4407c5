package resources

// Twins and lost creates: what the provider does when the answer to a create request
// may not tell the whole story.
//
// The Databricks SDK retries a request answered 429 or 503 (and some network errors),
// POST included. If the server had carried the create out before it failed, the retry
// makes a second object: a twin. And a create that fails without a clear refusal (a
// 500, an unreadable answer, a dropped connection) may have been carried out anyway.
// Custom app integrations and secrets have no idempotency key and get a server-chosen
// id, so the provider looks for such objects by what it knows: the name (custom apps)
// or the service principal (secrets), and the creation time, which must lie inside
// the window of the create request (client.AttemptLog).
//
// Found objects are never deleted: they might belong to someone else. Twins get a
// warning naming them with the command that deletes them; after a failed create, an
// object that can be adopted without losing anything is adopted, and otherwise the
// error names it with the import or delete command.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// createClockSkew widens a create request's window on both sides: create_time comes
// from the server's clock, the window from this machine's.
var createClockSkew = 5 * time.Second

// createWindow is when a create request was on the wire, by the local clock.
type createWindow struct {
	from, to time.Time
}

// windowOf returns the window of the attempts recorded in l, or of [start, now] if
// none were recorded (the request never left, which makes the window moot).
func windowOf(l *client.AttemptLog, start time.Time) createWindow {
	if from, to, ok := l.Window(); ok {
		return createWindow{from, to}
	}
	return createWindow{start, time.Now()}
}

// contains reports whether an RFC 3339 create_time lies in the window, give or take
// createClockSkew. An unreadable or missing time does not.
func (w createWindow) contains(createTime string) bool {
	t, err := time.Parse(time.RFC3339, createTime)
	if err != nil {
		return false
	}
	return !t.Before(w.from.Add(-createClockSkew)) && !t.After(w.to.Add(createClockSkew))
}

// createdHere remembers the objects this provider process created (by kind and id),
// so that the search for twins skips the siblings made by the same run, e.g. several
// secrets of one service principal created at once.
var createdHere sync.Map

func noteCreated(kind, id string) {
	if id != "" {
		createdHere.Store(kind+"\x00"+id, struct{}{})
	}
}

func wasCreatedHere(kind, id string) bool {
	_, ok := createdHere.Load(kind + "\x00" + id)
	return ok
}

const (
	kindCustomApp = "custom_app_integration"
	kindSecret    = "service_principal_secret"
)

// ---- Custom app integrations: found by name.

// customAppsCreatedIn lists the custom app integrations named name whose creation
// time lies in w, except those created by this process (and so known to Terraform)
// and the ids in except.
func customAppsCreatedIn(ctx context.Context, a *databricks.AccountClient, name string, w createWindow, except ...string) ([]oauth2.GetCustomAppIntegrationOutput, error) {
	all, err := a.CustomAppIntegration.ListAll(ctx, oauth2.ListCustomAppIntegrationsRequest{})
	if err != nil {
		return nil, err
	}
	var out []oauth2.GetCustomAppIntegrationOutput
	for _, app := range all {
		if app.Name != name || !w.contains(app.CreateTime) || wasCreatedHere(kindCustomApp, app.IntegrationId) || contains(except, app.IntegrationId) {
			continue
		}
		out = append(out, app)
	}
	return out, nil
}

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

// ---- Service principal secrets: found by principal.

// secretsCreatedIn lists the secrets of sp whose creation time lies in w, except
// those created by this process and the ids in except. It lists afresh: a create
// drops the principal's cached listing.
func secretsCreatedIn(ctx context.Context, c *client.Client, sp int64, w createWindow, except ...string) ([]oauth2.SecretInfo, error) {
	all, err := c.ListSecrets(ctx, sp)
	if err != nil {
		return nil, err
	}
	var out []oauth2.SecretInfo
	for _, s := range all {
		if !w.contains(s.CreateTime) || wasCreatedHere(kindSecret, s.Id) || contains(except, s.Id) {
			continue
		}
		out = append(out, s)
	}
	return out, nil
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
		fmt.Fprintf(&b, "  - secret %s (created %s, expires %s)\n    to delete it: %s\n",
			s.Id, s.CreateTime, orNever(s.ExpireTime), secretDeleteCommand(c, sp, s.Id))
	}
	return b.String()
}

func orNever(t string) string {
	if t == "" {
		return "never"
	}
	return t
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

// lostSecretDetail explains a failed secret create after which secrets created during
// the request were found: their values are lost, so they cannot be adopted.
func lostSecretDetail(c *client.Client, sp int64, err error, found []oauth2.SecretInfo) string {
	return fmt.Sprintf("The create request failed (%s), but service principal %d now holds %d secret(s) created "+
		"during the request, most likely by it:\n\n%s\n"+
		"The API returns a secret's value only in the create answer, which was lost, so the provider cannot adopt "+
		"it: nobody can use it. Delete it (it also takes one of the principal's %d secret slots until it expires), "+
		"then apply again.", client.Describe(err), sp, len(found), describeSecrets(c, sp, found), client.MaxSecretsPerPrincipal)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// sameStrings reports whether a and b hold the same strings, in any order.
func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s]--; count[s] < 0 {
			return false
		}
	}
	return true
}

// createSecretChecked creates a secret for the resource and the ephemeral resource.
// It returns ok only with a usable answer (an id and a value), and reports twins made
// by a retried request as a warning. On failure the diagnostics say whether a secret
// may have been created anyway, and which.
func createSecretChecked(ctx context.Context, c *client.Client, sp int64, lifetime string, diags *diag.Diagnostics) (*oauth2.CreateServicePrincipalSecretResponse, bool) {
	start := time.Now()
	actx, attempts := client.WithAttemptLog(ctx, http.MethodPost)
	out, err := c.CreateSecret(actx, sp, lifetime)
	w := windowOf(attempts, start)
	if err == nil && (out.Id == "" || out.Secret == "") {
		err = errors.New("the server's answer to the create request has no secret id or no secret value")
	}
	if err != nil {
		secretCreateFailed(ctx, c, sp, w, attempts, err, diags)
		return nil, false
	}
	noteCreated(kindSecret, out.Id)
	if attempts.RetriedAfterPossibleApply() {
		twins, lerr := secretsCreatedIn(ctx, c, sp, w, out.Id)
		switch {
		case lerr != nil:
			diags.AddWarning("Cannot check for duplicate OAuth secrets",
				fmt.Sprintf("The create request for an OAuth secret of service principal %d was retried after an answer "+
					"that may hide success, so it may have created more than one secret, but listing the principal's "+
					"secrets failed: %s\n\nLook for secrets other than %s created at %s and delete the duplicates.",
					sp, client.Describe(lerr), out.Id, w.from.UTC().Format(time.RFC3339)))
		case len(twins) > 0:
			diags.AddWarning(secretTwinsWarning(c, sp, out.Id, twins))
		}
	}
	return out, true
}

// secretCreateFailed explains a failed secret create. When every attempt was refused,
// nothing was created; otherwise the secrets created during the request are named.
func secretCreateFailed(ctx context.Context, c *client.Client, sp int64, w createWindow, attempts *client.AttemptLog, err error, diags *diag.Diagnostics) {
	if !attempts.MayHaveBeenApplied() {
		c.AddSecretCreateError(ctx, diags, sp, err)
		return
	}
	action := fmt.Sprintf("Cannot create an OAuth secret for service principal %d", sp)
	found, lerr := secretsCreatedIn(ctx, c, sp, w)
	switch {
	case lerr != nil:
		diags.AddError(action, fmt.Sprintf("%s\n\nThe request may have been carried out before it failed, and listing the "+
			"principal's secrets to check failed too (%s). Look for a secret created at %s and delete it: its value "+
			"was only in the lost answer.", client.Describe(err), client.Describe(lerr), w.from.UTC().Format(time.RFC3339)))
	case len(found) == 0:
		c.AddSecretCreateError(ctx, diags, sp, err)
	default:
		tflog.Warn(ctx, "A failed secret create left secrets behind", map[string]any{"service_principal_id": sp, "count": len(found)})
		diags.AddError(action, lostSecretDetail(c, sp, err, found))
	}
}
