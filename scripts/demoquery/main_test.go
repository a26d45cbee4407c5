package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnsupported(t *testing.T) {
	for _, c := range []struct {
		v    tfVersion
		want string
	}{
		{tfVersion{text: "Terraform 1.15.9", version: "1.15.9"}, ""},
		{tfVersion{text: "Terraform 1.14.0", version: "1.14.0"}, ""},
		{tfVersion{text: "Terraform 1.14.0-beta1", version: "1.14.0-beta1"}, ""},
		{tfVersion{text: "Terraform 1.11.4", version: "1.11.4"}, "this is Terraform 1.11.4"},
		{tfVersion{text: "Terraform 1.5.7", version: "1.5.7"}, "this is Terraform 1.5.7"},
		{tfVersion{text: "OpenTofu 1.12.6", version: "1.12.6", openTofu: true}, "OpenTofu 1.12.6 has no `query` command"},
	} {
		if got := unsupported(c.v); got != c.want {
			t.Errorf("unsupported(%+v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestDemo runs the demo with the Terraform of the acceptance tests: to the end with
// Terraform 1.14 or later, and to the "skipped" message with an older one.
func TestDemo(t *testing.T) {
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
	v, err := terraformVersion(tf)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if unsupported(v) != "" {
		if err := run(&out, tf, t.TempDir(), "../../examples/guides/adopt-with-query"); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "demo-query: skipped: ") {
			t.Fatalf("with %s: %q, want the skipped message", v.text, out.String())
		}
		return
	}
	bin := t.TempDir()
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(bin, "terraform-provider-databricksoauth"), "../..")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	if err := run(&out, tf, bin, "../../examples/guides/adopt-with-query"); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"Plan: 13 to import, 0 to add, 0 to change, 0 to destroy.",
		"requests that change objects received by the emulator during the apply: 0", "No changes:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out.String())
		}
	}
}
