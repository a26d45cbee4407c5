package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// cfg is a configuration for tfValue: string, int, bool, []string (a set or a list,
// as the schema says), or a nested cfg for a nested attribute. Attributes left out
// are null.
type cfg map[string]any

// tfValue builds a value of typ from v (see cfg).
func tfValue(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch {
	case typ.Is(tftypes.Object{}):
		obj := as[tftypes.Object](t, typ)
		c := as[cfg](t, v)
		vals := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			vals[name] = tfValue(t, at, c[name])
		}
		for name := range c {
			if _, ok := obj.AttributeTypes[name]; !ok {
				t.Fatalf("no attribute %q in the schema", name)
			}
		}
		return tftypes.NewValue(obj, vals)
	case typ.Is(tftypes.Set{}), typ.Is(tftypes.List{}):
		var elem tftypes.Type
		if s, ok := typ.(tftypes.Set); ok {
			elem = s.ElementType
		} else {
			elem = as[tftypes.List](t, typ).ElementType
		}
		var elems []tftypes.Value
		for _, s := range as[[]string](t, v) {
			elems = append(elems, tfValue(t, elem, s))
		}
		return tftypes.NewValue(typ, elems)
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(float64(as[int](t, v))))
	default:
		return tftypes.NewValue(typ, v)
	}
}

// pathString prints an attribute path as HCL would: a.b, a["k"], a[0].
func pathString(p *tftypes.AttributePath) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for i, s := range p.Steps() {
		switch s := s.(type) {
		case tftypes.AttributeName:
			if i > 0 {
				b.WriteString(".")
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyValue:
			var str string
			if tftypes.Value(s).As(&str) == nil {
				fmt.Fprintf(&b, "[%q]", str)
			} else {
				b.WriteString("[?]")
			}
		}
	}
	return b.String()
}

// Every plan-time validation of the provider's interface fires on its own, through the provider's
// protocol server (as Terraform calls it), with a diagnostic on the attribute at fault.
func TestValidationDiagnosticsNameTheAttribute(t *testing.T) {
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("1.2.3")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	tap := func(extra cfg) cfg {
		c := cfg{"access_token_ttl_in_minutes": 60, "refresh_token_ttl_in_minutes": 1440}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	const (
		custom    = "databricksoauth_custom_app_integration"
		published = "databricksoauth_published_app_integration"
		account   = "databricksoauth_account_federation_policy"
		spPolicy  = "databricksoauth_service_principal_federation_policy"
		secret    = "databricksoauth_service_principal_secret"
		ephemeral = "ephemeral.databricksoauth_service_principal_secret"
		prov      = "provider"
	)
	issuer := cfg{"issuer": "https://idp.example.com"}
	withOIDC := func(extra cfg) cfg {
		c := cfg{"issuer": "https://idp.example.com"}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	for _, tc := range []struct {
		name, typ string
		config    cfg
		path      string // the attribute the diagnostic must name
		severity  tfprotov6.DiagnosticSeverity
		summary   string // regexp of the summary or detail
	}{
		// Valid configurations: no diagnostic at all.
		{"custom app: valid", custom, cfg{"name": "a", "scopes": []string{"all-apis", "openid"}, "user_authorized_scopes": []string{"openid"},
			"redirect_urls": []string{"myapp://cb"}, "token_access_policy": tap(nil)}, "", 0, ""},
		{"account policy: valid", account, cfg{"policy_id": "ok-1", "oidc_policy": withOIDC(cfg{"jwks_json": `{"keys":[]}`})}, "", 0, ""},
		{"secret: valid", secret, cfg{"service_principal_id": 1, "lifetime": "3600s", "early_renewal_hours": 0}, "", 0, ""},

		{"custom app: granular scope", custom, cfg{"name": "a", "scopes": []string{"all-apis", "clusters", "unity-catalog"}}, "", 0, ""},
		// A scope typo warns at plan, not here (see TestAccPlanWarnings_scopeTypo).
		{"custom app: scope typo", custom, cfg{"name": "a", "scopes": []string{"all-api"}}, "", 0, ""},
		{"custom app: user_authorized_scopes not in scopes", custom,
			cfg{"name": "a", "scopes": []string{"all-apis"}, "user_authorized_scopes": []string{"openid"}},
			"user_authorized_scopes", tfprotov6.DiagnosticSeverityError, `subset|scopes`},
		{"custom app: empty name", custom, cfg{"name": ""}, "name", tfprotov6.DiagnosticSeverityError, `length`},
		{"custom app: relative redirect URL", custom, cfg{"name": "a", "redirect_urls": []string{"callback"}},
			`redirect_urls["callback"]`, tfprotov6.DiagnosticSeverityError, `absolute URL`},
		{"custom app: access TTL below 5", custom, cfg{"name": "a", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 4})},
			"token_access_policy.access_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError, `between 5 and 1440`},
		{"custom app: access TTL above 1440", custom, cfg{"name": "a", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 1441})},
			"token_access_policy.access_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError, `between 5 and 1440`},
		{"custom app: refresh TTL above 129600", custom, cfg{"name": "a", "token_access_policy": tap(cfg{"refresh_token_ttl_in_minutes": 129601})},
			"token_access_policy.refresh_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError, `between 5 and 129600`},
		{"custom app: refresh TTL below access TTL", custom,
			cfg{"name": "a", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 120, "refresh_token_ttl_in_minutes": 60})},
			"token_access_policy.refresh_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError,
			`^Refresh token TTL below access token TTL token_access_policy\.refresh_token_ttl_in_minutes is 60 minutes, below token_access_policy\.access_token_ttl_in_minutes \(120 minutes\)`},
		{"custom app: refresh TTL equal to access TTL", custom,
			cfg{"name": "a", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 120, "refresh_token_ttl_in_minutes": 120})}, "", 0, ""},
		{"published app: refresh TTL below access TTL", published,
			cfg{"app_id": "dbt-cloud", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 60, "refresh_token_ttl_in_minutes": 30})},
			"token_access_policy.refresh_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError,
			`is 30 minutes, below token_access_policy\.access_token_ttl_in_minutes \(60 minutes\).*set token_access_policy\.refresh_token_ttl_in_minutes to 60 or more`},
		{"custom app: absolute lifetime without single-use tokens", custom,
			cfg{"name": "a", "token_access_policy": tap(cfg{"absolute_session_lifetime_in_minutes": 600})},
			"token_access_policy.absolute_session_lifetime_in_minutes", tfprotov6.DiagnosticSeverityError, `single.use`},
		{"published app: access TTL", published, cfg{"app_id": "dbt-cloud", "token_access_policy": tap(cfg{"access_token_ttl_in_minutes": 2})},
			"token_access_policy.access_token_ttl_in_minutes", tfprotov6.DiagnosticSeverityError, `between 5 and 1440`},
		{"published app: absolute lifetime without single-use tokens", published,
			cfg{"app_id": "dbt-cloud", "token_access_policy": tap(cfg{"absolute_session_lifetime_in_minutes": 600, "enable_single_use_refresh_tokens": false})},
			"token_access_policy.absolute_session_lifetime_in_minutes", tfprotov6.DiagnosticSeverityError, `single.use`},
		{"account policy: policy_id charset", account, cfg{"policy_id": "Bad_ID", "oidc_policy": issuer},
			"policy_id", tfprotov6.DiagnosticSeverityError, `a-z`},
		{"account policy: policy_id length", account, cfg{"policy_id": strings.Repeat("a", 64), "oidc_policy": issuer},
			"policy_id", tfprotov6.DiagnosticSeverityError, `63`},
		{"account policy: subject not allowed", account, cfg{"oidc_policy": withOIDC(cfg{"subject": "x"})},
			"oidc_policy.subject", tfprotov6.DiagnosticSeverityError, `must not be set`},
		{"account policy: jwks_json not JSON", account, cfg{"oidc_policy": withOIDC(cfg{"jwks_json": "{not json"})},
			"oidc_policy.jwks_json", tfprotov6.DiagnosticSeverityError, `JWKS|JSON`},
		{"account policy: jwks_json not a key set", account, cfg{"oidc_policy": withOIDC(cfg{"jwks_json": `{"KEYS":[]}`})},
			"oidc_policy.jwks_json", tfprotov6.DiagnosticSeverityError, `keys`},
		{"account policy: jwks_json with jwks_uri", account,
			cfg{"oidc_policy": withOIDC(cfg{"jwks_json": `{"keys":[]}`, "jwks_uri": "https://idp.example.com/keys"})},
			"oidc_policy.jwks_json", tfprotov6.DiagnosticSeverityError, `jwks_uri`},
		{"account policy: http issuer", account, cfg{"oidc_policy": cfg{"issuer": "http://idp.example.com"}},
			"oidc_policy.issuer", tfprotov6.DiagnosticSeverityError, `https`},
		{"SP policy: empty subject", spPolicy, cfg{"service_principal_id": 1, "oidc_policy": withOIDC(cfg{"subject": ""})},
			"oidc_policy.subject", tfprotov6.DiagnosticSeverityError, `length`},
		{"SP policy: service principal id 0", spPolicy, cfg{"service_principal_id": 0, "oidc_policy": withOIDC(cfg{"subject": "s"})},
			"service_principal_id", tfprotov6.DiagnosticSeverityError, `at least 1`},
		{"secret: lifetime without unit", secret, cfg{"service_principal_id": 1, "lifetime": "3600"},
			"lifetime", tfprotov6.DiagnosticSeverityError, `lifetime`},
		{"secret: lifetime above 730 days", secret, cfg{"service_principal_id": 1, "lifetime": "63072001s"},
			"lifetime", tfprotov6.DiagnosticSeverityError, `lifetime`},
		{"secret: service principal id 0", secret, cfg{"service_principal_id": 0},
			"service_principal_id", tfprotov6.DiagnosticSeverityError, `at least 1`},
		{"secret: negative early renewal", secret, cfg{"service_principal_id": 1, "early_renewal_hours": -1},
			"early_renewal_hours", tfprotov6.DiagnosticSeverityError, `at least 0`},
		{"secret: early renewal as long as the lifetime", secret, cfg{"service_principal_id": 1, "lifetime": "3600s", "early_renewal_hours": 1},
			"early_renewal_hours", tfprotov6.DiagnosticSeverityWarning, `renewed on every plan`},
		{"ephemeral secret: bad lifetime", ephemeral, cfg{"service_principal_id": 1, "lifetime": "1h"},
			"lifetime", tfprotov6.DiagnosticSeverityError, `lifetime`},
		{"ephemeral secret: service principal id 0", ephemeral, cfg{"service_principal_id": 0},
			"service_principal_id", tfprotov6.DiagnosticSeverityError, `at least 1`},
		{"provider: rate_limit 0", prov, cfg{"rate_limit": 0}, "rate_limit", tfprotov6.DiagnosticSeverityError, `at least 1`},
		{"provider: retry_timeout_seconds 0", prov, cfg{"retry_timeout_seconds": 0}, "retry_timeout_seconds", tfprotov6.DiagnosticSeverityError, `at least 1`},
		{"provider: http_timeout_seconds 0", prov, cfg{"http_timeout_seconds": 0}, "http_timeout_seconds", tfprotov6.DiagnosticSeverityError, `at least 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var schema *tfprotov6.Schema
			name, isEphemeral := strings.CutPrefix(tc.typ, "ephemeral.")
			switch {
			case tc.typ == prov:
				schema = schemas.Provider
			case isEphemeral:
				schema = schemas.EphemeralResourceSchemas[name]
			default:
				schema = schemas.ResourceSchemas[tc.typ]
			}
			if schema == nil {
				t.Fatalf("no schema for %s", tc.typ)
			}
			dv, err := tfprotov6.NewDynamicValue(schema.ValueType(), tfValue(t, schema.ValueType(), tc.config))
			if err != nil {
				t.Fatal(err)
			}
			var diags []*tfprotov6.Diagnostic
			switch {
			case tc.typ == prov:
				resp, err := srv.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: &dv})
				if err != nil {
					t.Fatal(err)
				}
				diags = resp.Diagnostics
			case isEphemeral:
				resp, err := srv.ValidateEphemeralResourceConfig(ctx, &tfprotov6.ValidateEphemeralResourceConfigRequest{TypeName: name, Config: &dv})
				if err != nil {
					t.Fatal(err)
				}
				diags = resp.Diagnostics
			default:
				resp, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: tc.typ, Config: &dv})
				if err != nil {
					t.Fatal(err)
				}
				diags = resp.Diagnostics
			}
			if tc.path == "" {
				for _, d := range diags {
					t.Errorf("valid configuration got %v diagnostic at %q: %s: %s", d.Severity, pathString(d.Attribute), d.Summary, d.Detail)
				}
				return
			}
			re := regexp.MustCompile("(?i)" + tc.summary)
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%v at %q: %s: %s", d.Severity, pathString(d.Attribute), d.Summary, d.Detail))
				if d.Severity == tc.severity && pathString(d.Attribute) == tc.path && re.MatchString(d.Summary+" "+d.Detail) {
					return
				}
			}
			t.Errorf("want a %v diagnostic at %q matching %q; got %d:\n%s", tc.severity, tc.path, tc.summary, len(got), strings.Join(got, "\n"))
		})
	}
}
