package client

import (
	"errors"
	"fmt"

	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// IsMissing reports whether err means the object does not exist (404 or
// RESOURCE_DOES_NOT_EXIST). Read treats it as "removed out of band", Delete as done.
func IsMissing(err error) bool {
	return err != nil && apierr.IsMissing(err)
}

// IsConflict reports a 409 (already exists).
func IsConflict(err error) bool {
	return errors.Is(err, apierr.ErrResourceConflict)
}

// AddError turns an API error into a diagnostic that says what was being done and
// what the server answered (error code included, so users can search for it).
func AddError(diags *diag.Diagnostics, action string, err error) {
	detail := err.Error()
	var apiErr *apierr.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode != "" && apiErr.ErrorCode != "<nil>" {
		detail = fmt.Sprintf("%s (HTTP %d, %s)", apiErr.Message, apiErr.StatusCode, apiErr.ErrorCode)
	}
	diags.AddError(action, detail)
}
