package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func export(t *testing.T) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	var out struct {
		ProviderSchemas map[string]map[string]any `json:"provider_schemas"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	ps, ok := out.ProviderSchemas["registry.terraform.io/hashicorp/databricksoauth"]
	if !ok {
		t.Fatalf("no provider schema in %s", buf.String())
	}
	return ps
}

func TestExportHasEveryKind(t *testing.T) {
	ps := export(t)
	for kind, name := range map[string]string{
		"resource_schemas":           "databricksoauth_custom_app_integration",
		"data_source_schemas":        "databricksoauth_published_apps",
		"ephemeral_resource_schemas": "databricksoauth_service_principal_secret",
		"list_resource_schemas":      "databricksoauth_service_principal_secret",
		"resource_identity_schemas":  "databricksoauth_service_principal_federation_policy",
		"action_schemas":             "databricksoauth_service_principal_secrets_revoke",
		"functions":                  "federation_subject_check",
	} {
		m, _ := ps[kind].(map[string]any)
		if _, ok := m[name]; !ok {
			t.Errorf("%s lacks %s", kind, name)
		}
	}
	if ps["provider"] == nil {
		t.Error("no provider schema")
	}
}

// TestExportMatchesTerraform compares the export with `terraform providers schema
// -json` of the built provider (TF_ACC=1, Terraform 1.10 or later on PATH), so that
// docs generated from the export are the docs Terraform's schema would give.
func TestExportMatchesTerraform(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC not set")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("terraform not on PATH")
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(bin, "terraform-provider-databricksoauth"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "terraformrc")
	write(t, rc, `provider_installation {
  dev_overrides {
    "databricksoauth/databricksoauth" = "`+bin+`"
  }
}
`)
	write(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    databricksoauth = { source = "databricksoauth/databricksoauth" }
  }
}
`)
	cmd := exec.CommandContext(t.Context(), tf, "providers", "schema", "-json")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1")
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("terraform providers schema: %v", err)
	}
	var got struct {
		ProviderSchemas map[string]map[string]any `json:"provider_schemas"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	// OpenTofu names the provider under its own registry's host.
	want := got.ProviderSchemas["registry.terraform.io/databricksoauth/databricksoauth"]
	if want == nil {
		want = got.ProviderSchemas["registry.opentofu.org/databricksoauth/databricksoauth"]
	}
	if want == nil {
		t.Fatalf("terraform reported no schema for the provider: %s", raw)
	}
	if _, ok := want["ephemeral_resource_schemas"]; !ok {
		t.Skip("this Terraform does not report ephemeral resources (before 1.10)")
	}
	// Each Terraform reports the kinds it knows (functions from 1.8, resource identities
	// from 1.12, list resources and actions from 1.14): the export must match on those,
	// and it has the others too.
	ps := export(t)
	for kind := range ps {
		if _, ok := want[kind]; !ok {
			t.Logf("this Terraform does not report %s; not compared", kind)
			delete(ps, kind)
		}
	}
	if !reflect.DeepEqual(ps, want) {
		a, _ := json.MarshalIndent(ps, "", " ")
		b, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("export differs from terraform providers schema -json:\n%s", firstDiff(string(a), string(b)))
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "export:    " + al[i] + "\nterraform: " + bl[i]
		}
	}
	return "lengths differ"
}
