package resources_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// loadSizeEnv sets the number of objects of TestAccLoad: `make test` runs a small
// load, `make stress` the full 200.
const loadSizeEnv = "DATABRICKSOAUTH_LOAD_SIZE"

const defaultLoadSize = 40

// loadMix splits n objects over the resource types within the API's limits: at most
// 5 secrets per service principal, 20 federation policies per scope.
type loadMix struct {
	custom, published, secrets, accountPolicies, spPolicies int
}

func newLoadMix(n int) loadMix {
	m := loadMix{custom: n * 3 / 10, published: n / 10, secrets: n / 4, accountPolicies: min(20, n/10)}
	m.spPolicies = n - m.custom - m.published - m.secrets - m.accountPolicies
	return m
}

// Load: n objects of every resource type (custom apps, half of them confidential;
// published app integrations; secrets over several service principals; account and
// service principal federation policies) applied with -parallelism=20 while the
// emulator throttles 10% of requests with 429 and adds random latency; then a plan,
// a refresh and a destroy under the same conditions. Every command must succeed with
// no error, the server must hold each object exactly once after the apply and nothing
// after the destroy. It prints one summary line, computed from the emulator and the
// commands' diagnostics.
func TestAccLoad(t *testing.T) {
	acctest.EmulatorOnly(t)
	n := defaultLoadSize
	if v := os.Getenv(loadSizeEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 10 {
			t.Fatalf("%s=%q: want a number of objects, at least 10", loadSizeEnv, v)
		}
	}
	mix := newLoadMix(n)
	// A page size of 100, as the real API's default: the load is about requests in
	// parallel, not pagination (which the other tests cover with pages of 2).
	tg := acctest.New(t, func(o *emulator.Options) { o.PageSize = 100 })
	cli := newTFCLI(t)

	// Principals: 5 secrets at most each, 20 federation policies at most each.
	var secretSPs, policySPs []string
	for i := range mix.secrets {
		sp := int64(20001 + i/5)
		tg.Emulator.AddServicePrincipal(sp)
		secretSPs = append(secretSPs, strconv.FormatInt(sp, 10))
	}
	for i := range mix.spPolicies {
		sp := int64(30001 + i/20)
		tg.Emulator.AddServicePrincipal(sp)
		policySPs = append(policySPs, strconv.FormatInt(sp, 10))
	}
	// Catalog apps that are not enabled by default, one per published integration.
	var apps []string
	for i := range mix.published {
		id := fmt.Sprintf("load-app-%03d", i)
		tg.Emulator.AddPublishedApp(emulator.PublishedApp{AppID: id, ClientID: id, Name: "Load app " + id,
			RedirectURLs: []string{"http://localhost:8020"}, Scopes: []string{"sql"}})
		apps = append(apps, strconv.Quote(id))
	}
	cli.writeConfig(tg, fmt.Sprintf(`
locals {
  secret_sps = [%[6]s]
  policy_sps = [%[7]s]
  apps       = [%[8]s]
}

resource "databricksoauth_custom_app_integration" "load" {
  count         = %[1]d
  name          = "load-app-${count.index}"
  confidential  = count.index %% 2 == 0
  redirect_urls = ["https://example.com/${count.index}/callback"]
  scopes        = ["all-apis", "offline_access"]
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 1440
  }
}

resource "databricksoauth_published_app_integration" "load" {
  count  = %[2]d
  app_id = local.apps[count.index]
}

resource "databricksoauth_service_principal_secret" "load" {
  count                = %[3]d
  service_principal_id = local.secret_sps[count.index]
  lifetime             = "86400s"
}

resource "databricksoauth_account_federation_policy" "load" {
  count       = %[4]d
  policy_id   = "load-${count.index}"
  description = "load test"
  oidc_policy = { issuer = "https://idp.example.com", audiences = ["load"] }
}

resource "databricksoauth_service_principal_federation_policy" "load" {
  count                = %[5]d
  service_principal_id = local.policy_sps[count.index]
  oidc_policy = {
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:my-org/load:ref:refs/heads/${count.index}"
  }
}
`, mix.custom, mix.published, mix.secrets, mix.accountPolicies, mix.spPolicies,
		strings.Join(secretSPs, ", "), strings.Join(policySPs, ", "), strings.Join(apps, ", ")))

	tg.Emulator.SetLatency(2*time.Millisecond, 40*time.Millisecond)
	tg.Emulator.SetRandomFailure(0.1, 429)

	errorCount := 0
	var failures []string
	run := func(args ...string) tfResult {
		res := cli.run(args...)
		errs := res.Errors()
		errorCount += len(errs)
		var exit *exec.ExitError
		planHasChanges := errors.As(res.Err, &exit) && exit.ExitCode() == 2 && args[0] == "plan" // -detailed-exitcode
		if res.Err != nil && !planHasChanges {
			if len(errs) == 0 {
				errorCount++ // a failure without a diagnostic still counts
			}
			failures = append(failures, fmt.Sprintf("terraform %s: %v %v\n%s", strings.Join(args, " "), res.Err, errs, lastLines(res.Stderr, 20)))
		}
		t.Logf("terraform %s: %s, %d errors, %d warnings", strings.Join(args, " "), res.Duration.Round(time.Millisecond), len(errs), len(res.Warnings()))
		return res
	}
	start := time.Now()
	run("apply", "-auto-approve", "-json", "-parallelism=20")
	applied := loadObjects(tg)
	state := cli.state()
	plan := run("plan", "-detailed-exitcode", "-json", "-parallelism=20")
	if plan.Err != nil {
		failures = append(failures, "the plan after apply is not empty")
	}
	run("apply", "-refresh-only", "-auto-approve", "-json", "-parallelism=20")
	run("destroy", "-auto-approve", "-json", "-parallelism=20")
	elapsed := time.Since(start)
	leftover := loadObjects(tg)

	created, duplicates := 0, 0
	for kind, ids := range applied {
		distinct := map[string]bool{}
		for _, id := range ids {
			distinct[id] = true
		}
		created += len(distinct)
		// Objects the server holds beyond one per configured instance.
		duplicates += max(0, len(ids)-mix.count(kind))
	}
	leftovers := 0
	for _, ids := range leftover {
		leftovers += len(ids)
	}
	inState := 0
	for addr := range state {
		if strings.Contains(addr, ".load[") {
			inState++
		}
	}
	throttled := 0
	for _, r := range tg.Emulator.Requests() {
		if r.Status == 429 {
			throttled++
		}
	}
	summary := fmt.Sprintf("load: %d created, %d duplicates, %d leftovers, %d errors", created, duplicates, leftovers, errorCount)
	fmt.Println(summary)
	t.Log(summary)
	t.Logf("load: %d objects configured (%+v), %d in state after apply, %d requests, %d answered 429, %s in all",
		n, mix, inState, len(tg.Emulator.Requests()), throttled, elapsed.Round(time.Second))
	for _, f := range failures {
		t.Error(f)
	}
	if created != n || duplicates != 0 || leftovers != 0 || errorCount != 0 || inState != n {
		t.Fatalf("want %d created, 0 duplicates, 0 leftovers, 0 errors and %d objects in state; got %s, %d in state", n, n, summary, inState)
	}
}

func (m loadMix) count(kind string) int {
	return map[string]int{"custom": m.custom, "published": m.published, "secrets": m.secrets,
		"accountPolicies": m.accountPolicies, "spPolicies": m.spPolicies}[kind]
}

// loadObjects returns the ids of the objects the load test's configuration manages,
// by kind, as the server holds them (seeded objects excluded).
func loadObjects(tg *acctest.Target) map[string][]string {
	out := map[string][]string{}
	for _, a := range tg.Emulator.CustomApps() {
		if strings.HasPrefix(a.Name, "load-app-") {
			out["custom"] = append(out["custom"], a.IntegrationID)
		}
	}
	for _, p := range tg.Emulator.PublishedIntegrations() {
		if strings.HasPrefix(p.AppID, "load-app-") {
			out["published"] = append(out["published"], p.IntegrationID)
		}
	}
	for _, p := range tg.Emulator.AccountPolicies() {
		out["accountPolicies"] = append(out["accountPolicies"], p.PolicyID)
	}
	for _, sp := range tg.Emulator.ServicePrincipals() {
		switch {
		case sp > 20000 && sp < 30000:
			for _, s := range tg.Emulator.Secrets(sp) {
				out["secrets"] = append(out["secrets"], s.ID)
			}
		case sp > 30000:
			for _, p := range tg.Emulator.ServicePrincipalPolicies(sp) {
				out["spPolicies"] = append(out["spPolicies"], fmt.Sprintf("%d/%s", sp, p.PolicyID))
			}
		}
	}
	return out
}
