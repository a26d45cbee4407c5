// Package provider defines the databricksoauth provider: its schema, Configure (which
// builds the Databricks SDK clients once) and the lists of resources and data sources.
package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/databricks/databricks-sdk-go/config"
	"github.com/databricks/databricks-sdk-go/logger"
	"github.com/databricks/databricks-sdk-go/useragent"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/actions"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/datasources"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/functions"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources"
)

var (
	_ provider.Provider                       = (*databricksOAuthProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*databricksOAuthProvider)(nil)
	_ provider.ProviderWithListResources      = (*databricksOAuthProvider)(nil)
	_ provider.ProviderWithFunctions          = (*databricksOAuthProvider)(nil)
	_ provider.ProviderWithActions            = (*databricksOAuthProvider)(nil)
)

// New returns a provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &databricksOAuthProvider{version: version} }
}

type databricksOAuthProvider struct {
	version string
}

// providerModel is the provider block. Every attribute is optional: what is left out
// is resolved by the SDK (environment variables, ~/.databrickscfg profiles, cloud auth).
type providerModel struct {
	Host                 types.String `tfsdk:"host"`
	AccountID            types.String `tfsdk:"account_id"`
	Token                types.String `tfsdk:"token"`
	ClientID             types.String `tfsdk:"client_id"`
	ClientSecret         types.String `tfsdk:"client_secret"`
	Profile              types.String `tfsdk:"profile"`
	ConfigFile           types.String `tfsdk:"config_file"`
	AuthType             types.String `tfsdk:"auth_type"`
	AzureClientID        types.String `tfsdk:"azure_client_id"`
	AzureClientSecret    types.String `tfsdk:"azure_client_secret"`
	AzureTenantID        types.String `tfsdk:"azure_tenant_id"`
	GoogleServiceAccount types.String `tfsdk:"google_service_account"`
	HTTPTimeoutSeconds   types.Int64  `tfsdk:"http_timeout_seconds"`
	RetryTimeoutSeconds  types.Int64  `tfsdk:"retry_timeout_seconds"`
	RateLimit            types.Int64  `tfsdk:"rate_limit"`
}

func (p *databricksOAuthProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "databricksoauth"
	resp.Version = p.version
}

func str(desc string, sensitive bool) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Sensitive: sensitive, MarkdownDescription: desc}
}

func (p *databricksOAuthProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	positive := []validator.Int64{int64validator.AtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Databricks account-level OAuth2 configuration: custom and published OAuth app " +
			"integrations, account and service principal federation policies, and service principal secrets. " +
			"Every attribute is optional and falls back to the Databricks SDK's own resolution " +
			"(`DATABRICKS_*` environment variables, `~/.databrickscfg` profiles, Azure and Google auth).",
		Attributes: map[string]schema.Attribute{
			"host": str("Databricks host: the account console (e.g. `https://accounts.cloud.databricks.com`) "+
				"or, for service principal secrets without `account_id`, a workspace URL. Env: `DATABRICKS_HOST`.", false),
			"account_id": str("Databricks account id. Required for every object except service principal secrets, "+
				"which use the workspace-level proxy API when it is not set. Env: `DATABRICKS_ACCOUNT_ID`.", false),
			"token":         str("Personal access token. Env: `DATABRICKS_TOKEN`.", true),
			"client_id":     str("OAuth M2M client id of a service principal. Env: `DATABRICKS_CLIENT_ID`.", false),
			"client_secret": str("OAuth M2M client secret. Env: `DATABRICKS_CLIENT_SECRET`.", true),
			"profile":       str("Profile name in the Databricks config file. Env: `DATABRICKS_CONFIG_PROFILE`.", false),
			"config_file":   str("Path of the Databricks config file (default `~/.databrickscfg`). Env: `DATABRICKS_CONFIG_FILE`.", false),
			"auth_type": str("Forces one authentication method (e.g. `pat`, `oauth-m2m`, `azure-client-secret`, "+
				"`azure-cli`, `google-id`) when several are configured. Env: `DATABRICKS_AUTH_TYPE`.", false),
			"azure_client_id":        str("Azure service principal application id. Env: `ARM_CLIENT_ID`.", false),
			"azure_client_secret":    str("Azure service principal secret. Env: `ARM_CLIENT_SECRET`.", true),
			"azure_tenant_id":        str("Azure tenant id. Env: `ARM_TENANT_ID`.", false),
			"google_service_account": str("Google service account email to impersonate. Env: `DATABRICKS_GOOGLE_SERVICE_ACCOUNT`.", false),
			"http_timeout_seconds": schema.Int64Attribute{Optional: true, Validators: positive,
				MarkdownDescription: "HTTP inactivity timeout of one request, in seconds (SDK default 60)."},
			"retry_timeout_seconds": schema.Int64Attribute{Optional: true, Validators: positive,
				MarkdownDescription: "How long retriable errors (429, 503) are retried, in seconds (SDK default 300)."},
			"rate_limit": schema.Int64Attribute{Optional: true, Validators: positive,
				MarkdownDescription: "Maximum requests per second sent to the API (SDK default 15). Env: `DATABRICKS_RATE_LIMIT`."},
		},
	}
}

// sdkSetup registers the provider's user agent and logger with the SDK, once per
// process (both are process-global in the SDK).
var sdkSetup sync.Once

func (p *databricksOAuthProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, ok := configFromModel(m, resp)
	if !ok {
		return
	}
	// Process-global SDK settings, set once: writing them on every Configure would race
	// with requests in flight (one process serves every provider instance).
	sdkSetup.Do(func() {
		useragent.WithProduct("terraform-provider-databricksoauth", userAgentVersion(p.version))
		if req.TerraformVersion != "" {
			useragent.WithUserAgentExtra("terraform", userAgentVersion(req.TerraformVersion))
		}
		logger.DefaultLogger = newSDKLogger()
	})

	c, err := client.New(cfg)
	var unreachable *client.UnreachableError
	switch {
	case errors.As(err, &unreachable):
		resp.Diagnostics.AddAttributeError(path.Root("host"), "Cannot reach the Databricks host",
			fmt.Sprintf("%s\n\nNo answer came back from %s within 15 seconds (a wrong or mistyped `host`, a "+
				"name that does not resolve, a closed port, or a network or proxy that blocks it). Check `host` "+
				"(DATABRICKS_HOST), e.g. https://accounts.cloud.databricks.com for the account API.",
				client.Describe(unreachable.Err), unreachable.Host))
		return
	case err != nil:
		resp.Diagnostics.AddError("Cannot configure the Databricks client",
			fmt.Sprintf("%s\n\nSet `host` (DATABRICKS_HOST), `account_id` (DATABRICKS_ACCOUNT_ID) and credentials "+
				"(`token`/DATABRICKS_TOKEN, or `client_id`+`client_secret`/DATABRICKS_CLIENT_ID+DATABRICKS_CLIENT_SECRET, "+
				"or a `profile`), or set `auth_type` when several methods are configured.", client.Describe(err)))
		return
	}
	if cfg.Host == "" {
		resp.Diagnostics.AddAttributeError(path.Root("host"), "Missing Databricks host",
			"The provider needs the Databricks host: set `host` in the provider block, DATABRICKS_HOST, or a `profile` that has one.")
		return
	}
	// Resolve the credentials once here, so that missing or unusable ones give one
	// provider-level error instead of one per object.
	if err := c.CheckCredentials(ctx); err != nil {
		resp.Diagnostics.AddError("Cannot authenticate to Databricks",
			fmt.Sprintf("%s\n\nSet credentials: `token` (DATABRICKS_TOKEN), or `client_id` and `client_secret` "+
				"(DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET) of a service principal, or a `profile`; set `auth_type` "+
				"when several methods are configured.", client.Describe(err)))
		return
	}
	resp.ResourceData = c
	resp.DataSourceData = c
	resp.EphemeralResourceData = c
	resp.ListResourceData = c
	resp.ActionData = c
}

// configFromModel copies the attributes that are set into an SDK config. Unknown
// values (from resources not created yet) cannot configure a client: each is an
// error naming the attribute.
func configFromModel(m providerModel, resp *provider.ConfigureResponse) (*config.Config, bool) {
	cfg := &config.Config{}
	strs := []struct {
		name string
		v    types.String
		dst  *string
	}{
		{"host", m.Host, &cfg.Host}, {"account_id", m.AccountID, &cfg.AccountID}, {"token", m.Token, &cfg.Token},
		{"client_id", m.ClientID, &cfg.ClientID}, {"client_secret", m.ClientSecret, &cfg.ClientSecret},
		{"profile", m.Profile, &cfg.Profile}, {"config_file", m.ConfigFile, &cfg.ConfigFile},
		{"auth_type", m.AuthType, &cfg.AuthType}, {"azure_client_id", m.AzureClientID, &cfg.AzureClientID},
		{"azure_client_secret", m.AzureClientSecret, &cfg.AzureClientSecret},
		{"azure_tenant_id", m.AzureTenantID, &cfg.AzureTenantID},
		{"google_service_account", m.GoogleServiceAccount, &cfg.GoogleServiceAccount},
	}
	for _, s := range strs {
		if s.v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(s.name), "Unknown provider attribute",
				fmt.Sprintf("`%s` depends on a value known only after apply; the provider needs it to configure its client. "+
					"Use a value known at plan time, or apply the dependency first with -target.", s.name))
			continue
		}
		*s.dst = s.v.ValueString()
	}
	ints := []struct {
		name string
		v    types.Int64
		dst  *int
	}{
		{"http_timeout_seconds", m.HTTPTimeoutSeconds, &cfg.HTTPTimeoutSeconds},
		{"retry_timeout_seconds", m.RetryTimeoutSeconds, &cfg.RetryTimeoutSeconds},
		{"rate_limit", m.RateLimit, &cfg.RateLimitPerSecond},
	}
	for _, i := range ints {
		if i.v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(i.name), "Unknown provider attribute",
				fmt.Sprintf("`%s` depends on a value known only after apply.", i.name))
			continue
		}
		*i.dst = int(i.v.ValueInt64())
	}
	return cfg, !resp.Diagnostics.HasError()
}

// userAgentVersion makes v acceptable to the SDK's user agent (a semver), which
// panics on anything else (e.g. "dev").
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

func userAgentVersion(v string) string {
	if semver.MatchString(v) {
		return v
	}
	return "0.0.0-dev"
}

func (p *databricksOAuthProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		resources.NewCustomAppIntegrationResource,
		resources.NewPublishedAppIntegrationResource,
		resources.NewServicePrincipalSecretResource,
		resources.NewAccountFederationPolicyResource,
		resources.NewServicePrincipalFederationPolicyResource,
	}
}

func (p *databricksOAuthProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		datasources.NewCustomAppIntegrationDataSource,
		datasources.NewCustomAppIntegrationsDataSource,
		datasources.NewPublishedAppsDataSource,
		datasources.NewPublishedAppIntegrationDataSource,
		datasources.NewPublishedAppIntegrationsDataSource,
		datasources.NewServicePrincipalSecretsDataSource,
		datasources.NewAccountFederationPolicyDataSource,
		datasources.NewAccountFederationPoliciesDataSource,
		datasources.NewServicePrincipalFederationPolicyDataSource,
		datasources.NewServicePrincipalFederationPoliciesDataSource,
	}
}

func (p *databricksOAuthProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		resources.NewServicePrincipalSecretEphemeralResource,
	}
}

// ListResources are the resource types `terraform query` can list (Terraform 1.14+),
// one per resource type, under the resource's own name.
func (p *databricksOAuthProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		resources.NewCustomAppIntegrationListResource,
		resources.NewPublishedAppIntegrationListResource,
		resources.NewServicePrincipalSecretListResource,
		resources.NewAccountFederationPolicyListResource,
		resources.NewServicePrincipalFederationPolicyListResource,
	}
}

// Functions are the provider-defined functions (Terraform 1.8+), called as
// provider::databricksoauth::<name>(...).
func (p *databricksOAuthProvider) Functions(context.Context) []func() function.Function {
	return functions.All()
}

// Actions are the day-2 operations (Terraform 1.14+), run with
// `terraform apply -invoke=action.<type>.<name>`.
func (p *databricksOAuthProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		actions.NewServicePrincipalSecretsRevokeAction,
	}
}
