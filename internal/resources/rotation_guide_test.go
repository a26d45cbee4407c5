package resources_test

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// rotationGuideExample is the configuration of the secret rotation guide.
const rotationGuideExample = "../../examples/guides/secret-rotation/main.tf"

// planExitCode runs `plan -detailed-exitcode` and returns its exit code: 0 for an
// empty plan, 2 for changes; it fails the test on anything else.
func (c *tfCLI) planExitCode(args ...string) int {
	c.t.Helper()
	res := c.run(append([]string{"plan", "-detailed-exitcode", "-json"}, args...)...)
	var exit *exec.ExitError
	switch {
	case res.Err == nil:
		return 0
	case errors.As(res.Err, &exit) && exit.ExitCode() == 2 && len(res.Errors()) == 0:
		return 2
	}
	c.t.Fatalf("plan: %v %v\n%s", res.Err, res.Errors(), lastLines(res.Stderr+res.Stdout, 40))
	return 1
}

// rotate moves the managed secret's expiry into its early renewal window (as time
// passing would) and applies: the secret is replaced, create before destroy.
func rotate(t *testing.T, tg *acctest.Target, cli *tfCLI, addr string, args ...string) {
	t.Helper()
	sp := tg.ServicePrincipalID
	old, _ := cli.state()[addr]["id"].(string)
	if !tg.Emulator.UpdateSecret(sp, old, func(s *emulator.Secret) { s.ExpireTime = time.Now().Add(24 * time.Hour) }) {
		t.Fatalf("secret %q not on the emulator", old)
	}
	cli.mustRun(append([]string{"apply", "-auto-approve", "-json"}, args...)...)
	now, _ := cli.state()[addr]["id"].(string)
	if now == old || now == "" {
		t.Fatalf("secret %s was not rotated (now %q)", old, now)
	}
	if got := tg.Emulator.Secrets(sp); len(got) != 1 || got[0].ID != now {
		t.Fatalf("after the rotation the principal holds %d secrets, want only the new one %s", len(got), now)
	}
}

// The rotation guide's example, as published, rotates its secret with a plan that is
// empty afterwards: its list data source is read at plan time, so it never counts the
// secret that the rotation deletes. The same example with the data source depending
// on the secret (the earlier version of the guide) leaves a change after every
// rotation, which is what this test would catch. The example's check warns when the
// principal has no slot left for the next rotation.
func TestAccSecretRotationGuideExample(t *testing.T) {
	acctest.EmulatorOnly(t)
	t.Parallel()
	example, err := os.ReadFile(rotationGuideExample)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "databricksoauth_service_principal_secret.etl"

	t.Run("as published", func(t *testing.T) {
		t.Parallel()
		tg := acctest.New(t)
		sp := fmt.Sprintf("service_principal_id=%d", tg.ServicePrincipalID)
		cli := newTFCLI(t)
		cli.writeConfig(tg, string(example))
		cli.mustRun("apply", "-auto-approve", "-json", "-var", sp)
		if code := cli.planExitCode("-var", sp); code != 0 {
			t.Fatal("the plan after the first apply is not empty")
		}
		for i := 1; i <= 2; i++ {
			rotate(t, tg, cli, addr, "-var", sp)
			if code := cli.planExitCode("-var", sp); code != 0 {
				t.Fatalf("the plan after rotation %d is not empty", i)
			}
		}

		// Four more secrets: no slot left, and the check says so (a warning).
		for range 4 {
			createSecretOutOfBand(t, tg)
		}
		res := cli.mustRun("plan", "-json", "-var", sp)
		var found bool
		for _, w := range res.Warnings() {
			found = found || strings.Contains(w.Detail, fmt.Sprintf("Service principal %d holds 5 OAuth secrets", tg.ServicePrincipalID))
		}
		if !found {
			t.Errorf("no slot warning with 5 secrets: %v", res.Warnings())
		}
	})

	t.Run("data source depending on the secret", func(t *testing.T) {
		t.Parallel()
		tg := acctest.New(t)
		sp := fmt.Sprintf("service_principal_id=%d", tg.ServicePrincipalID)
		dependent := strings.Replace(string(example),
			"  service_principal_id = var.service_principal_id\n}\n\n# A warning",
			"  service_principal_id = var.service_principal_id\n  depends_on           = [databricksoauth_service_principal_secret.etl]\n}\n\n"+
				"output \"slots_used\" {\n  value = length(data.databricksoauth_service_principal_secrets.etl.secrets)\n}\n\n# A warning", 1)
		if dependent == string(example) {
			t.Fatal("the example's data source block is not where this test expects it")
		}
		cli := newTFCLI(t)
		cli.writeConfig(tg, dependent)
		cli.mustRun("apply", "-auto-approve", "-json", "-var", sp)
		rotate(t, tg, cli, addr, "-var", sp)
		if code := cli.planExitCode("-var", sp); code != 2 {
			t.Fatal("the plan after a rotation is empty: this variant no longer shows what the example avoids")
		}
	})
}

// createSecretOutOfBand creates a secret of the target's principal through the API,
// as another configuration or a person would.
func createSecretOutOfBand(t *testing.T, tg *acctest.Target) {
	t.Helper()
	url := fmt.Sprintf("%s/api/2.0/accounts/%s/servicePrincipals/%d/credentials/secrets", tg.URL, tg.Emulator.AccountID(), tg.ServicePrincipalID)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tg.Emulator.Token())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create secret: %s", resp.Status)
	}
}
