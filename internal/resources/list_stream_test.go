package resources

import (
	"context"
	"errors"
	"testing"

	"github.com/databricks/databricks-sdk-go/apierr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// pagedIterator serves items in pages of two, counting the pages fetched, and fails
// at failAt (if > 0) as a page fetch would.
type pagedIterator struct {
	items   []string
	next    int
	pages   int
	failAt  int
	fetched int // items fetched so far (pages*2, capped)
}

func (p *pagedIterator) HasNext(context.Context) bool {
	if p.next < p.fetched {
		return true
	}
	if p.fetched >= len(p.items) {
		return false
	}
	p.pages++
	p.fetched = min(p.fetched+2, len(p.items))
	return true
}

func (p *pagedIterator) Next(context.Context) (string, error) {
	if p.failAt > 0 && p.next == p.failAt {
		return "", &apierr.APIError{StatusCode: 503, ErrorCode: "TEMPORARILY_UNAVAILABLE", Message: "try later"}
	}
	if p.next >= p.fetched {
		return "", errors.New("no more items")
	}
	p.next++
	return p.items[p.next-1], nil
}

func listRequest(limit int64) list.ListRequest {
	ctx := context.Background()
	var rs resource.SchemaResponse
	(&customAppIntegrationResource{}).Schema(ctx, resource.SchemaRequest{}, &rs)
	var is resource.IdentitySchemaResponse
	(&customAppIntegrationResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &is)
	return list.ListRequest{Limit: limit, ResourceSchema: rs.Schema, ResourceIdentitySchema: is.IdentitySchema}
}

func collect(t *testing.T, req list.ListRequest, it *pagedIterator, stopAfter int) []list.ListResult {
	t.Helper()
	var out []list.ListResult
	stream := streamList(context.Background(), req, "things", it, func(item string, r *list.ListResult) bool {
		if item == "skip" {
			return false
		}
		r.DisplayName = item
		r.Diagnostics.Append(r.Identity.Set(context.Background(), integrationIdentityModel{IntegrationID: types.StringValue(item)})...)
		return true
	})
	stream(func(r list.ListResult) bool {
		out = append(out, r)
		return stopAfter == 0 || len(out) < stopAfter
	})
	return out
}

func TestStreamList(t *testing.T) {
	items := []string{"a", "skip", "b", "c", "d"}

	it := &pagedIterator{items: items}
	if got := collect(t, listRequest(0), it, 0); len(got) != 4 || it.pages != 3 {
		t.Errorf("no limit: %d results over %d pages, want 4 (the filtered one left out) over every page (3)", len(got), it.pages)
	}
	it = &pagedIterator{items: items}
	if got := collect(t, listRequest(2), it, 0); len(got) != 2 || got[1].DisplayName != "b" || it.pages != 2 {
		t.Errorf("limit 2: %d results over %d pages, want a and b over 2 pages", len(got), it.pages)
	}
	// A limit reached at the end of a page fetches no further page.
	it = &pagedIterator{items: []string{"a", "b", "c", "d"}}
	if got := collect(t, listRequest(2), it, 0); len(got) != 2 || it.pages != 1 {
		t.Errorf("limit 2 = one page: %d results over %d pages, want 2 over 1", len(got), it.pages)
	}
	it = &pagedIterator{items: items}
	if got := collect(t, listRequest(0), it, 1); len(got) != 1 || it.pages != 1 {
		t.Errorf("Terraform stops reading after 1: %d results over %d pages", len(got), it.pages)
	}
	it = &pagedIterator{items: items, failAt: 3}
	got := collect(t, listRequest(0), it, 0)
	if len(got) != 3 || !got[2].Diagnostics.HasError() || got[2].Diagnostics[0].Summary() != "Cannot list things" {
		t.Errorf("a failed page: %d results, last %v; want a, b and then an error naming the listing", len(got), got[len(got)-1].Diagnostics)
	}
}
