package resources_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

var ephemeralVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}

func testAccServicePrincipalSecretEphemeralConfig(sp int64, extra string) string {
	return fmt.Sprintf(`
ephemeral "databricksoauth_service_principal_secret" "test" {
  service_principal_id = %[1]d
  %[2]s
}
`, sp, extra)
}

// echoConfig hands the ephemeral result to the echo provider, whose echo.test
// resource copies it into state, so that the test can look at it.
const echoConfig = `
provider "echo" {
  data = ephemeral.databricksoauth_service_principal_secret.test
}

resource "echo" "test" {}
`

// checkSecretCreatesClosed asserts that the ephemeral secret was opened at least once
// and that every secret it created has been deleted again (Close ran).
func checkSecretCreatesClosed(tg *acctest.Target, sp int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		creates := len(secretRequests(tg.Emulator, sp, http.MethodPost))
		deletes := len(secretRequests(tg.Emulator, sp, http.MethodDelete))
		if creates == 0 {
			return fmt.Errorf("the ephemeral secret was never opened")
		}
		if left := tg.Emulator.Secrets(sp); len(left) != 0 || deletes != creates {
			return fmt.Errorf("%d creates, %d deletes, %d secrets left: Close did not delete every secret", creates, deletes, len(left))
		}
		return nil
	}
}

func TestAccServicePrincipalSecretEphemeral_echo(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{{
			Config: tg.Config(testAccServicePrincipalSecretEphemeralConfig(sp, ``) + echoConfig),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("secret"), knownvalue.StringRegexp(regexp.MustCompile(`^.{16,}$`))),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("expire_time"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("lifetime"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(
				checkSecretCreatesClosed(tg, sp),
				func(*terraform.State) error {
					// The default lifetime is short: one hour.
					for _, r := range secretRequests(tg.Emulator, sp, http.MethodPost) {
						if string(r.Body) != `{"lifetime":"3600s"}` {
							return fmt.Errorf("create body %s, want the 3600s default", r.Body)
						}
					}
					return nil
				},
			),
		}},
	})
}

// Without account_id the ephemeral secret goes through the workspace proxy too.
func TestAccServicePrincipalSecretEphemeral_workspaceProxy(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t, func(o *emulator.Options) { o.HostType = "workspace" })
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tg.Config(testAccServicePrincipalSecretEphemeralConfig(sp, `lifetime = "600s"`) + echoConfig),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("secret"), knownvalue.NotNull()),
			},
			Check: resource.ComposeTestCheckFunc(
				checkSecretCreatesClosed(tg, sp),
				acctest.ExpectWorkspaceProxy(tg.Emulator, sp, http.MethodDelete), // Close, too
			),
		}},
	})
}

// secretRecorder sits in front of an emulator and keeps every secret value that a
// create answer for service principal sp carried, so that the test can look for those values on disk. (The
// emulator forgets a deleted secret, value included, and its log has no answers.)
type secretRecorder struct {
	e      *emulator.Emulator
	sp     int64
	mu     sync.Mutex
	values []string
}

func (s *secretRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, fmt.Sprintf("/servicePrincipals/%d/credentials/secrets", s.sp)) {
		s.e.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, r)
	var out struct {
		Secret string `json:"secret"`
	}
	if json.Unmarshal(rec.Body.Bytes(), &out) == nil && out.Secret != "" {
		s.mu.Lock()
		s.values = append(s.values, out.Secret)
		s.mu.Unlock()
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func (s *secretRecorder) Values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.values...)
}

// newRecordingTarget is acctest.New's emulator target, served through a secretRecorder.
func newRecordingTarget(t *testing.T) (*acctest.Target, *secretRecorder) {
	t.Helper()
	e := emulator.New(emulator.Options{PageSize: 2})
	rec := &secretRecorder{e: e, sp: emulator.DefaultServicePrincipals[0]}
	return acctest.Serve(t, e, rec, false), rec
}

// The acceptance criterion: after `terraform apply` of a configuration with an
// ephemeral secret, the server holds no secret it created and no file in the working
// directory contains its value. The test case runs in a working directory of our
// choosing (TestCase.WorkingDir), so the files Terraform wrote (state, plans, lock
// file, CLI config) can be searched after each command; the values come from the
// create answers on the wire. The ephemeral result feeds a local here, not echo: echo
// would copy the value into state on purpose.
func TestAccServicePrincipalSecretEphemeral_noValueOnDisk(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg, rec := newRecordingTarget(t)
	sp := tg.ServicePrincipalID
	workDir := t.TempDir()
	cfg := tg.Config(testAccServicePrincipalSecretEphemeralConfig(sp, `lifetime = "600s"`) + fmt.Sprintf(`
locals {
  client_secret = ephemeral.databricksoauth_service_principal_secret.test.secret
}

# A managed secret of another principal beside it, so that the state is not empty.
resource "databricksoauth_service_principal_secret" "kept" {
  service_principal_id = %d
  lifetime             = "7200s"
}
`, emulator.DefaultServicePrincipals[1]))
	notOnDisk := acctest.SecretsNotOnDisk(workDir, rec.Values)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		WorkingDir:               workDir,
		CheckDestroy:             checkSPSecretsDestroyed(tg, sp),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					checkSecretCreatesClosed(tg, sp),
					acctest.SecretsNotInState(rec.Values),
					notOnDisk,
				),
			},
			{
				// Again once the first step is over (its post-apply plans included):
				// still nothing on the server, nothing on disk.
				PreConfig: func() {
					if err := notOnDisk(nil); err != nil {
						t.Error(err)
					}
				},
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					checkSecretCreatesClosed(tg, sp),
					notOnDisk,
				),
			},
		},
	})
}

// Bad input is rejected before any secret is created.
func TestAccServicePrincipalSecretEphemeral_validation(t *testing.T) {
	tg := acctest.New(t)
	sp := tg.ServicePrincipalID
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      tg.Config(testAccServicePrincipalSecretEphemeralConfig(0, ``) + echoConfig),
				ExpectError: regexp.MustCompile(`at least 1`),
			},
			{
				Config:      tg.Config(testAccServicePrincipalSecretEphemeralConfig(sp, `lifetime = "90d"`) + echoConfig),
				ExpectError: regexp.MustCompile(`Invalid secret lifetime`),
			},
		},
	})
	tg.AssertNoMutations(t)
}

func TestAccServicePrincipalSecretEphemeral_unknownPrincipal(t *testing.T) {
	acctest.EmulatorOnly(t)
	tg := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   ephemeralVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      tg.Config(testAccServicePrincipalSecretEphemeralConfig(424242, ``) + echoConfig),
			ExpectError: regexp.MustCompile(`Service principal 424242 does not exist`),
		}},
	})
}
