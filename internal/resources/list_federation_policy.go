package resources

import (
	"context"
	"fmt"

	"github.com/databricks/databricks-sdk-go/listing"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type servicePrincipalListModel struct {
	ServicePrincipalID types.Int64 `tfsdk:"service_principal_id"`
}

// listServicePrincipalAttribute is the required filter of the lists of objects that
// live under one service principal (the APIs have no account-wide listing of them).
func listServicePrincipalAttribute(what string) schema.Int64Attribute {
	return schema.Int64Attribute{Required: true, Validators: []validator.Int64{int64validator.AtLeast(1)},
		MarkdownDescription: "The numeric (SCIM) id of the service principal whose " + what + " are listed."}
}

func (r *federationPolicyResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	if !r.servicePrincipal {
		resp.Schema = schema.Schema{
			MarkdownDescription: "Lists the account federation policies (every page), for `terraform query`.",
		}
		return
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the federation policies of one service principal (every page), for `terraform query`.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": listServicePrincipalAttribute("federation policies"),
		},
	}
}

func (r *federationPolicyResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m servicePrincipalListModel
	var cfg any // an account policy's list block has no config
	if r.servicePrincipal {
		cfg = &m
	}
	a := listAccount(ctx, r.client, req, cfg, stream)
	if a == nil {
		return
	}
	sp := m.ServicePrincipalID.ValueInt64()
	var it listing.Iterator[oauth2.FederationPolicy]
	what := "account federation policies"
	if r.servicePrincipal {
		it = a.ServicePrincipalFederationPolicy.List(ctx, oauth2.ListServicePrincipalFederationPoliciesRequest{ServicePrincipalId: sp})
		what = fmt.Sprintf("the federation policies of service principal %d", sp)
	} else {
		it = a.FederationPolicy.List(ctx, oauth2.ListAccountFederationPoliciesRequest{})
	}
	stream.Results = streamList(ctx, req, what, it, func(p oauth2.FederationPolicy, result *list.ListResult) bool {
		if p.PolicyId == "" {
			return false
		}
		result.DisplayName = r.importID(sp, p.PolicyId)
		if p.Description != "" {
			result.DisplayName += ": " + p.Description
		}
		var identity any = accountFederationPolicyIdentityModel{PolicyID: types.StringValue(p.PolicyId)}
		if r.servicePrincipal {
			identity = servicePrincipalFederationPolicyIdentityModel{ServicePrincipalID: types.Int64Value(sp), PolicyID: types.StringValue(p.PolicyId)}
		}
		result.Diagnostics.Append(result.Identity.Set(ctx, identity)...)
		if req.IncludeResource {
			setListResource(result, func(st *tfsdk.State) {
				r.store(ctx, st, r.model(ctx, sp, p.PolicyId, &p, federationPolicyModel{}, &result.Diagnostics), &result.Diagnostics)
			})
		}
		return true
	})
}
