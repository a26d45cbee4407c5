// Package client holds what Configure hands to every resource and data source:
// the SDK clients built once per provider, and the helpers shared by all of them
// (error classification, the account_id requirement, raw requests).
package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/databricks/databricks-sdk-go"
	sdkclient "github.com/databricks/databricks-sdk-go/client"
	"github.com/databricks/databricks-sdk-go/config"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Client is built once in the provider's Configure and shared by every object.
type Client struct {
	// AccountID is the account id the account API is used with; empty means workspace
	// mode, where only service principal secrets work (through the workspace-level
	// proxy API).
	AccountID string

	Config    *config.Config
	account   *databricks.AccountClient
	workspace *databricks.WorkspaceClient
	// workspaceHost is set when the host's metadata says it is a workspace: account
	// objects cannot be managed through it, whatever account id is known.
	workspaceHost bool
	// raw sends requests the typed SDK cannot express (e.g. an empty list in a PATCH),
	// still with the SDK's auth, retries and rate limiting.
	raw *sdkclient.DatabricksClient
	// transport sees every HTTP attempt (see transport.go).
	transport *apiTransport
	// Per-run state: one configured provider serves one Terraform command.
	secretLister *SecretLister                // secret listings (secrets.go)
	proofs       *Coalescer[string, struct{}] // collections proven to answer (absence.go)
	created      createdRegistry              // objects this run created (created.go)
	// Listings reused for the whole command (see listings.go).
	catalog               *Coalescer[struct{}, []oauth2.PublishedAppOutput]
	publishedIntegrations *Coalescer[struct{}, []oauth2.GetPublishedAppIntegrationOutput]
}

// reachTimeout bounds the first request to the host (its metadata): an unreachable
// host (connection refused, an unknown name) fails the command within it, instead
// of after the SDK's retries (retry_timeout_seconds, 5 minutes by default, and then
// again for every object).
var reachTimeout = 15 * time.Second

// UnreachableError is a host that gave no answer at all to its first request.
type UnreachableError struct {
	Host string
	Err  error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach the Databricks host %q: %v", e.Host, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// hostFacts is what New learns while the SDK resolves the configuration: the account
// id the user configured (attributes, environment or profile) before the host's
// metadata could fill one in, and the host type that metadata declares.
type hostFacts struct {
	probed              bool
	configuredAccountID string
	hostType            config.HostType
}

// New builds the SDK clients for a configuration. The API is chosen from what the
// user configured and the host's type, not from an account id the SDK took from a
// workspace host's metadata (see chooseAccountID).
func New(cfg *config.Config) (*Client, error) {
	t, ok := cfg.HTTPTransport.(*apiTransport)
	if !ok {
		// One transport, and so one connection pool, for the typed and the raw client
		// and the SDK's own requests (host metadata, OAuth tokens).
		t = &apiTransport{cfg: cfg, base: cfg.HTTPTransport}
		cfg.HTTPTransport = t
	}
	var facts hostFacts
	var unreachable error
	if cfg.HostMetadataResolver == nil {
		cfg.HostMetadataResolver = func(ctx context.Context, host string) (*config.HostMetadata, error) {
			// Called by EnsureResolved after the attributes, environment and profile are
			// loaded, and before the metadata fills in what they left empty.
			facts.probed, facts.configuredAccountID = true, cfg.AccountID
			ctx, cancel := context.WithTimeout(ctx, reachTimeout)
			defer cancel()
			meta, err := cfg.DefaultHostMetadataResolver()(ctx, host)
			if err != nil && !t.Answered() {
				unreachable = &UnreachableError{Host: host, Err: cmpOr(t.LastNetworkError(), err)}
			}
			if meta != nil {
				facts.hostType = meta.HostType
			}
			return meta, err
		}
	}
	if err := cfg.EnsureResolved(); err != nil {
		return nil, err
	}
	if unreachable != nil {
		return nil, unreachable
	}
	if !facts.probed { // no host: nothing was filled in
		facts.configuredAccountID = cfg.AccountID
	}
	accountID, workspaceHost := chooseAccountID(cfg, facts)
	c := &Client{AccountID: accountID, Config: cfg, workspaceHost: workspaceHost, transport: t,
		secretLister: newDefaultSecretLister(), proofs: NewCoalescer[string, struct{}](-1, nil),
		catalog:               NewCoalescer[struct{}, []oauth2.PublishedAppOutput](-1, nil),
		publishedIntegrations: NewCoalescer[struct{}, []oauth2.GetPublishedAppIntegrationOutput](-1, nil)}
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

// chooseAccountID returns the account id to use the account API with, or "" for the
// workspace-level proxy, and whether the host declared itself a workspace:
//   - a workspace host (by its metadata): the proxy, whatever account id is known. Real
//     workspace hosts name their account in the metadata, and the SDK copies it into
//     Config.AccountID, but they serve no account API;
//   - an account or unified host (by its metadata, or an accounts.* URL): the account
//     API with the account id configured or, failing that, the one the metadata names;
//   - a host of unknown type (no metadata): the account API if an account id was
//     configured, the proxy otherwise.
func chooseAccountID(cfg *config.Config, facts hostFacts) (string, bool) {
	hostType := facts.hostType
	if hostType == config.HostTypeUnknown && isAccountsURL(cfg.Host) {
		hostType = config.AccountHost // no metadata: known by its URL
	}
	switch hostType {
	case config.WorkspaceHost:
		return "", true
	case config.AccountHost, config.UnifiedHost:
		return cfg.AccountID, false
	}
	return facts.configuredAccountID, false
}

// isAccountsURL reports whether host is an account console URL (the SDK's own rule,
// for hosts without metadata; EnsureResolved has added the scheme).
func isAccountsURL(host string) bool {
	return strings.HasPrefix(host, "https://accounts.") || strings.HasPrefix(host, "https://accounts-dod.")
}

// Account returns the account client, or a diagnostic naming account_id when the
// provider runs in workspace mode.
func (c *Client) Account(diags *diag.Diagnostics) *databricks.AccountClient {
	if c != nil && c.account != nil {
		return c.account
	}
	if c != nil && c.workspaceHost {
		diags.AddError("account_id is required",
			fmt.Sprintf("This object is managed through the Databricks account API, but the host %s is a workspace "+
				"(its /.well-known/databricks-config says so), and a workspace serves no account API: only service "+
				"principal secrets can be managed through it. Point `host` (DATABRICKS_HOST) at the account console "+
				"(e.g. https://accounts.cloud.databricks.com) and set `account_id` (DATABRICKS_ACCOUNT_ID).", c.Config.Host))
		return nil
	}
	diags.AddError("account_id is required",
		"This object is managed through the Databricks account API, so the provider needs an account id. "+
			"Set `account_id` in the provider block or the DATABRICKS_ACCOUNT_ID environment variable, "+
			"and point `host` at the account console (e.g. https://accounts.cloud.databricks.com).")
	return nil
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

// ServerClockOffset bounds the offset of the server's clock from this machine's
// (server minus local) by the Date headers of the answers so far; ok is false before
// any answer carried one.
func (c *Client) ServerClockOffset() (lo, hi time.Duration, ok bool) {
	if c == nil || c.transport == nil {
		return 0, 0, false
	}
	return c.transport.clock.Offset()
}

// ServerNow is the server's time now, as best known: this machine's time moved by the
// middle of the offset's bounds (just the local time before any answer).
func (c *Client) ServerNow() time.Time {
	lo, hi, ok := c.ServerClockOffset()
	if !ok {
		return time.Now()
	}
	return time.Now().Add(lo + (hi-lo)/2)
}

func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckCredentials resolves the configured credentials (for OAuth, this fetches a
// token, which the SDK then reuses), so that a missing or unusable credential is
// reported once, when the provider is configured.
func (c *Client) CheckCredentials(ctx context.Context) error {
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Config.Host, nil)
	if err != nil {
		return err
	}
	return c.Config.Authenticate(r)
}
