package resources_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// version returns the version of the CLI the harness runs, e.g. "1.15.9".
func (c *tfCLI) version() string {
	c.t.Helper()
	res := c.run("version", "-json")
	var out struct {
		Version string `json:"terraform_version"`
	}
	if res.Err != nil || json.Unmarshal([]byte(res.Stdout), &out) != nil || out.Version == "" {
		c.t.Fatalf("terraform version -json: %v\n%s", res.Err, res.Stderr)
	}
	return out.Version
}

// versionLess reports whether version a is below b, comparing major.minor.patch
// (a pre-release suffix of a is ignored; a version that does not parse counts as below).
func versionLess(a, b string) bool {
	va, err := version.NewVersion(a)
	return err != nil || va.Core().LessThan(version.Must(version.NewVersion(b)))
}

// skipBelow skips the test when the CLI is older than minimum (as tfversion.SkipBelow
// does for terraform-plugin-testing), or is OpenTofu while the feature is Terraform's
// alone.
func (c *tfCLI) skipBelow(minimum string, terraformOnly bool) {
	c.t.Helper()
	if terraformOnly && c.isOpenTofu() {
		c.t.Skipf("needs Terraform >= %s; this is OpenTofu", minimum)
	}
	if v := c.version(); versionLess(v, minimum) {
		c.t.Skipf("needs Terraform >= %s; this is %s", minimum, v)
	}
}

// isOpenTofu reports whether the CLI is OpenTofu, whose `version` prints its name.
func (c *tfCLI) isOpenTofu() bool {
	c.t.Helper()
	return strings.Contains(c.run("version").Stdout, "OpenTofu")
}

// stateFile returns the working directory's state file, decoded.
func (c *tfCLI) stateFile() map[string]any {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, "terraform.tfstate"))
	if err != nil {
		c.t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		c.t.Fatal(err)
	}
	return st
}

// writeStateFile replaces the working directory's state file.
func (c *tfCLI) writeStateFile(st map[string]any) {
	c.t.Helper()
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "terraform.tfstate"), b, 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// stateInstances returns the instances of the state file by resource address
// (root module, no count or for_each).
func stateInstances(st map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	rs, _ := st["resources"].([]any)
	for _, r := range rs {
		r, _ := r.(map[string]any)
		insts, _ := r["instances"].([]any)
		if r["mode"] != "managed" || len(insts) != 1 {
			continue
		}
		inst, _ := insts[0].(map[string]any)
		typ, _ := r["type"].(string)
		name, _ := r["name"].(string)
		out[typ+"."+name] = inst
	}
	return out
}

// jsonLines decodes the machine-readable lines of a `-json` run.
func jsonLines(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(stdout, "\n") {
		var msg map[string]any
		if json.Unmarshal([]byte(line), &msg) == nil {
			out = append(out, msg)
		}
	}
	return out
}
