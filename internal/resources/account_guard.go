package resources

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/databricks/databricks-sdk-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

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

// managedObject starts a Read, Update or Delete of an object that needs no account API
// (the secrets go through the client's own calls): it loads the state into st and
// reports false when the operation must stop (the diagnostics say why).
func managedObject(ctx context.Context, c *client.Client, state tfsdk.State, p privateGetter, what string, st any, diags *diag.Diagnostics) bool {
	diags.Append(state.Get(ctx, st)...)
	return !diags.HasError() && checkObjectAccount(ctx, c, p, what, diags)
}

// accountObject starts a Read, Update or Delete of an account object: it loads the
// state into st and returns the account API, or nil when the operation must stop (the
// diagnostics say why, e.g. the object was recorded in another account).
func accountObject(ctx context.Context, c *client.Client, state tfsdk.State, p privateGetter, what string, st any, diags *diag.Diagnostics) *databricks.AccountClient {
	diags.Append(state.Get(ctx, st)...)
	a := c.Account(diags)
	if diags.HasError() || !checkObjectAccount(ctx, c, p, what, diags) {
		return nil
	}
	return a
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
