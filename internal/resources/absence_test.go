package resources_test

// Only a proven absence removes an object from state: a wrong host or account id, a
// disabled feature or a proxy's 404 during plan, apply or destroy leaves the state
// and its secrets as they were and fails the command; a real out-of-band delete
// still plans a create.

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// allTypes is one object of every resource type.
func allTypes(tg *acctest.Target) string {
	var b strings.Builder
	subjects := faultSubjects(tg)
	names := make([]string, 0, len(subjects))
	for name := range subjects {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.WriteString(subjects[name].create)
	}
	return b.String()
}

// stateSnapshot is the ids and secret values of every resource in state.
type stateSnapshot map[string]string

var snapshotAttrs = []string{"id", "client_secret", "secret"}

func snapshot(dst stateSnapshot) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for _, a := range snapshotAttrs {
				if v, ok := rs.Primary.Attributes[a]; ok {
					dst[addr+"."+a] = v
				}
			}
		}
		if len(dst) == 0 {
			return fmt.Errorf("nothing in state")
		}
		return nil
	}
}

// sameSnapshot checks that the state holds exactly what want recorded, secrets
// included, and that the server still holds every object.
func sameSnapshot(tg *acctest.Target, want stateSnapshot) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got := stateSnapshot{}
		if err := snapshot(got)(s); err != nil {
			return err
		}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("%s is %q, was %q: the state changed", k, got[k], v)
			}
		}
		if len(got) != len(want) {
			return fmt.Errorf("state holds %d values, had %d", len(got), len(want))
		}
		return checkSnapshotCounts(tg)(s)
	}
}

// Every kind of 404 that does not prove an absence, during plan, apply and destroy,
// for every resource type at once.
func TestAccAbsence_unprovenNotFoundKeepsState(t *testing.T) {
	acctest.EmulatorOnly(t)
	type kind struct {
		// fault answers every API request of the given method (all methods when "");
		// provider, when set, is the provider block to use instead (a wrong setting).
		fault    *emulator.Fault
		provider func(tg *acctest.Target) string
		want     string
	}
	wrongAccount := func() func(tg *acctest.Target) string {
		return func(tg *acctest.Target) string {
			return strings.Replace(tg.ProviderBlock, tg.Emulator.AccountID(), "00000000-0000-0000-0000-0000000bad01", 1)
		}
	}
	kinds := map[string]kind{
		"wrong account id (404)":   {provider: wrongAccount(), want: "account_id"},
		"FEATURE_DISABLED":         {fault: &emulator.Fault{Status: 404, ErrorCode: "FEATURE_DISABLED", Message: "OAuth is not enabled for this account"}, want: "FEATURE_DISABLED"},
		"ENDPOINT_NOT_FOUND":       {fault: &emulator.Fault{Status: 404, ErrorCode: "ENDPOINT_NOT_FOUND", Message: "No API found"}, want: "ENDPOINT_NOT_FOUND"},
		"HTML 404":                 {fault: &emulator.Fault{Status: 404, RawBody: "<html><body><h1>404 Not Found</h1></body></html>"}, want: "HTML page"},
		"empty 404":                {fault: &emulator.Fault{Status: 404, EmptyBody: true}, want: "state is left unchanged"},
		"404 about the account":    {fault: &emulator.Fault{Status: 404, ErrorCode: "RESOURCE_DOES_NOT_EXIST", Message: "Account does not exist"}, want: "account_id"},
		"missing collection (404)": {fault: &emulator.Fault{Status: 404}, want: "account_id"},
	}
	for name, k := range kinds {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			cfg := allTypes(tg)
			good := tg.Config(cfg)
			bad := good
			if k.provider != nil {
				bad = k.provider(tg) + cfg
			}
			inject := func(method string) func() {
				return func() {
					tg.Emulator.ClearFaults()
					if k.fault != nil {
						f := *k.fault
						f.Method, f.Times = method, -1
						tg.Emulator.InjectFault(f)
					}
				}
			}
			want := wrapped(regexp.QuoteMeta(k.want))
			before := stateSnapshot{}
			unchanged := resource.TestStep{
				PreConfig:        func() { tg.Emulator.ClearFaults() },
				Config:           good,
				ConfigPlanChecks: expectEmptyPlan,
				Check:            sameSnapshot(tg, before),
			}
			steps := []resource.TestStep{
				{Config: good, Check: snapshot(before)},
				// plan (refresh)
				{PreConfig: inject(http.MethodGet), Config: bad, PlanOnly: true, ExpectError: want},
				unchanged,
				// apply (refresh, then changes)
				{PreConfig: inject(http.MethodGet), Config: bad, ExpectError: want},
				unchanged,
				// destroy: the refresh fails, or, with faults on DELETE only, every delete
				{PreConfig: inject(http.MethodGet), Config: bad, Destroy: true, ExpectError: want},
				unchanged,
			}
			if k.fault != nil {
				steps = append(steps,
					resource.TestStep{PreConfig: inject(http.MethodDelete), Config: bad, Destroy: true, ExpectError: wrapped(`Cannot delete`)},
					unchanged)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				PreCheck:                 func() { acctest.PreCheck(t) },
				Steps:                    steps,
				CheckDestroy: func(*terraform.State) error {
					for name, sub := range faultSubjects(tg) {
						if ids := sub.serverIDs(tg); len(ids) != 0 {
							return fmt.Errorf("%s left after destroy: %v", name, ids)
						}
					}
					return nil
				},
			})
		})
	}
}

// A workspace URL as host: the host's metadata says it is a workspace, which serves no
// account API, so every account object fails at plan and nothing is removed. (Service
// principal secrets would go through the workspace's proxy, which lists the same
// account's secrets; this test's second emulator does not share the first's, so the
// secret is left out.)
func TestAccAbsence_workspaceURLAsHost(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	var b strings.Builder
	for name, sub := range faultSubjects(tg) {
		if name != "service principal secret" {
			b.WriteString(sub.create)
		}
	}
	cfg := b.String()
	ws := emulator.New(emulator.Options{HostType: emulator.HostTypeWorkspace, Token: tg.Emulator.Token()})
	srv := httptest.NewServer(ws)
	t.Cleanup(srv.Close)
	bad := strings.Replace(tg.ProviderBlock, tg.URL, srv.URL, 1) + cfg
	want := wrapped(`is a workspace`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(cfg)},
			{Config: bad, PlanOnly: true, ExpectError: want},
			{Config: bad, ExpectError: want},
			{Config: bad, Destroy: true, ExpectError: want},
			{
				Config:           tg.Config(cfg),
				ConfigPlanChecks: expectEmptyPlan,
			},
		},
		CheckDestroy: acctest.NoMutatingRequests(ws, "the plan and apply against the workspace"),
	})
}

// A wrong account id is caught before any request for objects whose account is
// recorded (every object this release created, imported or read); for others, and
// data sources, the server's answer is an error of its own, here a 403.
func TestAccAbsence_wrongAccountAnswered403(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.WrongAccountStatus = http.StatusForbidden })
	cfg := allTypes(tg)
	badBlock := strings.Replace(tg.ProviderBlock, tg.Emulator.AccountID(), "00000000-0000-0000-0000-0000000bad02", 1)
	before := stateSnapshot{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(cfg), Check: snapshot(before)},
			{Config: badBlock + cfg, PlanOnly: true, ExpectError: wrapped(`belongs to another account`)},
			{Config: badBlock + cfg, Destroy: true, ExpectError: wrapped(`belongs to another account`)},
			{
				Config: tg.Config(cfg), ConfigPlanChecks: expectEmptyPlan,
				Check: sameSnapshot(tg, before),
			},
		},
	})
	t.Run("data source", func(t *testing.T) {
		tg := acctest.New(t, func(o *emulator.Options) { o.WrongAccountStatus = http.StatusForbidden })
		bad := strings.Replace(tg.ProviderBlock, tg.Emulator.AccountID(), "00000000-0000-0000-0000-0000000bad03", 1)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      bad + `data "databricksoauth_account_federation_policies" "all" {}`,
				ExpectError: wrapped(`PERMISSION_DENIED`),
			}},
		})
	})
}

// A real out-of-band delete, proven by the collection's answer, still plans a create
// of every type, without an error.
func TestAccAbsence_realDeletePlansCreate(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(allTypes(tg))
	var checks []plancheck.PlanCheck
	for _, sub := range faultSubjects(tg) {
		checks = append(checks, plancheck.ExpectResourceAction(sub.addr, plancheck.ResourceActionCreate))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					e := tg.Emulator
					for _, a := range e.CustomApps() {
						e.DeleteCustomApp(a.IntegrationID)
					}
					for _, p := range e.PublishedIntegrations() {
						if p.AppID == testPublishedAppID {
							e.DeletePublishedIntegration(p.IntegrationID)
						}
					}
					for _, p := range e.AccountPolicies() {
						e.DeleteAccountPolicy(p.PolicyID)
					}
					for _, p := range e.ServicePrincipalPolicies(tg.ServicePrincipalID) {
						e.DeleteServicePrincipalPolicy(tg.ServicePrincipalID, p.PolicyID)
					}
					for _, s := range e.Secrets(tg.ServicePrincipalID) {
						e.DeleteSecret(tg.ServicePrincipalID, s.ID)
					}
				},
				Config:             cfg,
				ConfigPlanChecks:   resource.ConfigPlanChecks{PreApply: checks},
				Check:              resource.ComposeTestCheckFunc(checkSnapshotCounts(tg)),
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

// checkSnapshotCounts checks the server holds one object of every type.
func checkSnapshotCounts(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for name, sub := range faultSubjects(tg) {
			if n := len(sub.serverIDs(tg)); n != 1 {
				return fmt.Errorf("%s: %d on the server, want 1", name, n)
			}
		}
		return nil
	}
}

// An unreachable host fails the plan quickly, naming the host, instead of after the
// SDK's five minutes of retries.
func TestAccAbsence_unreachableHostFailsFast(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name, host := range map[string]string{
		"connection refused": "http://127.0.0.1:1",
		"unknown name":       "https://no-such-host.invalid",
	} {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			block := strings.Replace(tg.ProviderBlock, tg.URL, host, 1)
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig:   func() { start = time.Now() },
					Config:      block + allTypes(tg),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Cannot reach the Databricks host.*` + regexp.QuoteMeta(host)),
				}},
			})
			// The bound; the provider gives up after 15 s (reachTimeout).
			if d := time.Since(start); d > time.Minute {
				t.Errorf("the plan took %s to fail", d)
			}
		})
	}
}

// Import ids are checked before anything is sent.
func TestAccAbsence_badImportIDsRejected(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cases := map[string][]string{
		customApp:        {"abc def", "a/b", "x?y=1", " padded"},
		publishedApp:     {"power bi", "power-bi?x=1", "../power-bi"},
		accountFedPolicy: {"Upper-Case", "drift?x=1", "a/b"},
		spFedPolicy:      {fmt.Sprintf("%d/drift-sp?x=1", sp), fmt.Sprintf("%d/a/b", sp), "x/y", fmt.Sprintf("%d/", sp)},
		spSecret:         {fmt.Sprintf("%d/a b", sp), fmt.Sprintf("%d/x?y", sp), "secret-only"},
	}
	subjects := faultSubjects(tg)
	var steps []resource.TestStep
	for _, sub := range subjects {
		for _, id := range cases[sub.addr] {
			steps = append(steps, resource.TestStep{
				Config:        tg.Config(sub.create),
				ResourceName:  sub.addr,
				ImportState:   true,
				ImportStateId: id,
				ExpectError:   regexp.MustCompile(`Invalid import id|Cannot import`),
			})
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			for _, r := range tg.Emulator.Requests() {
				if strings.Contains(r.Path, "?") || strings.Contains(r.Path, " ") || strings.Contains(r.Path, "..") {
					return fmt.Errorf("a bad import id was sent: %s %s", r.Method, r.Path)
				}
			}
			tg.AssertNoMutations(t)
			return nil
		},
	})
}

// apiCall sends one request to the emulator's API as a client outside Terraform would.
func apiCall(t *testing.T, tg *acctest.Target, method, path, body string) {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tg.Emulator.Token())
	rec := httptest.NewRecorder()
	tg.Emulator.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body.String())
	}
}

// A policy that holds the chosen policy_id but was not made by this create is never
// adopted, nor deleted later: created before the request with the same settings, or
// during it with other settings.
func TestAccAbsence_foreignPolicyWithChosenIDNotAdopted(t *testing.T) {
	acctest.EmulatorOnly(t)
	const id = "tf-acc-taken"
	foreignBody := `{"description":"someone else's","oidc_policy":{"issuer":"https://foreign.example.com","audiences":["databricks","other"],"subject_claim":"email"}}`
	cases := map[string]struct {
		setup func(t *testing.T, tg *acctest.Target, path string)
		hook  bool
	}{
		"created before the request, same settings": {setup: func(t *testing.T, tg *acctest.Target, path string) {
			apiCall(t, tg, http.MethodPost, path+"?policy_id="+id,
				`{"description":"first","oidc_policy":{"issuer":"https://idp.example.com","audiences":["databricks","other"],"subject_claim":"email"}}`)
			tg.Emulator.UpdateAccountPolicy(id, func(p *emulator.FederationPolicy) { p.CreateTime = p.CreateTime.Add(-time.Hour) })
		}},
		"created 2 s before the request, same settings": {setup: func(t *testing.T, tg *acctest.Target, path string) {
			apiCall(t, tg, http.MethodPost, path+"?policy_id="+id,
				`{"description":"first","oidc_policy":{"issuer":"https://idp.example.com","audiences":["databricks","other"],"subject_claim":"email"}}`)
			tg.Emulator.UpdateAccountPolicy(id, func(p *emulator.FederationPolicy) { p.CreateTime = p.CreateTime.Add(-2 * time.Second) })
		}},
		"created during the request, other settings": {hook: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			path := "/api/2.0/accounts/" + tg.Emulator.AccountID() + "/federationPolicies"
			var before emulator.FederationPolicy
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							f := emulator.Fault{Method: http.MethodPost, PathPattern: federationPoliciesPath, Status: http.StatusServiceUnavailable, Times: 1}
							if c.hook {
								f.Hook = func() { apiCall(t, tg, http.MethodPost, path+"?policy_id="+id, foreignBody) }
							} else {
								c.setup(t, tg, path)
							}
							tg.Emulator.InjectFault(f) // not applied; the SDK's retry then meets the foreign policy (409)
						},
						Config:      tg.Config(testAccAccountFederationPolicyConfig_full(id, "first", "https://idp.example.com")),
						ExpectError: wrapped(`Federation policy already exists.*not the one this create request made.*terraform import`),
					},
					{
						PreConfig: func() {
							var ok bool
							if before, ok = tg.Emulator.AccountPolicy(id); !ok {
								t.Fatal("the foreign policy is gone")
							}
						},
						Config:  tg.Config(``),
						Destroy: true,
					},
				},
				CheckDestroy: func(*terraform.State) error {
					after, ok := tg.Emulator.AccountPolicy(id)
					if !ok || after.UID != before.UID || after.Description != before.Description {
						return fmt.Errorf("the foreign policy changed: %+v, was %+v", after, before)
					}
					return nil
				},
			})
		})
	}
}

// A server clock minutes off does not hide what a lost create made: the window is
// moved onto the server's clock with its Date headers.
func TestAccAbsence_skewedClockStillFindsTheOrphan(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, skew := range []time.Duration{-3 * time.Minute, 4 * time.Minute} {
		t.Run("secret named/"+skew.String(), func(t *testing.T) {
			tg := acctest.New(t, func(o *emulator.Options) { o.ClockOffset = skew })
			sp := tg.ServicePrincipalID
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(lostAnswer("500", `/credentials/secrets$`)) },
					Config:    tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "3600s"`)),
					ExpectError: wrapped(fmt.Sprintf(`created during the request.*`+
						`databricks account service-principal-secrets delete %d [0-9a-f]{64}`, sp)),
				}},
				CheckDestroy: faultSubjects(tg)["service principal secret"].orphanRemoved(tg),
			})
		})
		t.Run("public app adopted/"+skew.String(), func(t *testing.T) {
			tg := acctest.New(t, func(o *emulator.Options) { o.ClockOffset = skew })
			s := faultSubjects(tg)["custom app integration"]
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkCustomAppsDestroyed(tg),
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(lostAnswer("dropped connection", customAppsPath)) },
					Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name   = "tf-acc-skew"
  scopes = ["all-apis"]
}
`),
					Check: checkExactlyOnce(tg, s),
				}},
			})
		})
	}
}

// A 200 answer without the object fails the read and changes nothing.
func TestAccAbsence_answerWithoutTheObjectIsAnError(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name, c := range map[string]struct {
		subject, body, want string
	}{
		"account policy {}":                 {"account federation policy", `{}`, `no policy_id`},
		"account policy without oidc":       {"account federation policy", `{"policy_id":"tf-acc-faults","description":"x"}`, `no oidc_policy`},
		"service principal policy {}":       {"service principal federation policy", `{}`, `no policy_id`},
		"service principal policy, foreign": {"service principal federation policy", `{"policy_id":"other","oidc_policy":{"issuer":"https://x"}}`, `instead of`},
		"custom app {}":                     {"custom app integration", `{}`, `no integration_id`},
		"published app {}":                  {"published app integration", `{}`, `no integration_id`},
	} {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			s := faultSubjects(tg)[c.subject]
			before := stateSnapshot{}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: tg.Config(s.create), Check: snapshot(before)},
					{
						PreConfig: func() {
							tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: s.item, Times: 1, Status: 200,
								ContentType: "application/json", RawBody: c.body})
						},
						Config:      tg.Config(s.create),
						PlanOnly:    true,
						ExpectError: wrapped(c.want),
					},
					{
						Config:           tg.Config(s.create),
						ConfigPlanChecks: expectEmptyPlan,
						Check:            checkExactlyOnce(tg, s),
					},
				},
			})
		})
	}
}

// Server lists with repeats (the API accepts `[u, u]`) are read as sets: the plan
// repairs a managed object's list, and the data source and import work.
func TestAccAbsence_repeatedListValuesConverge(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-repeats"
  redirect_urls = ["https://example.com/a", "https://example.com/b"]
  scopes        = ["all-apis", "offline_access"]
}
`)
	var id string
	repeat := func() {
		tg.Emulator.UpdateCustomApp(id, func(a *emulator.CustomApp) {
			a.Scopes = []string{"all-apis", "offline_access", "offline_access"}
			a.RedirectURLs = []string{"https://example.com/a", "https://example.com/a", "https://example.com/b"}
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCustomAppsDestroyed(tg),
		Steps: []resource.TestStep{
			{Config: cfg, Check: acctest.CaptureAttr(customApp, "id", &id)},
			{
				PreConfig:        repeat,
				Config:           cfg,
				ConfigPlanChecks: expectAction(customApp, plancheck.ResourceActionUpdate),
				Check: func(*terraform.State) error {
					app, _ := tg.Emulator.CustomApp(id)
					if len(app.Scopes) != 2 || len(app.RedirectURLs) != 2 {
						return fmt.Errorf("not repaired: %v %v", app.Scopes, app.RedirectURLs)
					}
					return nil
				},
			},
			{
				PreConfig: repeat,
				Config: cfg + `
data "databricksoauth_custom_app_integrations" "all" {}
data "databricksoauth_custom_app_integration" "one" {
  integration_id = databricksoauth_custom_app_integration.test.integration_id
}
`,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.databricksoauth_custom_app_integration.one", "scopes.#", "2"),
					resource.TestCheckResourceAttr("data.databricksoauth_custom_app_integration.one", "redirect_urls.#", "2"),
				),
			},
			{
				PreConfig:     repeat,
				Config:        cfg,
				ResourceName:  customApp,
				ImportState:   true,
				ImportStateId: "", // from state
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].ID == "" {
						return fmt.Errorf("import: %v", states)
					}
					return nil
				},
			},
			{Config: cfg, Check: func(*terraform.State) error {
				app, _ := tg.Emulator.CustomApp(id)
				if len(app.Scopes) != 2 {
					return fmt.Errorf("not repaired: %v", app.Scopes)
				}
				return nil
			}},
		},
	})
}

// Missing credentials are reported once, by the provider, not once per object.
func TestAccAbsence_missingCredentialsOneError(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	noToken := *tg
	noToken.ProviderBlock = regexp.MustCompile(`(?m)^\s*token\s*=.*\n`).ReplaceAllString(tg.ProviderBlock, "")
	if noToken.ProviderBlock == tg.ProviderBlock {
		t.Fatal("the provider block has no token line to remove")
	}
	cli := newTFCLI(t)
	cli.writeConfig(&noToken, allTypes(tg))
	res := cli.run("plan", "-json", "-input=false")
	errs := res.Errors()
	if res.Err == nil || len(errs) != 1 {
		t.Fatalf("want exactly one error, got %d: %v\n%s", len(errs), errs, lastLines(res.Stderr, 20))
	}
	if !strings.Contains(errs[0].Summary+errs[0].Detail, "token") {
		t.Fatalf("the error does not say what is missing: %v", errs[0])
	}
	tg.AssertNoMutations(t)
}

// The secret's expiry is judged by the server's clock: one behind this machine's by
// more than the secret's lifetime does not drop a live secret from state.
func TestAccAbsence_serverClockBehindKeepsLiveSecret(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.ClockOffset = -5 * time.Minute })
	sp := tg.ServicePrincipalID
	cfg := tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "300s"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{Config: cfg}, // the harness's plan after the apply must be empty
			{Config: cfg, ConfigPlanChecks: expectEmptyPlan},
		},
	})
}

// An object is never read, changed or deleted in another account than its own, even
// one where its id answers "does not exist" while the collection answers.
func TestAccAbsence_otherAccountNeverTouchesTheObject(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	const other = "00000000-0000-0000-0000-0000000000b2"
	otherEmu := emulator.New(emulator.Options{AccountID: other, Token: tg.Emulator.Token()})
	srv := httptest.NewServer(otherEmu)
	t.Cleanup(srv.Close)
	cfg := allTypes(tg)
	elsewhere := strings.NewReplacer(tg.URL, srv.URL, tg.Emulator.AccountID(), other).Replace(tg.ProviderBlock) + cfg
	before := stateSnapshot{}
	want := wrapped(`belongs to another account.*state is left unchanged`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: tg.Config(cfg), Check: snapshot(before)},
			{Config: elsewhere, PlanOnly: true, ExpectError: want},
			{Config: elsewhere, Destroy: true, ExpectError: want},
			{Config: tg.Config(cfg), ConfigPlanChecks: expectEmptyPlan, Check: sameSnapshot(tg, before)},
		},
		CheckDestroy: acctest.NoMutatingRequests(otherEmu, "the plan and apply against the other account"),
	})
}
