// Package client holds what Configure hands to every resource and data source:
// the SDK clients built once per provider, and the helpers shared by all of them
// (error classification, the account_id requirement, raw requests).
package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/databricks/databricks-sdk-go"
	sdkclient "github.com/databricks/databricks-sdk-go/client"
	"github.com/databricks/databricks-sdk-go/config"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Client is built once in the provider's Configure and shared by every object.
type Client struct {
	// AccountID is the resolved account id; empty means workspace mode, where only
	// service principal secrets work (through the workspace-level proxy API).
	AccountID string

	Config    *config.Config
	account   *databricks.AccountClient
	workspace *databricks.WorkspaceClient
	// raw sends requests the typed SDK cannot express (e.g. an empty list in a PATCH),
	// still with the SDK's auth, retries and rate limiting.
	raw *sdkclient.DatabricksClient
	// secretLister coalesces the secret listings of one run (see secrets.go).
	secretLister *SecretLister
}

// New builds the SDK clients for a resolved configuration. With an account id the
// account API is used; without one, a workspace client for the secrets proxy.
func New(cfg *config.Config) (*Client, error) {
	if err := cfg.EnsureResolved(); err != nil {
		return nil, err
	}
	if cfg.HTTPTransport == nil {
		// One transport, and so one connection pool, for the typed and the raw client.
		// attemptRecorder lets a create see the SDK's retries (see WithAttemptLog).
		cfg.HTTPTransport = attemptRecorder{newTransport(cfg.InsecureSkipVerify)}
	}
	c := &Client{AccountID: cfg.AccountID, Config: cfg, secretLister: newDefaultSecretLister()}
	var err error
	if c.AccountID != "" {
		c.account, err = databricks.NewAccountClient((*databricks.Config)(cfg))
	} else {
		c.workspace, err = databricks.NewWorkspaceClient((*databricks.Config)(cfg))
	}
	if err != nil {
		return nil, err
	}
	c.raw, err = sdkclient.New(cfg)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ErrNoAccount is returned for account-only objects when no account id is configured.
var ErrNoAccount = errors.New("no account_id configured")

// Account returns the account client, or a diagnostic naming account_id when the
// provider runs in workspace mode.
func (c *Client) Account(diags *diag.Diagnostics) *databricks.AccountClient {
	if c == nil || c.account == nil {
		diags.AddError("account_id is required",
			"This object is managed through the Databricks account API, so the provider needs an account id. "+
				"Set `account_id` in the provider block or the DATABRICKS_ACCOUNT_ID environment variable, "+
				"and point `host` at the account console (e.g. https://accounts.cloud.databricks.com).")
		return nil
	}
	return c.account
}

// Workspace returns the workspace client (only set in workspace mode).
func (c *Client) Workspace() *databricks.WorkspaceClient { return c.workspace }

// Do sends a raw JSON request through the SDK's HTTP client.
func (c *Client) Do(ctx context.Context, method, path string, query map[string]any, body, response any) error {
	return c.raw.Do(ctx, method, path, map[string]string{"Accept": "application/json", "Content-Type": "application/json"}, query, body, response)
}

// AccountPath prefixes an account-scoped API path with the account id.
func (c *Client) AccountPath(format string, args ...any) string {
	return fmt.Sprintf("/api/2.0/accounts/%s", c.AccountID) + fmt.Sprintf(format, args...)
}
