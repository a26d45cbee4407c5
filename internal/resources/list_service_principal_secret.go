package resources

import (
	"context"
	"fmt"
	"time"

	"github.com/databricks/databricks-sdk-go/listing"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
)

func (r *servicePrincipalSecretResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the OAuth secrets of one service principal (every page), for `terraform query`: " +
			"their metadata only. `secret` is always null (the API returns the value from create only), as after an " +
			"import; expired secrets are left out, as Read drops them.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": listServicePrincipalAttribute("OAuth secrets"),
		},
	}
}

func (r *servicePrincipalSecretResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var m servicePrincipalListModel
	var diags diag.Diagnostics
	listConfig(ctx, req, &m, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	sp := m.ServicePrincipalID.ValueInt64()
	what := fmt.Sprintf("the OAuth secrets of service principal %d", sp)
	// The secrets API has no Get: the client lists every page (and shares the listing
	// with the reads of the same run), so this streams a slice.
	all, err := r.client.ListSecrets(ctx, sp)
	if err != nil {
		client.AddError(&diags, "Cannot list "+what, err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	now := time.Now()
	it := listing.SliceIterator[oauth2.SecretInfo](all)
	stream.Results = streamList(ctx, req, what, &it, func(s oauth2.SecretInfo, result *list.ListResult) bool {
		if s.Id == "" || secretExpired(s.ExpireTime, now) {
			return false
		}
		result.DisplayName = s.Id
		if s.ExpireTime != "" {
			result.DisplayName += " (expires " + s.ExpireTime + ")"
		}
		result.Diagnostics.Append(result.Identity.Set(ctx, servicePrincipalSecretIdentityModel{
			ServicePrincipalID: types.Int64Value(sp), SecretID: types.StringValue(s.Id)})...)
		if req.IncludeResource {
			m := servicePrincipalSecretModel{
				ServicePrincipalID:         types.Int64Value(sp),
				EarlyRenewalHours:          types.Int64Null(),
				Secret:                     types.StringNull(),
				ServicePrincipalSecretInfo: models.ServicePrincipalSecretInfoFromSDK(s),
			}
			m.Lifetime = lifetimeOf(m.CreateTime, m.ExpireTime) // as Read does after an import
			result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
		}
		return true
	})
}
