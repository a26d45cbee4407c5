package resources_test

// Reliability under faults: throttling and unavailability on every operation, creates
// whose outcome is unknown, failures after a create, and malformed answers. All run
// against the emulator's fault hooks (Fault, InjectFault).
//
// The SDK backs off about 1 s, then 2 s, between attempts, whatever Retry-After says,
// so each case injects few, single-use faults.

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// faultSubject is one resource type as the fault tests drive it.
type faultSubject struct {
	addr           string
	create, update string // configurations; update "" when the type has no update API
	collection     string // regexp of the collection path (POST, and list reads)
	item           string // regexp of one object's path (GET/PATCH/DELETE); "" = reads list the collection
	stateID        string // attribute of the server-side id in state
	serverIDs      func(tg *acctest.Target) []string
	remove         func(tg *acctest.Target, id string) // deletes an object on the server
}

// idsOf returns the id of each object.
func idsOf[T any](objects []T, id func(T) string) []string {
	var ids []string
	for _, o := range objects {
		ids = append(ids, id(o))
	}
	return ids
}

func policyID(p emulator.FederationPolicy) string { return p.PolicyID }

func faultSubjects(tg *acctest.Target) map[string]faultSubject {
	sp := tg.ServicePrincipalID
	return map[string]faultSubject{
		"custom app integration": {
			addr: customApp,
			create: `
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-faults"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}
`,
			update: `
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-faults"
  confidential  = true
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis", "offline_access"]
}
`,
			collection: customAppsPath, item: `/oauth2/custom-app-integrations/[^/]+$`, stateID: "integration_id",
			remove: func(tg *acctest.Target, id string) { tg.Emulator.DeleteCustomApp(id) },
			serverIDs: func(tg *acctest.Target) []string {
				return idsOf(tg.Emulator.CustomApps(), func(a emulator.CustomApp) string { return a.IntegrationID })
			},
		},
		"published app integration": {
			addr:       publishedApp,
			create:     testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 60),
			update:     testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 120),
			collection: `/oauth2/published-app-integrations$`, item: `/oauth2/published-app-integrations/[^/]+$`, stateID: "integration_id",
			remove: func(tg *acctest.Target, id string) { tg.Emulator.DeletePublishedIntegration(id) },
			serverIDs: func(tg *acctest.Target) []string {
				var ids []string
				for _, p := range tg.Emulator.PublishedIntegrations() {
					if p.AppID == testPublishedAppID {
						ids = append(ids, p.IntegrationID)
					}
				}
				return ids
			},
		},
		"account federation policy": {
			addr:       accountFedPolicy,
			create:     testAccAccountFederationPolicyConfig_full("tf-acc-faults", "first", "https://idp.example.com"),
			update:     testAccAccountFederationPolicyConfig_full("tf-acc-faults", "second", "https://idp.example.com"),
			collection: federationPoliciesPath, item: `/accounts/[^/]+/federationPolicies/[^/]+$`, stateID: "policy_id",
			remove:    func(tg *acctest.Target, id string) { tg.Emulator.DeleteAccountPolicy(id) },
			serverIDs: func(tg *acctest.Target) []string { return idsOf(tg.Emulator.AccountPolicies(), policyID) },
		},
		"service principal federation policy": {
			addr:       spFedPolicy,
			create:     testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-faults", "first", "repo:my-org/app:ref:refs/heads/main"),
			update:     testAccServicePrincipalFederationPolicyConfig_github(sp, "tf-acc-faults", "second", "repo:my-org/app:ref:refs/heads/main"),
			collection: `/servicePrincipals/\d+/federationPolicies$`, item: `/servicePrincipals/\d+/federationPolicies/[^/]+$`, stateID: "policy_id",
			remove:    func(tg *acctest.Target, id string) { tg.Emulator.DeleteServicePrincipalPolicy(sp, id) },
			serverIDs: func(tg *acctest.Target) []string { return idsOf(tg.Emulator.ServicePrincipalPolicies(sp), policyID) },
		},
		"service principal secret": {
			addr:       spSecret,
			create:     testAccServicePrincipalSecretConfig(sp, `lifetime = "3600s"`),
			collection: `/credentials/secrets$`, stateID: "id",
			remove: func(tg *acctest.Target, id string) { tg.Emulator.DeleteSecret(sp, id) },
			serverIDs: func(tg *acctest.Target) []string {
				return idsOf(tg.Emulator.Secrets(sp), func(s emulator.Secret) string { return s.ID })
			},
		},
	}
}

// injectTransient makes the next two requests of method on path fail with 429, then
// 503: the SDK retries both, so the operation succeeds on its third attempt.
func injectTransient(tg *acctest.Target, method, path string) {
	tg.Emulator.InjectFault(emulator.Fault{Method: method, PathPattern: path, Status: http.StatusTooManyRequests, Times: 1, RetryAfter: "30"})
	tg.Emulator.InjectFault(emulator.Fault{Method: method, PathPattern: path, Status: http.StatusServiceUnavailable, Times: 1})
}

// sawStatuses checks that the emulator answered requests of method on path with each
// of the statuses, i.e. that the injected faults were hit.
func sawStatuses(tg *acctest.Target, method, path string, statuses ...int) resource.TestCheckFunc {
	return acctest.ExpectAnswered(tg.Emulator, method, regexp.MustCompile(path), statuses...)
}

// noneLeft checks that the server holds no object of the subject.
func (s faultSubject) noneLeft(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ids := s.serverIDs(tg); len(ids) != 0 {
			return fmt.Errorf("left on the server: %v", ids)
		}
		return nil
	}
}

// orphanRemoved is the CheckDestroy of a test whose lost create left one object that
// Terraform does not manage (the error names it): exactly that one is on the server,
// and it deletes it.
func (s faultSubject) orphanRemoved(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ids := s.serverIDs(tg)
		if len(ids) != 1 {
			return fmt.Errorf("%v on the server, want the 1 the lost create made", ids)
		}
		s.remove(tg, ids[0])
		return nil
	}
}

// checkExactlyOnce asserts that the server holds exactly one object of the subject,
// the one in state.
func checkExactlyOnce(tg *acctest.Target, s faultSubject) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		rs, ok := st.RootModule().Resources[s.addr]
		if !ok {
			return fmt.Errorf("%s not in state", s.addr)
		}
		ids := s.serverIDs(tg)
		if len(ids) != 1 || ids[0] != rs.Primary.Attributes[s.stateID] {
			return fmt.Errorf("server holds %v, state has %q: want exactly the object in state", ids, rs.Primary.Attributes[s.stateID])
		}
		return nil
	}
}

// 429 and 503 on creates, reads, updates and deletes of every resource type: each
// operation succeeds after the SDK's retries, each object exists exactly once, and
// the plan after each apply is empty (the harness checks that).
func TestAccReliability_transientFaults(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range faultSubjects(&acctest.Target{}) {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			s := faultSubjects(tg)[name]
			readPath := s.item
			if readPath == "" {
				readPath = s.collection
			}
			steps := []resource.TestStep{{
				PreConfig: func() {
					injectTransient(tg, http.MethodPost, s.collection)
					injectTransient(tg, http.MethodGet, readPath)
				},
				Config: tg.Config(s.create),
				Check: resource.ComposeTestCheckFunc(
					checkExactlyOnce(tg, s),
					sawStatuses(tg, http.MethodPost, s.collection, 429, 503),
				),
			}}
			last := s.create
			if s.update != "" {
				last = s.update
				steps = append(steps, resource.TestStep{
					PreConfig:        func() { injectTransient(tg, http.MethodPatch, s.item) },
					Config:           tg.Config(s.update),
					ConfigPlanChecks: expectAction(s.addr, plancheck.ResourceActionUpdate),
					Check:            checkExactlyOnce(tg, s),
				})
			}
			deletePath := s.item
			if deletePath == "" {
				deletePath = `/credentials/secrets/[^/]+$`
			}
			steps = append(steps, resource.TestStep{
				PreConfig: func() { injectTransient(tg, http.MethodDelete, deletePath) },
				Config:    tg.Config(last),
				Destroy:   true,
			})
			destroyChecks := []resource.TestCheckFunc{s.noneLeft(tg), sawStatuses(tg, http.MethodGet, readPath, 429, 503)}
			if s.update != "" {
				destroyChecks = append(destroyChecks, sawStatuses(tg, http.MethodPatch, s.item, 429, 503))
			}
			destroyChecks = append(destroyChecks, sawStatuses(tg, http.MethodDelete, deletePath, 429, 503))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    steps,
				CheckDestroy:             resource.ComposeTestCheckFunc(destroyChecks...),
			})
		})
	}
}

// ---- Creates whose outcome is unknown: the server carried the create out, but the
// client heard a 500 (not retried), nothing (dropped connection) or an unreadable
// answer.

// wrapped compiles a pattern in which each space matches any run of white space, as
// Terraform wraps the text of diagnostics; (?s) lets . span lines.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// lostAnswers are the ways a create's answer can be lost after the server applied it.
var lostAnswers = map[string]emulator.Fault{
	"500":                {ApplyFirst: true, Status: http.StatusInternalServerError},
	"dropped connection": {ApplyFirst: true, DropConnection: true},
	"HTML 502 from a proxy": {ApplyFirst: true, Status: http.StatusBadGateway, ContentType: "text/html",
		RawBody: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"},
	"truncated JSON": {ApplyFirst: true, Status: http.StatusOK, ContentType: "application/json", RawBody: `{"integration_id":"`},
}

func lostAnswer(name, path string) emulator.Fault {
	f := lostAnswers[name]
	f.Method, f.PathPattern, f.Times = http.MethodPost, path, 1
	return f
}

// A public custom app whose create answer was lost is found by name and creation
// time and adopted: exactly one integration, in state, and an empty plan.
func TestAccReliability_lostCreate_publicCustomAppAdopted(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range lostAnswers {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			s := faultSubjects(tg)["custom app integration"]
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkCustomAppsDestroyed(tg),
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(lostAnswer(name, customAppsPath)) },
					Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-lost"
  redirect_urls = ["https://example.com/callback"]
  scopes        = ["all-apis"]
}
`),
					Check: checkExactlyOnce(tg, s),
				}},
			})
		})
	}
}

// An integration of the same name but other settings, created meanwhile by someone
// else, is not adopted: the error names it and nothing is taken over.
func TestAccReliability_lostCreate_customAppNotAdoptedWhenSettingsDiffer(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				// Not applied: the create is refused with a 500, and someone else's app of
				// the same name appears during the request.
				tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: customAppsPath, Status: 500, Times: 1,
					Hook: func() {
						tg.Emulator.PutCustomApp(emulator.CustomApp{Name: "tf-acc-lost", RedirectURLs: []string{"https://other.example.com"}})
					}})
			},
			Config: tg.Config(`
resource "databricksoauth_custom_app_integration" "test" {
  name          = "tf-acc-lost"
  redirect_urls = ["https://example.com/callback"]
}
`),
			ExpectError: wrapped(`Cannot create custom app integration "tf-acc-lost".*created during the request.*` +
				`custom-app-integration delete.*settings differ from the configuration`),
		}},
		CheckDestroy: func(*terraform.State) error {
			if apps := tg.Emulator.CustomApps(); len(apps) != 1 || apps[0].RedirectURLs[0] != "https://other.example.com" {
				return fmt.Errorf("the other app must stay untouched: %+v", apps)
			}
			return nil
		},
	})
}

// A confidential app whose create answer was lost cannot be adopted (its secret is
// gone): the error names it with the delete and import commands.
func TestAccReliability_lostCreate_confidentialCustomAppNamed(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range lostAnswers {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(lostAnswer(name, customAppsPath)) },
					Config:    tg.Config(testAccCustomAppConfig_full("tf-acc-lost", 60)),
					ExpectError: wrapped(`Cannot create custom app integration "tf-acc-lost".*` +
						`databricks account custom-app-integration delete [0-9a-f-]{36}.*confidential app.*` +
						`terraform import databricksoauth_custom_app_integration`),
				}},
				CheckDestroy: faultSubjects(tg)["custom app integration"].orphanRemoved(tg),
			})
		})
	}
}

// A secret whose create answer was lost cannot be adopted (its value is gone): the
// error names it with the delete command.
func TestAccReliability_lostCreate_secretNamed(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range lostAnswers {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			sp := tg.ServicePrincipalID
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(lostAnswer(name, `/credentials/secrets$`)) },
					Config:    tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "3600s"`)),
					ExpectError: wrapped(fmt.Sprintf(`Cannot create an OAuth secret for service principal %d.*`+
						`secret [0-9a-f]{64}.*databricks account service-principal-secrets delete %d [0-9a-f]{64}`, sp, sp)),
				}},
				CheckDestroy: faultSubjects(tg)["service principal secret"].orphanRemoved(tg),
			})
		})
	}
}

// The ephemeral secret reports a lost create the same way.
func TestAccReliability_lostCreate_ephemeralSecretNamed(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { tg.Emulator.InjectFault(lostAnswer("500", `/credentials/secrets$`)) },
			Config: tg.Config(testAccServicePrincipalSecretEphemeralConfig(sp, `lifetime = "600s"`) + `
locals {
  value = ephemeral.databricksoauth_service_principal_secret.test.secret
}
`),
			ExpectError: wrapped(fmt.Sprintf(`Cannot create an OAuth secret for service principal %d.*`+
				`service-principal-secrets delete %d [0-9a-f]{64}`, sp, sp)),
		}},
	})
}

// A published app integration created by a create whose answer was lost is named in
// the error with the import command; it is never adopted silently.
func TestAccReliability_lostCreate_publishedAppNamed(t *testing.T) {
	acctest.EmulatorOnly(t)
	cases := map[string]emulator.Fault{}
	for _, name := range []string{"500", "dropped connection"} { // the other lost answers: as for custom apps
		cases[name] = lostAnswer(name, `/oauth2/published-app-integrations$`)
	}
	// The SDK retries a 503: the retry's 409 hides that the first attempt worked.
	cases["503, retried into a 409"] = emulator.Fault{Method: http.MethodPost, PathPattern: `/oauth2/published-app-integrations$`,
		ApplyFirst: true, Status: http.StatusServiceUnavailable, Times: 1}
	for name, fault := range cases {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() { tg.Emulator.InjectFault(fault) },
					Config:    tg.Config(testAccPublishedAppIntegrationConfig_bare(testPublishedAppID)),
					ExpectError: wrapped(`Published app integration may have been created.*` +
						`terraform import databricksoauth_published_app_integration.<name> [0-9a-f-]{36}.*` +
						`databricks account published-app-integration delete`),
				}},
				CheckDestroy: faultSubjects(tg)["published app integration"].orphanRemoved(tg),
			})
		})
	}
}

// A create that the server refused (not applied) is a plain error that names nothing
// else, for every type.
func TestAccReliability_refusedCreate(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range faultSubjects(&acctest.Target{}) {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			s := faultSubjects(tg)[name]
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: s.collection, Status: http.StatusInternalServerError, Times: 1})
					},
					Config:      tg.Config(s.create),
					ExpectError: wrapped(`injected fault \(HTTP 500\) \(HTTP 500, INTERNAL_ERROR\)`),
				}},
				CheckDestroy: s.noneLeft(tg),
			})
		})
	}
}

// Federation policies: a create retried after a 503 that had been applied ends with
// one policy, adopted, also when the user chose the policy_id (the retry's 409 is
// the create's own).
func TestAccReliability_twins_federationPolicyWithChosenID(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name := range map[string]bool{"account federation policy": true, "service principal federation policy": true} {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			s := faultSubjects(tg)[name]
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodPost, PathPattern: s.collection, ApplyFirst: true,
							Status: http.StatusServiceUnavailable, Times: 1})
					},
					Config: tg.Config(s.create),
					Check: resource.ComposeTestCheckFunc(
						checkExactlyOnce(tg, s),
						sawStatuses(tg, http.MethodPost, s.collection, 503, 409),
					),
				}},
				CheckDestroy: s.noneLeft(tg),
			})
		})
	}
}

// ---- A failure after a successful create: the object (and any secret) is in state,
// tainted, not lost.

func TestAccReliability_publishedAppKeptWhenReadFails(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	cfg := tg.Config(testAccPublishedAppIntegrationConfig_ttl(testPublishedAppID, 60))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkPublishedDestroyed(tg, testPublishedAppID),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: `/published-app-integrations/[^/]+$`, Status: 500, Times: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`cannot read it back`),
			},
			{
				// Tainted, it would be replaced: disabled for the whole account, then enabled
				// again. Terraform plans a tainted object as a new one, so the plan-time
				// check finds the integration and stops with the way to keep it (untaint).
				PreConfig: func() {
					if n := len(tg.Emulator.PublishedIntegrations()); n != len(emulator.DefaultEnabledApps)+1 {
						t.Errorf("%d integrations on the server, want the default ones and the one created", n)
					}
				},
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)already exists.*tainted.*terraform untaint <address>`),
			},
		},
	})
}

// The secret resource reads nothing after its create, whose answer it saves at once:
// a failure right after (the refresh that follows the apply) leaves the secret and its
// value in state.
func TestAccReliability_secretKeptWhenNextReadFails(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	cfg := tg.Config(testAccServicePrincipalSecretConfig(sp, `lifetime = "3600s"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: `/credentials/secrets$`, Status: 500, Times: 1})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`Cannot list the OAuth secrets`),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: expectEmptyPlan,
				Check:            checkSPSecretOnEmulator(tg),
			},
		},
	})
}

// ---- Malformed or surprising answers: a clear diagnostic, never a panic.

// malformed are answers the SDK may get from a broken server or a proxy; none applies
// the request.
var malformed = map[string]struct {
	fault emulator.Fault
	want  string // regexp of the error, "" = no error
}{
	"HTML 502 from a proxy": {emulator.Fault{Status: 502, ContentType: "text/html",
		RawBody: "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"}, `HTML page instead of the API's JSON`},
	"truncated JSON": {emulator.Fault{Status: 200, ContentType: "application/json", RawBody: `{"apps":[{"integration_id":"x`}, `could not be read \(unexpected end of JSON input\)`},
	// An empty answer to a read is an error (the API always answers an object); to a
	// create it is an answer without the object (see _malformedCreate).
	"empty body":              {emulator.Fault{Status: 200, EmptyBody: true}, `answered with an empty body where the API sends a JSON object`},
	"plain text 503, then ok": {emulator.Fault{Status: 503, ContentType: "text/plain", RawBody: "upstream connect error"}, ""},
}

func TestAccReliability_malformedCreate(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, typ := range []string{"custom app integration", "service principal secret"} {
		for name, m := range malformed {
			t.Run(typ+"/"+name, func(t *testing.T) {
				tg := acctest.New(t)
				s := faultSubjects(tg)[typ]
				f := m.fault
				f.Method, f.PathPattern, f.Times = http.MethodPost, s.collection, 1
				want := m.want
				if name == "empty body" {
					want = `answer to the create request has no (integration_id|secret id)`
				}
				step := resource.TestStep{
					PreConfig: func() { tg.Emulator.InjectFault(f) },
					Config:    tg.Config(s.create),
				}
				if want != "" {
					step.ExpectError = wrapped(want)
				} else {
					step.Check = checkExactlyOnce(tg, s)
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					Steps:                    []resource.TestStep{step},
					CheckDestroy:             s.noneLeft(tg),
				})
			})
		}
	}
}

func TestAccReliability_malformedRead(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, typ := range []string{"custom app integration", "service principal secret"} {
		for name, m := range malformed {
			if strings.HasSuffix(name, "then ok") {
				continue // see _surprisingRead, and _transientFaults for retried reads
			}
			t.Run(typ+"/"+name, func(t *testing.T) {
				tg := acctest.New(t)
				s := faultSubjects(tg)[typ]
				readPath := s.item
				if readPath == "" {
					readPath = s.collection
				}
				f := m.fault
				f.Method, f.PathPattern, f.Times = http.MethodGet, readPath, 1
				refresh := resource.TestStep{
					PreConfig: func() { tg.Emulator.InjectFault(f) },
					Config:    tg.Config(s.create),
					PlanOnly:  true,
				}
				if m.want != "" {
					refresh.ExpectError = wrapped(m.want)
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{Config: tg.Config(s.create)},
						refresh,
						{Config: tg.Config(s.create), Check: checkExactlyOnce(tg, s)}, // nothing lost
					},
				})
			})
		}
	}
}

// Answers that are well-formed but surprising: fields missing, null or unknown. The
// read succeeds with what it got; the next plan shows the difference, no error.
func TestAccReliability_surprisingRead(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Run("custom app integration", func(t *testing.T) {
		tg := acctest.New(t)
		s := faultSubjects(tg)["custom app integration"]
		var id string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkCustomAppsDestroyed(tg),
			Steps: []resource.TestStep{
				{Config: tg.Config(s.create), Check: acctest.CaptureAttr(customApp, "id", &id)},
				{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: s.item, Times: 1, Status: 200,
							ContentType: "application/json", RawBody: fmt.Sprintf(`{"integration_id":%q,"name":"tf-acc-faults",`+
								`"confidential":true,"client_id":null,"redirect_urls":null,"scopes":["all-apis"],"token_access_policy":null,`+
								`"create_time":null,"created_by":"12","brand_new_field":{"nested":[1,2,3]}}`, id)})
					},
					RefreshState:       true,
					ExpectNonEmptyPlan: true, // redirect_urls came back empty
				},
				{Config: tg.Config(s.create), Check: checkExactlyOnce(tg, s)},
			},
		})
	})
	t.Run("custom app integration without id", func(t *testing.T) {
		tg := acctest.New(t)
		s := faultSubjects(tg)["custom app integration"]
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkCustomAppsDestroyed(tg),
			Steps: []resource.TestStep{
				{Config: tg.Config(s.create)},
				{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: s.item, Times: 1, Status: 200, EmptyBody: true})
					},
					RefreshState: true,
					ExpectError:  wrapped(`answered with an empty body`),
				},
				{Config: tg.Config(s.create), Check: checkExactlyOnce(tg, s)},
			},
		})
	})
	t.Run("service principal secret", func(t *testing.T) {
		tg := acctest.New(t)
		s := faultSubjects(tg)["service principal secret"]
		var id string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			CheckDestroy:             checkSPSecretsDestroyed(tg, tg.ServicePrincipalID),
			Steps: []resource.TestStep{
				{Config: tg.Config(s.create), Check: acctest.CaptureAttr(spSecret, "id", &id)},
				{
					PreConfig: func() {
						tg.Emulator.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: s.collection, Times: 1, Status: 200,
							ContentType: "application/json", RawBody: fmt.Sprintf(`{"secrets":[{"id":%q,"status":null,"secret_hash":null,`+
								`"future":true}],"next_page_token":null,"extra":"x"}`, id)})
					},
					RefreshState: true,
				},
				{Config: tg.Config(s.create), Check: checkExactlyOnce(tg, s)},
			},
		})
	})
}

// One data source under the same malformed answers: a clear error, never a panic.
func TestAccReliability_malformedDataSource(t *testing.T) {
	acctest.EmulatorOnly(t)
	for name, m := range malformed {
		t.Run(name, func(t *testing.T) {
			tg := acctest.New(t)
			f := m.fault
			f.Method, f.PathPattern, f.Times = http.MethodGet, customAppsPath, 1
			step := resource.TestStep{
				PreConfig: func() {
					tg.Emulator.PutCustomApp(emulator.CustomApp{Name: "listed"})
					tg.Emulator.InjectFault(f)
				},
				Config: tg.Config(`data "databricksoauth_custom_app_integrations" "all" {}`),
			}
			if m.want != "" {
				step.ExpectError = wrapped(m.want)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}
