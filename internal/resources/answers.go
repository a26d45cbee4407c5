package resources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// What Read and Delete do with the server's answer, the same for every integration.

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

// deleteByID deletes the object id of kind with del, and handles the answer as
// deleteAnswer does, with get as the read that proves a 404 right.
func deleteByID[T any](ctx context.Context, c *client.Client, kind, id, collection string,
	del func(context.Context, string) error, get func(context.Context, string) (T, error), diags *diag.Diagnostics) {
	err := del(ctx, id)
	deleteAnswer(ctx, c, kind+" "+id, collection, err, func() error { _, err := get(ctx, id); return err }, diags)
}
