package client

import (
	"context"
	"slices"
	"sync"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
)

// listing holds one listing for the life of a Client, i.e. one Terraform command
// (every command configures the provider anew). Callers share the first successful
// answer; an error is returned to its caller and never kept. The lock is held while
// listing, so concurrent callers wait for one request instead of sending their own.
type listing[T any] struct {
	mu    sync.Mutex
	done  bool
	items []T
}

func (l *listing[T]) get(ctx context.Context, fetch func(context.Context) ([]T, error)) ([]T, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		items, err := fetch(ctx)
		if err != nil {
			return nil, err
		}
		l.items, l.done = items, true
	}
	return slices.Clone(l.items), nil
}

// PublishedAppsCatalog returns the published-apps catalog (every page), listed once
// per command: the catalog does not change while Terraform runs.
func (c *Client) PublishedAppsCatalog(ctx context.Context) ([]oauth2.PublishedAppOutput, error) {
	if c == nil || c.account == nil {
		return nil, ErrNoAccount
	}
	return c.catalog.get(ctx, func(ctx context.Context) ([]oauth2.PublishedAppOutput, error) {
		return c.account.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	})
}

// PublishedAppIntegrations returns the account's published app integrations (every
// page), listed once per command, for checks made at plan time. The answer may be
// older than this command's own changes: confirm what it says before acting on it.
func (c *Client) PublishedAppIntegrations(ctx context.Context) ([]oauth2.GetPublishedAppIntegrationOutput, error) {
	if c == nil || c.account == nil {
		return nil, ErrNoAccount
	}
	return c.publishedIntegrations.get(ctx, func(ctx context.Context) ([]oauth2.GetPublishedAppIntegrationOutput, error) {
		return c.account.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	})
}
