package client

import (
	"context"
	"errors"
	"slices"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
)

// errNoAccount is the answer of an account-only listing in workspace mode.
var errNoAccount = errors.New("no account API is configured (account_id)")

// Listings reused for the life of a Client, i.e. one Terraform command (every command
// configures the provider anew): callers share the first successful answer, through
// a Coalescer like every per-run cache; an error is returned to its callers and never
// kept.

// PublishedAppsCatalog returns the published-apps catalog (every page), listed once
// per command: the catalog does not change while Terraform runs.
func (c *Client) PublishedAppsCatalog(ctx context.Context) ([]oauth2.PublishedAppOutput, error) {
	if c == nil || c.account == nil {
		return nil, errNoAccount
	}
	apps, _, err := c.catalog.Do(ctx, struct{}{}, func(ctx context.Context) ([]oauth2.PublishedAppOutput, error) {
		return c.account.OAuthPublishedApps.ListAll(ctx, oauth2.ListOAuthPublishedAppsRequest{})
	})
	return slices.Clone(apps), err
}

// PublishedAppIntegrations returns the account's published app integrations (every
// page), listed once per command, for checks made at plan time. The answer may be
// older than this command's own changes: confirm what it says before acting on it.
func (c *Client) PublishedAppIntegrations(ctx context.Context) ([]oauth2.GetPublishedAppIntegrationOutput, error) {
	if c == nil || c.account == nil {
		return nil, errNoAccount
	}
	all, _, err := c.publishedIntegrations.Do(ctx, struct{}{}, func(ctx context.Context) ([]oauth2.GetPublishedAppIntegrationOutput, error) {
		return c.account.PublishedAppIntegration.ListAll(ctx, oauth2.ListPublishedAppIntegrationsRequest{})
	})
	return slices.Clone(all), err
}
