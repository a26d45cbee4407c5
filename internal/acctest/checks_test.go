package acctest

import (
	"archive/zip"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// send makes one request to the emulator; the log keeps it whatever the answer.
func send(t *testing.T, url, method, path string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url+path, strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
}

func TestRequestChecks(t *testing.T) {
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	policies := regexp.MustCompile(`/federationPolicies/`)
	noChanges := NoMutatingRequests(e, "the plan")
	if err := noChanges(nil); err != nil {
		t.Errorf("empty log: %v", err)
	}
	send(t, srv.URL, http.MethodGet, "/api/2.0/accounts/a/federationPolicies/p")
	if err := noChanges(nil); err != nil {
		t.Errorf("a GET is no change: %v", err)
	}
	send(t, srv.URL, http.MethodPatch, "/api/2.0/accounts/a/federationPolicies/p?update_mask=description")
	send(t, srv.URL, http.MethodPatch, "/api/2.0/accounts/a/federationPolicies/p?update_mask=oidc_policy.issuer")
	send(t, srv.URL, http.MethodPatch, "/api/2.0/accounts/a/oauth2/custom-app-integrations/x?update_mask=scopes")
	if err := noChanges(nil); err == nil || !strings.Contains(err.Error(), "the plan sent 3 changes") || !strings.Contains(err.Error(), "PATCH /api/2.0/accounts/a/federationPolicies/p") {
		t.Errorf("three PATCHes: %v", err)
	}
	if err := ExpectUpdateMasks(e, policies, "description", "oidc_policy.issuer")(nil); err != nil {
		t.Errorf("the policies' masks in order: %v", err)
	}
	for _, want := range [][]string{{"oidc_policy.issuer", "description"}, {"description"}, nil} {
		if err := ExpectUpdateMasks(e, policies, want...)(nil); err == nil {
			t.Errorf("masks %q passed", want)
		}
	}
	if err := ExpectRequests(e, http.MethodPatch, policies, 2)(nil); err != nil {
		t.Error(err)
	}
	if err := ExpectRequests(e, http.MethodGet, policies, 2)(nil); err == nil {
		t.Error("1 GET passed as 2")
	}
	if got := len(Requests(e, "", policies)); got != 3 {
		t.Errorf("%d requests of any method, want 3", got)
	}
	// The emulator answers an unauthenticated request 401.
	if err := ExpectAnswered(e, http.MethodPatch, policies, 401)(nil); err != nil {
		t.Error(err)
	}
	if err := ExpectAnswered(e, http.MethodPatch, policies, 401, 503)(nil); err == nil || !strings.Contains(err.Error(), "answered 503") {
		t.Errorf("a status never answered: %v", err)
	}
	e.ResetLog()
	if err := noChanges(nil); err != nil {
		t.Errorf("after ResetLog: %v", err)
	}
	if err := ExpectUpdateMasks(e, policies)(nil); err != nil {
		t.Errorf("no PATCH since ResetLog: %v", err)
	}
}

func TestServerChecks(t *testing.T) {
	tg := &Target{Emulator: emulator.New(emulator.Options{})}
	none := tg.ServerHoldsNone("custom app integrations", func(e *emulator.Emulator) int { return len(e.CustomApps()) })
	if err := none(nil); err != nil {
		t.Error(err)
	}
	tg.Emulator.PutCustomApp(emulator.CustomApp{IntegrationID: "i", Name: "n"})
	if err := none(nil); err == nil || err.Error() != "1 custom app integrations left on the server" {
		t.Errorf("one left: %v", err)
	}
	for _, check := range []func(*terraform.State) error{
		NoMutatingRequests(nil, "x"), ExpectRequests(nil, "GET", regexp.MustCompile(`.`), 1), ExpectUpdateMasks(nil, regexp.MustCompile(`.`), "a"),
		ExpectAnswered(nil, "GET", regexp.MustCompile(`.`), 500), ExpectWorkspaceProxy(nil, 1, "GET"), NoRequestPathContains(nil, "x"),
	} {
		if err := check(nil); err != nil {
			t.Errorf("without an emulator: %v", err)
		}
	}
	live := &Target{}
	if err := live.ServerHoldsNone("x", func(*emulator.Emulator) int { t.Fatal("called without an emulator"); return 0 })(nil); err != nil {
		t.Errorf("against a real account: %v", err)
	}
}

func state(attrs map[string]string) *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{
		Path:      []string{"root"},
		Resources: map[string]*terraform.ResourceState{"x_y.a": {Type: "x_y", Primary: &terraform.InstanceState{ID: attrs["id"], Attributes: attrs}}},
	}}}
}

func TestCaptureAttr(t *testing.T) {
	var got string
	if err := CaptureAttr("x_y.a", "id", &got)(state(map[string]string{"id": "42"})); err != nil || got != "42" {
		t.Errorf("got %q, %v", got, err)
	}
	if err := CaptureAttr("x_y.b", "id", &got)(state(map[string]string{"id": "42"})); err == nil {
		t.Error("a resource not in state passed")
	}
	if err := CaptureAttr("x_y.a", "uid", &got)(state(map[string]string{"id": "42"})); err == nil {
		t.Error("a missing attribute passed")
	}
}

func TestSecretsNotInState(t *testing.T) {
	secrets := func() []string { return []string{"s3cret-value"} }
	if err := SecretsNotInState(secrets)(state(map[string]string{"id": "1", "secret_hash": "abc"})); err != nil {
		t.Error(err)
	}
	if err := SecretsNotInState(secrets)(state(map[string]string{"id": "1", "data.secret": "s3cret-value"})); err == nil || !strings.Contains(err.Error(), "x_y.a.data.secret") {
		t.Errorf("a secret in state: %v", err)
	}
	if err := SecretsNotInState(func() []string { return nil })(state(map[string]string{"id": "1"})); err == nil {
		t.Error("nothing to look for passed")
	}
}

func TestSecretsNotOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("terraform.tfstate", []byte(`{"secret_hash":"abc"}`))
	write(".terraform/lock", []byte(`nothing`))
	check := SecretsNotOnDisk(dir, func() []string { return []string{"s3cret-value"} })
	if err := check(nil); err != nil {
		t.Errorf("clean directory: %v", err)
	}
	if err := SecretsNotOnDisk(dir, func() []string { return nil })(nil); err == nil {
		t.Error("nothing to look for passed")
	}

	// A saved plan is a zip archive whose entries are compressed: the value does not
	// appear in the file's bytes, only in an entry's.
	var plan strings.Builder
	zw := zip.NewWriter(&plan)
	w, err := zw.Create("tfplan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(strings.Repeat("padding ", 100) + "s3cret-value" + strings.Repeat(" padding", 100))); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plan.String(), "s3cret-value") {
		t.Fatal("the archive is not compressed: the test would not test the entries")
	}
	write("sub/plan.tfplan", []byte(plan.String()))
	if err := check(nil); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "sub/plan.tfplan")) {
		t.Errorf("a secret in a saved plan: %v", err)
	}
	write("sub/plan.tfplan", []byte("PK\x03\x04 not a zip"))
	if err := check(nil); err == nil {
		t.Error("a broken archive passed")
	}
	write("sub/plan.tfplan", []byte("x"))
	write("terraform.tfstate.backup", []byte(`{"secret":"s3cret-value"}`))
	if err := check(nil); err == nil || !strings.Contains(err.Error(), "terraform.tfstate.backup") {
		t.Errorf("a secret in a state backup: %v", err)
	}
}

func TestWorkspaceProxyChecks(t *testing.T) {
	e, srv := emulator.NewTestServer(t, emulator.Options{})
	proxy := ExpectWorkspaceProxy(e, 1001, http.MethodPost)
	if err := proxy(nil); err == nil {
		t.Error("an empty log passed")
	}
	send(t, srv.URL, http.MethodPost, "/api/2.0/accounts/servicePrincipals/1002/credentials/secrets")
	if err := proxy(nil); err == nil {
		t.Error("another principal's create passed")
	}
	send(t, srv.URL, http.MethodPost, "/api/2.0/accounts/servicePrincipals/1001/credentials/secrets")
	if err := proxy(nil); err != nil {
		t.Error(err)
	}
	if err := ExpectWorkspaceProxy(e, 1001, http.MethodDelete)(nil); err == nil {
		t.Error("no DELETE passed")
	}
	send(t, srv.URL, http.MethodDelete, "/api/2.0/accounts/servicePrincipals/1001/credentials/secrets/abc")
	if err := ExpectWorkspaceProxy(e, 1001, http.MethodDelete)(nil); err != nil {
		t.Errorf("a DELETE of one secret: %v", err)
	}
	if err := ExpectWorkspaceProxy(e, 100, http.MethodDelete)(nil); err == nil {
		t.Error("service principal 100 matched 1001's paths")
	}
	if err := NoRequestPathContains(e, "acc-123")(nil); err != nil {
		t.Error(err)
	}
	send(t, srv.URL, http.MethodGet, "/api/2.0/accounts/acc-123/servicePrincipals/1001/credentials/secrets")
	if err := proxy(nil); err == nil || !strings.Contains(err.Error(), "not on the workspace proxy path") {
		t.Errorf("an account-level request: %v", err)
	}
	if err := NoRequestPathContains(e, "acc-123")(nil); err == nil {
		t.Error("the account id in a path passed")
	}
}
