package resources_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// An import block without a resource block, planned with -generate-config-out (the
// way to bring existing objects under management since Terraform 1.5 and in every
// OpenTofu): the CLI writes a resource block from the imported state, and that
// configuration as written imports the object with no change and no API write.
// The CLI runs as a user runs it, because terraform-plugin-testing has no step for
// config generation.
func TestAccGenerateConfig(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, tc := range []struct {
		typ  string
		seed func(t *testing.T, tg *acctest.Target) string // puts the object on the emulator, returns its import id
		want []string                                      // lines the generated block must hold
	}{
		{
			typ: "databricksoauth_custom_app_integration",
			seed: func(_ *testing.T, tg *acctest.Target) string {
				tg.Emulator.PutCustomApp(emulator.CustomApp{
					IntegrationID: "5d0c1f7e-3b2a-4c8d-9e6f-7a1b2c3d4e5f", ClientID: "5d0c1f7e-3b2a-4c8d-9e6f-7a1b2c3d4e5f",
					Name: "existing", RedirectURLs: []string{"https://example.com/cb"}, Scopes: []string{"all-apis"},
					TokenAccessPolicy: &emulator.TokenAccessPolicy{AccessTokenTTLInMinutes: 60, RefreshTokenTTLInMinutes: 10080},
				})
				return "5d0c1f7e-3b2a-4c8d-9e6f-7a1b2c3d4e5f"
			},
			want: []string{`name`, `"existing"`, `"https://example.com/cb"`, `refresh_token_ttl_in_minutes`},
		},
		{
			typ: "databricksoauth_published_app_integration",
			seed: func(*testing.T, *acctest.Target) string {
				return "power-bi" // enabled by default, as on a new account
			},
			want: []string{`app_id`, `"power-bi"`},
		},
		{
			typ: "databricksoauth_account_federation_policy",
			seed: func(t *testing.T, tg *acctest.Target) string {
				p := accountAPI(t, tg, http.MethodPost, "/federationPolicies?policy_id=existing-policy", map[string]any{
					"oidc_policy": map[string]any{"issuer": "https://idp.example.com", "audiences": []string{"databricks"}},
				})
				return as[string](t, p["policy_id"])
			},
			want: []string{`"https://idp.example.com"`, `"databricks"`},
		},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			tg := acctest.New(t)
			id := tc.seed(t, tg)
			cli := newTFCLI(t)
			cli.writeConfig(tg, fmt.Sprintf("import {\n  to = %s.test\n  id = %q\n}\n", tc.typ, id))
			cli.mustRun("plan", "-generate-config-out=generated.tf", "-input=false", "-json")
			raw, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf"))
			if err != nil {
				t.Fatalf("no generated configuration: %v", err)
			}
			gen := string(raw)
			for _, w := range append([]string{fmt.Sprintf("resource %q %q {", tc.typ, "test")}, tc.want...) {
				if !strings.Contains(gen, w) {
					t.Errorf("the generated configuration has no %s:\n%s", w, gen)
				}
			}

			tg.Emulator.ResetLog()
			cli.mustRun("apply", "-auto-approve", "-input=false", "-json")
			if cli.state()[tc.typ+".test"] == nil {
				t.Fatalf("%s.test is not in state after the import", tc.typ)
			}
			if err := acctest.NoMutatingRequests(tg.Emulator, "the import")(nil); err != nil {
				t.Error(err)
			}
			if res := cli.run("plan", "-detailed-exitcode", "-input=false", "-json"); res.Err != nil {
				t.Fatalf("the plan after the import is not empty: %v %v\n%s", res.Err, res.Errors(), gen)
			}
		})
	}
}
