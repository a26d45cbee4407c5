package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"127.0.0.1:0", "127.0.0.2:8080", "[::1]:0", "localhost:9000"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"0.0.0.0:0", ":8080", "192.168.1.10:80", "example.com:80", "nonsense"} {
		if checkLoopback(bad) == nil {
			t.Errorf("%s must be refused", bad)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// run serves on loopback, publishes its URL through the port file, prints the
// provider settings and stops (removing the port file) when ctx ends.
func TestRunServesUntilCancelled(t *testing.T) {
	t.Parallel()
	portFile := filepath.Join(t.TempDir(), "url")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, &out, "127.0.0.1:0", portFile, time.Millisecond, emulator.Options{HostType: "account", Token: "tok"})
	}()
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(portFile)
		url = string(b)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		cancel()
		t.Fatalf("port file: %q", url)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/_emulator/state", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("state: %d", resp.StatusCode)
	}
	for _, want := range []string{"DATABRICKS_HOST=" + url + "\n", "DATABRICKS_ACCOUNT_ID=" + emulator.DefaultAccountID, "DATABRICKS_TOKEN=tok", "DATABRICKS_AUTH_TYPE=pat"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(portFile); !os.IsNotExist(err) {
		t.Fatal("port file must be removed on shutdown")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if run(ctx, &bytes.Buffer{}, "0.0.0.0:0", "", 0, emulator.Options{HostType: "account"}) == nil {
		t.Error("non-loopback address accepted")
	}
	if run(ctx, &bytes.Buffer{}, "127.0.0.1:0", "", 0, emulator.Options{HostType: "bogus"}) == nil {
		t.Error("bad host type accepted")
	}
}

func TestRunRejectsBadVariant(t *testing.T) {
	t.Parallel()
	opts := emulator.Options{HostType: "account", Variants: emulator.Variants{AbsoluteLifetime: "sometimes"}}
	if run(context.Background(), &bytes.Buffer{}, "127.0.0.1:0", "", 0, opts) == nil {
		t.Error("bad -absolute-lifetime accepted")
	}
}

// Every variant has a flag, and the defaults leave the emulator's own guesses.
func TestParseArgsVariants(t *testing.T) {
	t.Parallel()
	a, err := parseArgs(nil, io.Discard)
	if err != nil || a.opts.Validate() != nil {
		t.Fatalf("defaults: %v", err)
	}
	def := emulator.New(emulator.Options{}).Variants()
	if a.opts.Variants != def {
		t.Fatalf("default flags give %+v, want %+v", a.opts.Variants, def)
	}
	a, err = parseArgs([]string{"-echo-subject-claim", "-absolute-lifetime", "never", "-sort-lists", "-dedup-lists",
		"-reserialize-jwks", "-short-first-page", "-default-apps", "uuid", "-require-update-mask", "-reject-unknown-fields",
		"-host-type", "workspace", "-workspace-metadata-account-id"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Variants{EchoSubjectClaim: true, AbsoluteLifetime: "never", SortLists: true, DedupLists: true,
		ReserializeJWKS: true, ShortFirstPage: true, DefaultApps: "uuid", RequireUpdateMask: true, RejectUnknownFields: true,
		WorkspaceMetadataAccountID: true}
	if a.opts.Variants != want || a.opts.HostType != "workspace" {
		t.Fatalf("flags give %+v (host %q), want %+v", a.opts.Variants, a.opts.HostType, want)
	}
}
