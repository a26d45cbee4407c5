package bench

// Go micro-benchmarks of the provider's hot paths. `make bench` runs them and puts
// them in its table; on their own:
//
//	go test -run '^$' -bench . -benchmem ./bench/
//	go test -run '^$' -bench RefreshCycle -cpuprofile cpu.out ./bench/   (then go tool pprof)
//
// The RPC benchmarks call the provider server in-process (the framework's
// tfprotov6.ProviderServer, as Terraform would through gRPC, minus the gRPC and
// msgpack transport) against an in-process emulator without latency, so their time
// includes the emulator's share of each request.

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/floor"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/models"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// ---- conversions and redaction ----

func sampleApp() *oauth2.GetCustomAppIntegrationOutput {
	return &oauth2.GetCustomAppIntegrationOutput{
		IntegrationId: "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51",
		ClientId:      "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51",
		Name:          "bench-app",
		RedirectUrls:  []string{"https://example.com/callback", "http://localhost:8020"},
		Scopes:        []string{"all-apis", "offline_access"},
		TokenAccessPolicy: &oauth2.TokenAccessPolicy{
			AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440,
		},
		CreateTime:      "2026-01-02T03:04:05.678Z",
		CreatedBy:       4242,
		CreatorUsername: "admin@example.com",
	}
}

func BenchmarkCustomAppIntegrationFromSDK(b *testing.B) {
	ctx, app := context.Background(), sampleApp()
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.Diagnostics
		_ = models.CustomAppIntegrationFromSDK(ctx, app, &diags)
		if diags.HasError() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkTokenAccessPolicyFromSDK(b *testing.B) {
	p := sampleApp().TokenAccessPolicy
	b.ReportAllocs()
	for b.Loop() {
		_ = models.TokenAccessPolicyFromSDK(p)
	}
}

func BenchmarkTokenAccessPolicyToSDK(b *testing.B) {
	ctx := context.Background()
	obj := models.TokenAccessPolicyFromSDK(sampleApp().TokenAccessPolicy)
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.Diagnostics
		if models.TokenAccessPolicyToSDK(ctx, obj, &diags) == nil {
			b.Fatal(diags)
		}
	}
}

// sdkDump is what the SDK logs for one request at debug level (httplog.RoundTripStringer).
const sdkDump = `POST /api/2.0/accounts/00000000-0000-0000-0000-000000000001/oauth2/custom-app-integrations
> * Host: 
> * Accept: application/json
> * Authorization: Bearer dapi-emulator
> * Content-Type: application/json
> {
>   "confidential": true,
>   "name": "bench-app",
>   "redirect_urls": [
>     "https://example.com/callback"
>   ],
>   "scopes": [
>     "all-apis"
>   ]
> }
< HTTP/1.1 200 OK
< {
<   "client_id": "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51",
<   "client_secret": "dose0123456789abcdef0123456789abcdef",
<   "integration_id": "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51"
< }`

// sdkGetDump is a Get answer as logged: no secret in it.
const sdkGetDump = `GET /api/2.0/accounts/00000000-0000-0000-0000-000000000001/oauth2/custom-app-integrations/4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51
< HTTP/1.1 200 OK
< {
<   "client_id": "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51",
<   "confidential": false,
<   "create_time": "2026-01-02T03:04:05.678Z",
<   "created_by": 4242,
<   "creator_username": "admin@example.com",
<   "integration_id": "4fb2b8a6-0c8e-4a4b-9d0e-2f1b6c1a9e51",
<   "name": "bench-app",
<   "redirect_urls": [
<     "https://example.com/callback"
<   ],
<   "scopes": [
<     "all-apis"
<   ],
<   "token_access_policy": {
<     "access_token_ttl_in_minutes": 60,
<     "refresh_token_ttl_in_minutes": 1440
<   }
< }`

// BenchmarkRedact is the masking every SDK log line goes through (only when the user
// asked for logs).
func BenchmarkRedact(b *testing.B) {
	for _, c := range []struct{ name, dump string }{{"create_with_secret", sdkDump}, {"get_without_secret", sdkGetDump}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.dump)))
			for b.Loop() {
				if strings.Contains(client.Redact(c.dump), "dose0123") {
					b.Fatal("secret not redacted")
				}
			}
		})
	}
}

// ---- RPCs through the provider server ----

// cpuMeter reports the process's CPU time per operation (user+sys, GC workers and the
// in-process emulator included) as cpu-ns/op: on a shared machine it varies less than
// ns/op, which is wall time.
type cpuMeter struct {
	b     *testing.B
	start int64
}

func meterCPU(b *testing.B) *cpuMeter { return &cpuMeter{b: b, start: processCPU()} }

func (m *cpuMeter) stop() {
	if m.b.N > 0 {
		m.b.ReportMetric(float64(processCPU()-m.start)/float64(m.b.N), "cpu-ns/op")
	}
}

func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// rig is a configured provider server talking to an in-process emulator.
type rig struct {
	ctx   context.Context
	srv   tfprotov6.ProviderServer
	emu   *emulator.Emulator
	url   string
	types map[string]tftypes.Type // resource and data source types, by type name
}

func newRig(tb testing.TB, opts emulator.Options) *rig {
	tb.Helper()
	emu, hs := emulator.NewTestServer(tb, opts)
	srv, err := providerserver.NewProtocol6WithError(provider.New("0.0.0-bench")())()
	if err != nil {
		tb.Fatal(err)
	}
	r := &rig{ctx: context.Background(), srv: srv, emu: emu, url: hs.URL, types: map[string]tftypes.Type{}}
	sch, err := srv.GetProviderSchema(r.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, sch.Diagnostics)
	for name, s := range sch.ResourceSchemas {
		r.types[name] = s.ValueType()
	}
	for name, s := range sch.DataSourceSchemas {
		r.types["data."+name] = s.ValueType()
	}
	pt := sch.Provider.ValueType()
	cfg := r.object(pt, map[string]tftypes.Value{
		"host":       tftypes.NewValue(tftypes.String, hs.URL),
		"account_id": tftypes.NewValue(tftypes.String, emu.AccountID()),
		"token":      tftypes.NewValue(tftypes.String, emu.Token()),
		"auth_type":  tftypes.NewValue(tftypes.String, "pat"),
		"rate_limit": tftypes.NewValue(tftypes.Number, 100000),
	})
	resp, err := srv.ConfigureProvider(r.ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dv(tb, pt, cfg)})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, resp.Diagnostics)
	return r
}

// floor returns a copy of the rig whose server is the framework floor (bench/floor),
// configured as Terraform would.
func (r *rig) floor(tb testing.TB) *rig {
	tb.Helper()
	srv, err := providerserver.NewProtocol6WithError(floor.New()())()
	if err != nil {
		tb.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(r.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, sch.Diagnostics)
	pt := sch.Provider.ValueType()
	resp, err := srv.ConfigureProvider(r.ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dv(tb, pt, r.object(pt, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, resp.Diagnostics)
	c := *r
	c.srv = srv
	return &c
}

// object builds a value of object type t from attrs; attributes not given are null.
func (r *rig) object(t tftypes.Type, attrs map[string]tftypes.Value) tftypes.Value {
	ot, ok := t.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%v is not an object type", t))
	}
	vals := make(map[string]tftypes.Value, len(ot.AttributeTypes))
	for name, at := range ot.AttributeTypes {
		if v, ok := attrs[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(t, vals)
}

func dv(tb testing.TB, t tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	d, err := tfprotov6.NewDynamicValue(t, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &d
}

func checkDiags(tb testing.TB, diags []*tfprotov6.Diagnostic) {
	tb.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			tb.Fatalf("%s: %s", d.Summary, d.Detail)
		}
	}
}

func strs(ss ...string) tftypes.Value {
	vals := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vals[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
}

// toJSON renders a state value as Terraform stores it (for UpgradeResourceState).
func toJSON(tb testing.TB, v tftypes.Value) []byte {
	tb.Helper()
	b, err := json.Marshal(plain(v))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func plain(v tftypes.Value) any {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return x
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('f', -1))
	case v.Type().Is(tftypes.Object{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := make(map[string]any, len(m))
		for k, e := range m {
			out[k] = plain(e)
		}
		return out
	default: // set, list
		var l []tftypes.Value
		_ = v.As(&l)
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = plain(e)
		}
		return out
	}
}

// refresher replays, for one resource, the RPCs Terraform makes in a refresh-only
// plan that finds no change: UpgradeResourceState, ReadResource,
// ValidateResourceConfig and PlanResourceChange.
type refresher struct {
	r      *rig
	name   string
	typ    tftypes.Type
	config *tfprotov6.DynamicValue
	state  *tfprotov6.DynamicValue
	json   []byte
}

func (r *rig) refresher(tb testing.TB, name string, config, state tftypes.Value) *refresher {
	tb.Helper()
	f := &refresher{r: r, name: name, typ: r.types[name], config: dv(tb, r.types[name], config)}
	// Refresh once to get the full state the provider writes.
	f.state = f.read(tb, dv(tb, f.typ, state))
	v, err := f.state.Unmarshal(f.typ)
	if err != nil {
		tb.Fatal(err)
	}
	f.json = toJSON(tb, v)
	return f
}

func (f *refresher) read(tb testing.TB, state *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
	resp, err := f.r.srv.ReadResource(f.r.ctx, &tfprotov6.ReadResourceRequest{TypeName: f.name, CurrentState: state})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, resp.Diagnostics)
	if resp.NewState == nil {
		tb.Fatal("no state after read")
	}
	return resp.NewState
}

func (f *refresher) cycle(tb testing.TB) {
	ctx, srv := f.r.ctx, f.r.srv
	up, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: f.name, RawState: &tfprotov6.RawState{JSON: f.json}})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, up.Diagnostics)
	state := f.read(tb, up.UpgradedState)
	vr, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: f.name, Config: f.config})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, vr.Diagnostics)
	pr, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: f.name,
		PriorState: state, ProposedNewState: state, Config: f.config})
	if err != nil {
		tb.Fatal(err)
	}
	checkDiags(tb, pr.Diagnostics)
	if len(pr.RequiresReplace) > 0 {
		tb.Fatal("plan wants a replacement")
	}
}

const appType = "databricksoauth_custom_app_integration"

func appRefresher(tb testing.TB, r *rig) *refresher {
	tb.Helper()
	a, err := databricks.NewAccountClient(&databricks.Config{Host: r.url, AccountID: r.emu.AccountID(), Token: r.emu.Token(), AuthType: "pat"})
	if err != nil {
		tb.Fatal(err)
	}
	app := sampleApp()
	out, err := a.CustomAppIntegration.Create(r.ctx, oauth2.CreateCustomAppIntegration{
		Name: app.Name, RedirectUrls: app.RedirectUrls, Scopes: app.Scopes, TokenAccessPolicy: app.TokenAccessPolicy,
	})
	if err != nil {
		tb.Fatal(err)
	}
	t := as[tftypes.Object](tb, r.types[appType])
	tap := t.AttributeTypes["token_access_policy"]
	policy := r.object(tap, map[string]tftypes.Value{
		"access_token_ttl_in_minutes":  tftypes.NewValue(tftypes.Number, 60),
		"refresh_token_ttl_in_minutes": tftypes.NewValue(tftypes.Number, 1440),
	})
	config := r.object(t, map[string]tftypes.Value{
		"name":                tftypes.NewValue(tftypes.String, app.Name),
		"redirect_urls":       strs(app.RedirectUrls...),
		"scopes":              strs(app.Scopes...),
		"token_access_policy": policy,
	})
	state := r.object(t, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, out.IntegrationId)})
	return r.refresher(tb, appType, config, state)
}

// BenchmarkReadResource is one refresh of one object: the ReadResource RPC with its
// API request (a Get for a custom app; for a secret, a listing shared by the reads of
// one principal within a few seconds, so mostly served from the provider's cache).
func BenchmarkReadResource(b *testing.B) {
	b.Run("custom_app", func(b *testing.B) {
		r := newRig(b, emulator.Options{})
		f := appRefresher(b, r)
		b.ReportAllocs()
		m := meterCPU(b)
		for b.Loop() {
			f.read(b, f.state)
		}
		m.stop()
	})
}

// BenchmarkRefreshCycle is everything the provider does for one unchanged object in
// `terraform plan`: UpgradeResourceState, ReadResource, ValidateResourceConfig and
// PlanResourceChange. custom_app_floor is the same cycle of the same state through
// the framework floor (bench/floor: the same schemas, a Read that sends nothing):
// what the framework costs any provider with these schemas.
func BenchmarkRefreshCycle(b *testing.B) {
	b.Run("custom_app", func(b *testing.B) {
		r := newRig(b, emulator.Options{})
		f := appRefresher(b, r)
		b.ReportAllocs()
		m := meterCPU(b)
		for b.Loop() {
			f.cycle(b)
		}
		m.stop()
	})
	b.Run("custom_app_floor", func(b *testing.B) {
		r := newRig(b, emulator.Options{})
		f := appRefresher(b, r)
		f.r = r.floor(b)
		b.ReportAllocs()
		m := meterCPU(b)
		for b.Loop() {
			f.cycle(b)
		}
		m.stop()
	})
	b.Run("sp_secret", func(b *testing.B) {
		r := newRig(b, emulator.Options{})
		const name = "databricksoauth_service_principal_secret"
		sp := emulator.DefaultServicePrincipals[0]
		a, err := databricks.NewAccountClient(&databricks.Config{Host: r.url, AccountID: r.emu.AccountID(), Token: r.emu.Token(), AuthType: "pat"})
		if err != nil {
			b.Fatal(err)
		}
		out, err := a.ServicePrincipalSecrets.Create(r.ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp)})
		if err != nil {
			b.Fatal(err)
		}
		t := r.types[name]
		config := r.object(t, map[string]tftypes.Value{"service_principal_id": tftypes.NewValue(tftypes.Number, sp)})
		state := r.object(t, map[string]tftypes.Value{
			"service_principal_id": tftypes.NewValue(tftypes.Number, sp),
			"id":                   tftypes.NewValue(tftypes.String, out.Id),
			"secret":               tftypes.NewValue(tftypes.String, out.Secret),
		})
		f := r.refresher(b, name, config, state)
		b.ReportAllocs()
		m := meterCPU(b)
		for b.Loop() {
			f.cycle(b)
		}
		m.stop()
	})
}

// BenchmarkDataSourceCustomApps1000 reads the custom_app_integrations data source
// over 1,000 integrations (10 pages of 100).
func BenchmarkDataSourceCustomApps1000(b *testing.B) {
	r := newRig(b, emulator.Options{NoSeed: true})
	req, _ := http.NewRequestWithContext(b.Context(), http.MethodPost, r.url+"/_emulator/seed/custom-app-integrations?count=1000", nil)
	req.Header.Set("Authorization", "Bearer "+r.emu.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatal("seed failed", err)
	}
	resp.Body.Close()
	const name = "databricksoauth_custom_app_integrations"
	t := r.types["data."+name]
	config := dv(b, t, r.object(t, nil))
	b.ReportAllocs()
	m := meterCPU(b)
	defer m.stop()
	for b.Loop() {
		resp, err := r.srv.ReadDataSource(r.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: name, Config: config})
		if err != nil {
			b.Fatal(err)
		}
		checkDiags(b, resp.Diagnostics)
	}
}

// as returns v as a T, and fails the test when it is not one.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}
