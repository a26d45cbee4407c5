package resources

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// absoluteURL is a URL with a scheme and something after it.
var absoluteURL = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s]+$`)

// readAnswer handles what a Read does with the answer of its Get, the same for every
// integration: a missing object is removed from state (the next plan creates it, no
// error), another error is reported, and an answer without the object's id (an empty
// or foreign body, e.g. from a proxy) is refused, as saving it would lose the id.
// gotID is only called when err is nil. It returns false when Read must stop.
func readAnswer(ctx context.Context, kind, id string, err error, gotID func() string, resp *resource.ReadResponse) bool {
	if client.IsMissing(err) {
		resp.State.RemoveResource(ctx)
		return false
	}
	if err != nil {
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
