package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/databricks/databricks-sdk-go/apierr"
)

// Only an answer that proves an object is gone may remove it from state: a wrong
// `host` (a workspace URL, a proxy) or a typo in `account_id` answers 404 too, and
// taking that for "deleted" would empty the state, lose the secrets only it held,
// and make the next apply create duplicates. So a 404 counts as "gone" only when
// - its error code says that the addressed object does not exist
//   (RESOURCE_DOES_NOT_EXIST or NOT_FOUND; not ENDPOINT_NOT_FOUND, FEATURE_DISABLED,
//   an HTML page or an empty body), and
// - a one-item listing of the object's collection answers with a JSON object, which
//   proves that the host serves the API and the account (and for service principal
//   policies, the principal) exists. The proof is made once per collection per
//   configured provider (one Terraform command) and shared.

// ObjectNotFound reports a 404 whose error code says that the addressed object does
// not exist. On its own it proves nothing about the host or the account.
func ObjectNotFound(err error) bool {
	var apiErr *apierr.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return false
	}
	return apiErr.ErrorCode == "RESOURCE_DOES_NOT_EXIST" || apiErr.ErrorCode == "NOT_FOUND"
}

// isNotFoundStatus reports any 404-like answer, proven or not.
func isNotFoundStatus(err error) bool {
	var apiErr *apierr.APIError
	return (errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound) || apierr.IsMissing(err)
}

// UnprovenAbsenceError is a 404 (or a missing object in a listing) that does not
// prove the object is gone. Its description names `host` and `account_id`, the
// settings that usually cause it.
type UnprovenAbsenceError struct {
	Err        error  // the answer about the object
	Proof      error  // why the confirming listing failed; nil when none was tried
	Collection string // the collection listed to confirm
	Host       string
	AccountID  string
}

func (e *UnprovenAbsenceError) Error() string { return describeUnproven(e) }

func (e *UnprovenAbsenceError) Unwrap() error { return e.Err }

func describeUnproven(e *UnprovenAbsenceError) string {
	settings := fmt.Sprintf("`host` (%q) and `account_id` (%q)", e.Host, e.AccountID)
	if e.AccountID == "" {
		settings = fmt.Sprintf("`host` (%q, a workspace URL in workspace mode)", e.Host)
	}
	var why string
	if e.Proof == nil {
		why = fmt.Sprintf("The server answered %s. That is not an answer about this object (it is what a wrong "+
			"host, a disabled feature or a proxy answers), so", Describe(e.Err))
	} else {
		why = fmt.Sprintf("The server answered that the object does not exist (%s), but listing %s to confirm that "+
			"the host serves this account's API failed too: %s. So", Describe(e.Err), e.Collection, Describe(e.Proof))
	}
	return why + " the provider does not take it as proof that the object was deleted: the state is left " +
		"unchanged. Check " + settings + ": a workspace URL instead of the account console " +
		"(https://accounts.cloud.databricks.com, accounts.azuredatabricks.net, accounts.gcp.databricks.com), or a " +
		"typo in the account id, gives this answer."
}

// Gone decides what a failed request for one object of collection (an API path such
// as AccountPath("/federationPolicies")) means. It returns true only when err proves
// that the object does not exist (see above); otherwise an error to report, which
// for a 404 of any kind is an *UnprovenAbsenceError. Call it only with err != nil.
func (c *Client) Gone(ctx context.Context, err error, collection string) (bool, error) {
	if !isNotFoundStatus(err) {
		return false, c.WithSettingsHint(err)
	}
	if !ObjectNotFound(err) {
		return false, c.unproven(err, nil, collection)
	}
	if perr := c.ProveCollection(ctx, collection); perr != nil {
		return false, c.unproven(err, perr, collection)
	}
	return true, nil
}

// ProveCollection checks, once per collection and configured provider, that a
// one-item listing of collection answers with a JSON object. Failures are not cached.
func (c *Client) ProveCollection(ctx context.Context, collection string) error {
	_, _, err := c.proofs.Do(ctx, collection, func(ctx context.Context) (struct{}, error) {
		var page map[string]json.RawMessage
		if err := c.Do(ctx, http.MethodGet, collection, map[string]any{"page_size": 1}, nil, &page); err != nil {
			return struct{}{}, err
		}
		if page == nil {
			return struct{}{}, ErrEmptyAnswer
		}
		return struct{}{}, nil
	})
	return err
}

// Unproven wraps an answer that does not prove an absence (e.g. a listing that
// answered but lacks the object, while a delete said 404) for reporting.
func (c *Client) Unproven(err error, collection string) error {
	return c.unproven(err, nil, collection)
}

func (c *Client) unproven(err, proof error, collection string) error {
	e := &UnprovenAbsenceError{Err: err, Proof: proof, Collection: collection}
	if c != nil && c.Config != nil {
		e.Host, e.AccountID = c.Config.Host, c.AccountID
	}
	return e
}

// UnprovenWithProof wraps a 404 whose confirming listing failed with proof.
func (c *Client) UnprovenWithProof(err, proof error, collection string) error {
	return c.unproven(err, proof, collection)
}

// hintedError adds a hint about the settings to an error's description.
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string { return Describe(e.err) + " " + e.hint }
func (e *hintedError) Unwrap() error { return e.err }

// WithCreateHint adds the settings to a refused create's 404, 401 or 403: a wrong
// account id or host is answered so, and the server's message (e.g. "Account ... does
// not exist") does not name them.
func (c *Client) WithCreateHint(err error) error {
	if !isNotFoundStatus(err) {
		return c.WithSettingsHint(err)
	}
	host, account := c.settings()
	return &hintedError{err, fmt.Sprintf("Check that `account_id` (%q) and `host` (%q) name the account: a typo in "+
		"the account id, or a workspace URL as host, is answered this way too. Nothing was created.", account, host)}
}

// settings are the configured host and account id, for hints.
func (c *Client) settings() (host, account string) {
	if c != nil && c.Config != nil {
		host, account = c.Config.Host, c.AccountID
	}
	return host, account
}

// WithSettingsHint adds to a 401 or 403 that it is also how a wrong account id is
// answered, naming the settings.
func (c *Client) WithSettingsHint(err error) error {
	var apiErr *apierr.APIError
	if !errors.As(err, &apiErr) || (apiErr.StatusCode != http.StatusUnauthorized && apiErr.StatusCode != http.StatusForbidden) {
		return err
	}
	host, account := c.settings()
	return &hintedError{err, fmt.Sprintf("Check that the credentials are an account admin's and that `account_id` "+
		"(%q) and `host` (%q) name their account: a wrong account id is answered this way too. The state is left "+
		"unchanged.", account, host)}
}
