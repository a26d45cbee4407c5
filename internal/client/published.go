package client

import (
	"fmt"
	"sort"
	"strings"

	"github.com/databricks/databricks-sdk-go/service/oauth2"
)

// An app of the published-apps catalog has at most one integration in an account, so
// an app_id names an integration as well as its integration id does. The apps enabled
// by default have integration_id == app_id; an app enabled later (in the account
// console, or by Terraform) has a generated integration id.

// PublishedIntegrationByApp returns the integration of appID in all, or nil.
func PublishedIntegrationByApp(all []oauth2.GetPublishedAppIntegrationOutput, appID string) *oauth2.GetPublishedAppIntegrationOutput {
	for i := range all {
		if all[i].AppId == appID {
			return &all[i]
		}
	}
	return nil
}

// PublishedIntegrationByIDOrApp returns the integration whose id, or else whose
// app_id, is key.
func PublishedIntegrationByIDOrApp(all []oauth2.GetPublishedAppIntegrationOutput, key string) *oauth2.GetPublishedAppIntegrationOutput {
	for i := range all {
		if all[i].IntegrationId == key {
			return &all[i]
		}
	}
	return PublishedIntegrationByApp(all, key)
}

// DescribePublishedIntegrations lists integrations one a line, sorted, with their
// app_id and name, for diagnostics.
func DescribePublishedIntegrations(all []oauth2.GetPublishedAppIntegrationOutput) string {
	lines := make([]string, 0, len(all))
	for _, p := range all {
		lines = append(lines, fmt.Sprintf("  - %s (app_id %s, %s)", p.IntegrationId, p.AppId, p.Name))
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return "  (none)"
	}
	return strings.Join(lines, "\n")
}
