package client

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MaxSecretsPerPrincipal is the API's limit on live OAuth secrets per service principal.
const MaxSecretsPerPrincipal = 5

// SecretsAPI is what the secret resource, ephemeral resource and data source need.
// Both the account API (a.ServicePrincipalSecrets) and the workspace-level proxy
// (w.ServicePrincipalSecretsProxy) implement it, with the same requests and answers.
type SecretsAPI interface {
	Create(ctx context.Context, req oauth2.CreateServicePrincipalSecretRequest) (*oauth2.CreateServicePrincipalSecretResponse, error)
	Delete(ctx context.Context, req oauth2.DeleteServicePrincipalSecretRequest) error
	ListAll(ctx context.Context, req oauth2.ListServicePrincipalSecretsRequest) ([]oauth2.SecretInfo, error)
}

// secretsAPI picks the API for the provider's mode: the account API when an account
// id is configured, the workspace proxy otherwise. It also returns the mode's name,
// which keys the listing cache.
func (c *Client) secretsAPI() (SecretsAPI, string, error) {
	switch {
	case c == nil:
		return nil, "", errors.New("the provider is not configured")
	case c.account != nil:
		return c.account.ServicePrincipalSecrets, "account", nil
	case c.workspace != nil:
		return c.workspace.ServicePrincipalSecretsProxy, "workspace", nil
	}
	return nil, "", errors.New("the provider has neither an account nor a workspace client")
}

// CreateSecret creates an OAuth secret for a service principal. An empty lifetime
// leaves it to the server (730 days); the SDK then sends `{}`. The principal's cached
// listing is dropped, so that reads after this write see the new secret.
func (c *Client) CreateSecret(ctx context.Context, sp int64, lifetime string) (*oauth2.CreateServicePrincipalSecretResponse, error) {
	api, mode, err := c.secretsAPI()
	if err != nil {
		return nil, err
	}
	defer c.secretLister.Invalidate(mode, sp)
	return api.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{
		ServicePrincipalId: strconv.FormatInt(sp, 10),
		Lifetime:           lifetime,
	})
}

// DeleteSecret deletes a secret and drops the principal's cached listing.
func (c *Client) DeleteSecret(ctx context.Context, sp int64, id string) error {
	api, mode, err := c.secretsAPI()
	if err != nil {
		return err
	}
	defer c.secretLister.Invalidate(mode, sp)
	return api.Delete(ctx, oauth2.DeleteServicePrincipalSecretRequest{
		ServicePrincipalId: strconv.FormatInt(sp, 10),
		SecretId:           id,
	})
}

// ListSecrets returns every secret of a service principal (all pages). There is no
// Get for secrets, so each secret resource reads by listing its principal; reads of
// the same principal in one Terraform run share one listing (see SecretLister).
func (c *Client) ListSecrets(ctx context.Context, sp int64) ([]oauth2.SecretInfo, error) {
	api, mode, err := c.secretsAPI()
	if err != nil {
		return nil, err
	}
	return c.secretLister.List(ctx, mode, sp, func(ctx context.Context) ([]oauth2.SecretInfo, error) {
		return api.ListAll(ctx, oauth2.ListServicePrincipalSecretsRequest{ServicePrincipalId: strconv.FormatInt(sp, 10)})
	})
}

// secretListTTL is how long a finished listing is reused. Terraform refreshes the
// resources of one run in no particular order, so the reads of one principal's
// secrets are spread over the whole refresh: with a TTL of a few seconds, a refresh
// longer than that listed principals again (bench/README.md: more than two listings
// per principal for 1,500 secrets). A later, separate plan never sees old data
// anyway: every Terraform command configures the provider again, and Configure builds
// a new client with a new lister; every create/delete through this client drops the
// entry. The bound only limits how long one command trusts a listing.
const secretListTTL = 15 * time.Minute

// SecretLister coalesces secret listings per (mode, service principal): concurrent
// calls share one in-flight ListAll, and calls within its ttl after it finished reuse
// its answer. Invalidate forgets an entry, so that reads after a write are fresh.
type SecretLister struct {
	c *Coalescer[secretListKey, []oauth2.SecretInfo]
}

type secretListKey struct {
	mode string
	sp   int64
}

// NewSecretLister returns a lister that reuses finished listings for ttl, reading
// the time from now (time.Now in the provider; a fake in tests).
func NewSecretLister(ttl time.Duration, now func() time.Time) *SecretLister {
	return &SecretLister{NewCoalescer[secretListKey, []oauth2.SecretInfo](ttl, now)}
}

// newDefaultSecretLister is the lister client.New installs.
func newDefaultSecretLister() *SecretLister { return NewSecretLister(secretListTTL, time.Now) }

// List returns the secrets of (mode, sp), calling fetch only when no usable listing
// exists. The returned slice is a copy the caller may change.
func (l *SecretLister) List(ctx context.Context, mode string, sp int64, fetch func(context.Context) ([]oauth2.SecretInfo, error)) ([]oauth2.SecretInfo, error) {
	if l == nil {
		return fetch(ctx)
	}
	secrets, joined, err := l.c.Do(ctx, secretListKey{mode, sp}, fetch)
	if joined {
		tflog.Debug(ctx, "Reusing the service principal's secret listing", map[string]any{"service_principal_id": sp})
	}
	return cloneSecrets(secrets), err
}

// Invalidate forgets the listing of (mode, sp). A listing still in flight finishes
// for those already waiting on it; later calls start a new one.
func (l *SecretLister) Invalidate(mode string, sp int64) {
	if l == nil {
		return
	}
	l.c.Invalidate(secretListKey{mode, sp})
}

func cloneSecrets(s []oauth2.SecretInfo) []oauth2.SecretInfo {
	if s == nil {
		return nil
	}
	return append([]oauth2.SecretInfo(nil), s...)
}
