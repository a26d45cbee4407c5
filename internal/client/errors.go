package client

import (
	"errors"
	"fmt"
	"strings"

	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/databricks/databricks-sdk-go/httpclient"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// IsMissing reports whether err is a not-found answer of any kind (404 or
// RESOURCE_DOES_NOT_EXIST). It proves nothing: see Client.Gone for when an object
// may be taken as deleted.
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
	diags.AddError(action, Describe(err))
}

// Describe is the user-facing text of an API error: the server's message with its
// status and error code, or a plain explanation of an answer that could not be read.
// It never carries the response body.
func Describe(err error) string {
	var unproven *UnprovenAbsenceError
	if errors.As(err, &unproven) {
		return describeUnproven(unproven)
	}
	var hinted *hintedError
	if errors.As(err, &hinted) {
		return hinted.Error()
	}
	if errors.Is(err, ErrEmptyAnswer) {
		return "The server answered with an empty body where the API sends a JSON object: a proxy or a wrong " +
			"`host` probably answered in place of the Databricks API."
	}
	var apiErr *apierr.APIError
	isAPIErr := errors.As(err, &apiErr)
	if isAPIErr && strings.HasPrefix(strings.TrimSpace(apiErr.Message), "<") || errors.Is(err, httpclient.ErrHTMLContent) {
		status := ""
		if isAPIErr {
			status = fmt.Sprintf(" (HTTP %d)", apiErr.StatusCode)
		}
		return "The server answered with an HTML page instead of the API's JSON" + status + ": a proxy, gateway or " +
			"login page probably answered in place of the Databricks API. Check `host` and any proxy between " +
			"Terraform and Databricks."
	}
	if isAPIErr && apiErr.ErrorCode != "" && apiErr.ErrorCode != "<nil>" {
		return fmt.Sprintf("%s (HTTP %d, %s)", Redact(apiErr.Message), apiErr.StatusCode, apiErr.ErrorCode)
	}
	msg := err.Error()
	// The SDK appends the whole request log (with the response body, which may hold a
	// secret) to an unreadable answer: keep only what went wrong.
	if cause, ok := strings.CutPrefix(msg, "failed to unmarshal response body: "); ok {
		cause, _, _ = strings.Cut(cause, ". This is likely a bug")
		return "The server's answer could not be read (" + Redact(cause) + "): it was not valid JSON, " +
			"perhaps cut off by a dropped connection or a proxy."
	}
	return Redact(msg)
}
