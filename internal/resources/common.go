package resources

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// absoluteURL is a URL with a scheme and something after it.
var absoluteURL = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s]+$`)

// readAnswer handles what a Read does with the answer of its Get, the same for every
// integration: an object proven gone is removed from state (the next plan creates
// it, no error; see client.Gone), another error is reported with the state left as
// it was, and an answer without the object's id (an empty or foreign body, e.g. from
// a proxy) is refused, as saving it would lose the id. collection is the API path
// that lists the object's kind. gotID is only called when err is nil. It returns
// false when Read must stop.
func readAnswer(ctx context.Context, c *client.Client, kind, id, collection string, err error, gotID func() string, resp *resource.ReadResponse) bool {
	if err != nil {
		gone, err := c.Gone(ctx, err, collection)
		if gone {
			tflog.Info(ctx, "Object not found; removing it from state", map[string]any{"kind": kind, "id": id})
			resp.State.RemoveResource(ctx)
			return false
		}
		client.AddError(&resp.Diagnostics, "Cannot read "+kind+" "+id, err)
		return false
	}
	if gotID() == "" {
		resp.Diagnostics.AddError("Cannot read "+kind+" "+id,
			"The server's answer has no integration_id, so it cannot be the integration; the state is left unchanged.")
		return false
	}
	return true
}

// deleteAnswer handles the error of a Delete of what (e.g. `custom app integration <id>`). A 404 counts as "already deleted" only
// when a read of the object proves it gone as Read would (get's error, see
// client.Gone): a delete's 404 alone may come from a wrong host or account, or a
// proxy. Anything else is an error, so that destroy never reports success for an
// object that is still there.
func deleteAnswer(ctx context.Context, c *client.Client, what, collection string, err error, get func() error, diags *diag.Diagnostics) {
	if err == nil {
		return
	}
	action := "Cannot delete " + what
	if !client.IsMissing(err) {
		client.AddError(diags, action, err)
		return
	}
	gerr := get()
	if gerr == nil {
		diags.AddError(action, fmt.Sprintf("The server answered the delete with %s, but still serves the object: the "+
			"state is left unchanged.", client.Describe(err)))
		return
	}
	if gone, gerr := c.Gone(ctx, gerr, collection); !gone {
		client.AddError(diags, action, gerr)
	}
}

// The account an object belongs to is kept in its private state, so that a provider
// configured for another account (an account the same credentials administer, where
// the object's id answers 404 or even names another object) can never read the object
// as gone, delete it "successfully", or change someone else's object of the same id.
const privateAccountKey = "account"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type objectAccount struct {
	AccountID string `json:"account_id"`
}

// checkObjectAccount reports false, with an error, when the object what was recorded
// in another account than the one the provider is configured for. Objects without a
// record (state from an earlier release, workspace mode) pass.
func checkObjectAccount(ctx context.Context, c *client.Client, p privateGetter, what string, diags *diag.Diagnostics) bool {
	if c == nil || c.AccountID == "" || p == nil {
		return true
	}
	raw, d := p.GetKey(ctx, privateAccountKey)
	diags.Append(d...)
	var rec objectAccount
	if raw == nil || json.Unmarshal(raw, &rec) != nil || rec.AccountID == "" || rec.AccountID == c.AccountID {
		return true
	}
	diags.AddError("The "+what+" belongs to another account",
		fmt.Sprintf("Terraform created or imported the %s in account %q, but the provider is now configured for "+
			"account %q (`account_id`). The provider does not read, change or delete it there: the state is left "+
			"unchanged. Set `account_id` back to %q; if the object really moved, remove it from the state "+
			"(`terraform state rm`) and import it again.", what, rec.AccountID, c.AccountID, rec.AccountID))
	return false
}

// recordObjectAccount records the configured account as the object's (account mode).
func recordObjectAccount(ctx context.Context, c *client.Client, p privateSetter, diags *diag.Diagnostics) {
	if c == nil || c.AccountID == "" || p == nil {
		return
	}
	raw, err := json.Marshal(objectAccount{AccountID: c.AccountID})
	if err == nil {
		diags.Append(p.SetKey(ctx, privateAccountKey, raw)...)
	}
}
