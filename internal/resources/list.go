package resources

// List resources (Terraform 1.14+, `terraform query`): each resource type also lists
// the objects of its type that exist in the account, so that a user can find them and
// generate configuration with import blocks for them
// (`terraform query -generate-config-out=...`). Each list resource is its resource's
// own type: Metadata and Configure are shared, and a result's resource value is
// written by the same code as Read's state, so that an import of a result plans no
// change. Results never carry a secret value: the APIs return those from create only.

import (
	"context"
	"iter"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/listing"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

var (
	_ list.ListResourceWithConfigure = (*customAppIntegrationResource)(nil)
	_ list.ListResourceWithConfigure = (*publishedAppIntegrationResource)(nil)
	_ list.ListResourceWithConfigure = (*federationPolicyResource)(nil)
	_ list.ListResourceWithConfigure = (*servicePrincipalSecretResource)(nil)
)

// NewCustomAppIntegrationListResource and the other list factories are registered with
// the provider next to the resource factories.
func NewCustomAppIntegrationListResource() list.ListResource { return &customAppIntegrationResource{} }

func NewPublishedAppIntegrationListResource() list.ListResource {
	return &publishedAppIntegrationResource{}
}

func NewAccountFederationPolicyListResource() list.ListResource {
	return &federationPolicyResource{servicePrincipal: false}
}

func NewServicePrincipalFederationPolicyListResource() list.ListResource {
	return &federationPolicyResource{servicePrincipal: true}
}

func NewServicePrincipalSecretListResource() list.ListResource {
	return &servicePrincipalSecretResource{}
}

// streamList turns a listing into Terraform's results: fill makes the result of one
// item, or reports false to leave the item out (a filter). Pages are fetched as the
// results are read, every page in turn, until the listing ends, Terraform stops
// reading, or `limit` results were sent. A failed page ends the stream with an error
// naming what was listed.
func streamList[T any](ctx context.Context, req list.ListRequest, what string, it listing.Iterator[T],
	fill func(item T, result *list.ListResult) bool) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		var sent int64
		// The limit is checked first: HasNext fetches the next page.
		for (req.Limit <= 0 || sent < req.Limit) && it.HasNext(ctx) {
			item, err := it.Next(ctx)
			if err != nil {
				var diags diag.Diagnostics
				client.AddError(&diags, "Cannot list "+what, err)
				push(list.ListResult{Diagnostics: diags})
				return
			}
			result := req.NewListResult(ctx)
			if !fill(item, &result) {
				continue
			}
			if !push(result) {
				return
			}
			sent++
		}
	}
}

// setListResource fills a result's resource value with write, which writes a state as
// Read does.
func setListResource(result *list.ListResult, write func(*tfsdk.State)) {
	st := tfsdk.State{Schema: result.Resource.Schema, Raw: result.Resource.Raw}
	write(&st)
	result.Resource.Raw = st.Raw
}

// listAccount reads the list block's config into m (none when m is nil) and returns
// the account API; nil, with the diagnostics streamed, when the listing cannot start.
func listAccount(ctx context.Context, c *client.Client, req list.ListRequest, m any, stream *list.ListResultsStream) *databricks.AccountClient {
	var diags diag.Diagnostics
	if m != nil {
		listConfig(ctx, req, m, &diags)
	}
	a := c.Account(&diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return nil
	}
	return a
}

// listConfig reads a list block's config block into m; a list block without one
// leaves m at its zero value.
func listConfig(ctx context.Context, req list.ListRequest, m any, diags *diag.Diagnostics) {
	if req.Config.Raw.IsNull() {
		return
	}
	diags.Append(req.Config.Get(ctx, m)...)
}
