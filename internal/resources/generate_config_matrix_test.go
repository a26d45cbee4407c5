package resources_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

// Objects made outside Terraform, imported with import blocks and
// `terraform plan -generate-config-out`: applying the generated configuration only
// imports (no request changes anything) and the next plan is empty, under every
// profile of variants. Generated configuration is what Terraform writes from the
// imported state (e.g. jwks_json as jsonencode(...), the server's list order, every
// optional value the server reported), so it differs from what a user would write.
func TestAccImportGeneratedConfig_matrix(t *testing.T) {
	acctest.EmulatorOnly(t)
	for _, p := range acctest.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			t.Parallel()
			tg := acctest.New(t, p.Apply)
			cli := newTFCLI(t)
			cli.skipBelow("1.5.0", false) // import blocks and -generate-config-out
			imports := createOutOfBand(t, tg, p.Kinds())
			cli.writeConfig(tg, imports)
			cli.mustRun("plan", "-generate-config-out=generated.tf", "-json")
			generated, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf"))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("generated configuration:\n%s", generated)

			tg.Emulator.ResetLog()
			cli.mustRun("apply", "-auto-approve", "-json")
			if err := acctest.NoMutatingRequests(tg.Emulator, "applying the generated configuration")(nil); err != nil {
				t.Error(err)
			}
			if got := len(cli.state()); got != len(p.Kinds()) {
				t.Errorf("%d objects in state after the import, want %d", got, len(p.Kinds()))
			}
			if res := cli.run("plan", "-detailed-exitcode", "-json"); res.Err != nil {
				t.Errorf("the plan after the import is not empty: %v %v\n%s", res.Err, res.Errors(), lastLines(res.Stdout, 30))
			}
		})
	}
}

// createOutOfBand creates one object of each kind through the API, as another tool
// would (so the emulator's variants shape them), and returns the import blocks.
func createOutOfBand(t *testing.T, tg *acctest.Target, kinds []acctest.Kind) string {
	t.Helper()
	ctx := context.Background()
	e := tg.Emulator
	sp := tg.ServicePrincipalID
	cfg := &databricks.Config{Host: tg.URL, Token: e.Token(), AuthType: "pat", RetryTimeoutSeconds: 5, RateLimitPerSecond: 1000}
	var a *databricks.AccountClient
	var secrets interface {
		Create(context.Context, oauth2.CreateServicePrincipalSecretRequest) (*oauth2.CreateServicePrincipalSecretResponse, error)
	}
	var err error
	if tg.Emulator.Variants().WorkspaceMetadataAccountID {
		var w *databricks.WorkspaceClient
		w, err = databricks.NewWorkspaceClient(cfg)
		if w != nil {
			secrets = w.ServicePrincipalSecretsProxy
		}
	} else {
		cfg.AccountID = e.AccountID()
		a, err = databricks.NewAccountClient(cfg)
		if a != nil {
			secrets = a.ServicePrincipalSecrets
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	oidc := func(subject string) *oauth2.OidcFederationPolicy {
		return &oauth2.OidcFederationPolicy{Issuer: "https://idp.example.com/oauth2", Audiences: []string{"zeta", "alpha"},
			Subject: subject, JwksJson: `{ "keys": [ { "kty": "RSA", "kid": "k1", "n": "0vx7agoebGcQSuu", "e": "AQAB" } ] }`}
	}
	var blocks []string
	imp := func(typ, name, id string) {
		blocks = append(blocks, fmt.Sprintf("import {\n  to = databricksoauth_%s.%s\n  id = %q\n}\n", typ, name, id))
	}
	for _, k := range kinds {
		switch k {
		case acctest.CustomApp:
			out, err := a.CustomAppIntegration.Create(ctx, oauth2.CreateCustomAppIntegration{Name: "made-elsewhere", Confidential: true,
				RedirectUrls: []string{"https://b.example.com/cb", "https://a.example.com/cb"}, Scopes: []string{"sql", "all-apis", "openid"},
				UserAuthorizedScopes: []string{"openid"},
				TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 60, RefreshTokenTtlInMinutes: 1440,
					EnableSingleUseRefreshTokens: true}})
			must(err)
			imp("custom_app_integration", "app", out.IntegrationId)
		case acctest.PublishedApp:
			_, err := a.PublishedAppIntegration.Create(ctx, oauth2.CreatePublishedAppIntegration{AppId: testPublishedAppID,
				TokenAccessPolicy: &oauth2.TokenAccessPolicy{AccessTokenTtlInMinutes: 30, RefreshTokenTtlInMinutes: 600}})
			must(err)
			imp("published_app_integration", "app", testPublishedAppID) // by app id
		case acctest.AccountPolicy:
			_, err := a.FederationPolicy.Create(ctx, oauth2.CreateAccountFederationPolicyRequest{PolicyId: "made-elsewhere",
				Policy: oauth2.FederationPolicy{Description: "from the console", OidcPolicy: oidc("")}})
			must(err)
			imp("account_federation_policy", "policy", "made-elsewhere")
		case acctest.ServicePrincipalPolicy:
			_, err := a.ServicePrincipalFederationPolicy.Create(ctx, oauth2.CreateServicePrincipalFederationPolicyRequest{
				ServicePrincipalId: sp, PolicyId: "made-elsewhere", Policy: oauth2.FederationPolicy{OidcPolicy: oidc("repo:my-org/my-repo:ref:refs/heads/main")}})
			must(err)
			imp("service_principal_federation_policy", "policy", fmt.Sprintf("%d/made-elsewhere", sp))
		case acctest.Secret:
			out, err := secrets.Create(ctx, oauth2.CreateServicePrincipalSecretRequest{ServicePrincipalId: fmt.Sprint(sp), Lifetime: "86400s"})
			must(err)
			imp("service_principal_secret", "secret", fmt.Sprintf("%d/%s", sp, out.Id))
		}
	}
	return strings.Join(blocks, "\n")
}
