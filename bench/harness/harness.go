// Package harness runs the built provider through the real Terraform CLI against the
// standalone emulator (internal/emulator/demo) in another process: it builds the
// binaries, writes a dev_overrides CLI configuration (no registry, no terraform init),
// starts the emulator and talks to its /_emulator/ admin surface. The benchmark driver
// (bench/cmd/benchdriver) and the TF_LOG test (bench/tracelog_test.go) share it.
package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ProviderAddress is the provider's source address in configurations.
const ProviderAddress = "databricksoauth/databricksoauth"

// ProviderBinary is the name Terraform looks for in a dev_overrides directory.
const ProviderBinary = "terraform-provider-databricksoauth"

// The emulator's defaults (internal/emulator: DefaultAccountID, DefaultToken).
const (
	AccountID = "00000000-0000-0000-0000-000000000001"
	Token     = "dapi-emulator"
)

// RepoRoot finds the module root (the directory holding go.mod) from the working
// directory upwards.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module github.com/databricksoauth/terraform-provider-databricksoauth")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod of terraform-provider-databricksoauth not found above the working directory")
		}
		dir = parent
	}
}

// GoBuild builds pkg (relative to root, e.g. "." or "./internal/emulator/demo") into out.
func GoBuild(ctx context.Context, root, pkg, out string) error {
	cmd := exec.CommandContext(ctx, goTool(), "build", "-o", out, pkg)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}

func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// Terraform returns the Terraform CLI to use: $TERRAFORM, $TF_ACC_TERRAFORM_PATH or
// terraform on PATH.
func Terraform() (string, error) {
	for _, v := range []string{"TERRAFORM", "TF_ACC_TERRAFORM_PATH"} {
		if p := os.Getenv(v); p != "" {
			return p, nil
		}
	}
	return exec.LookPath("terraform")
}

// WriteCLIConfig writes a Terraform CLI configuration that takes the provider from
// overridesDir (dev_overrides: no registry, no lock file, no terraform init).
func WriteCLIConfig(path, overridesDir string) error {
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, ProviderAddress, overridesDir)
	return os.WriteFile(path, []byte(rc), 0o644)
}

// ProviderBlock is the provider configuration for an emulator at url, with the
// client-side rate limit raised so that it never throttles a benchmark.
func ProviderBlock(url string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    databricksoauth = { source = %q }
  }
}

provider "databricksoauth" {
  host       = %q
  account_id = %q
  token      = %q
  auth_type  = "pat"
  rate_limit = 100000
}
`, ProviderAddress, url, AccountID, Token)
}

// CleanEnv is the environment for Terraform runs: the caller's, without anything
// that would change what is measured or tested (Terraform and provider log settings,
// Databricks and Azure credentials, another CLI configuration), plus extra.
func CleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_LOG"), strings.HasPrefix(k, "TF_ACC"), k == "TF_CLI_CONFIG_FILE",
			strings.HasPrefix(k, "DATABRICKS_"), strings.HasPrefix(k, "ARM_"), k == "GOGC", k == "GOMAXPROCS",
			strings.HasPrefix(k, "BENCH_"), strings.HasPrefix(k, "DATABRICKSOAUTH_"), k == "TF_CLI_ARGS",
			strings.HasPrefix(k, "TF_CLI_ARGS_"):
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return append(env, extra...)
}

// Result is one finished command.
type Result struct {
	Stdout, Stderr string
	Wall           time.Duration
	CPU            time.Duration // user+sys of the command itself (not its plugins)
	MaxRSSKiB      int64
	ExitCode       int
}

// Run runs name with args in dir and env and reports its wall time and own rusage.
// A non-zero exit code is not an error; failing to start is.
func Run(ctx context.Context, dir string, env []string, name string, args ...string) (Result, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := Result{Wall: time.Since(start), Stdout: out.String(), Stderr: errb.String()}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return r, err
	}
	r.ExitCode = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.MaxRSSKiB = ru.Maxrss
	}
	return r, nil
}

// Emulator is a running standalone emulator process.
type Emulator struct {
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
	log  *bytes.Buffer
}

// StartEmulator starts the emulator binary with args (e.g. -latency 20ms) and waits
// until it listens.
func StartEmulator(bin, workDir string, args ...string) (*Emulator, error) {
	portFile := filepath.Join(workDir, fmt.Sprintf("emulator-%d.url", time.Now().UnixNano()))
	cmd := exec.CommandContext(context.Background(), bin, append([]string{"-port-file", portFile}, args...)...)
	var logBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	e := &Emulator{cmd: cmd, done: make(chan struct{}), log: &logBuf}
	go func() { _ = cmd.Wait(); close(e.done) }()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(portFile); err == nil && len(b) > 0 {
			e.URL = strings.TrimSpace(string(b))
			return e, nil
		}
		select {
		case <-e.done:
			return nil, fmt.Errorf("emulator exited: %s", logBuf.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	e.Stop()
	return nil, errors.New("emulator did not start within 15 s")
}

// Stop ends the emulator (SIGTERM, then SIGKILL after 5 s).
func (e *Emulator) Stop() {
	if e == nil || e.cmd.Process == nil {
		return
	}
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.done:
	case <-time.After(5 * time.Second):
		_ = e.cmd.Process.Kill()
		<-e.done
	}
}

// Admin calls an /_emulator/ admin endpoint (path without the prefix, with query)
// and decodes the JSON answer into out (if not nil).
func (e *Emulator) Admin(method, path string, out any) error {
	return e.call(method, "/_emulator/"+strings.TrimPrefix(path, "/"), out)
}

// API calls the emulated REST API directly.
func (e *Emulator) API(method, path string, out any) error { return e.call(method, path, out) }

func (e *Emulator) call(method, path string, out any) error {
	req, err := http.NewRequestWithContext(context.Background(), method, e.URL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// LoggedRequest is one entry of the emulator's request log.
type LoggedRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
}

// Requests returns the request log (admin calls are not in it).
func (e *Emulator) Requests() ([]LoggedRequest, error) {
	var out []LoggedRequest
	return out, e.Admin(http.MethodGet, "requests", &out)
}

// ResetLog empties the request log.
func (e *Emulator) ResetLog() error { return e.Admin(http.MethodPost, "reset-log", nil) }

// SetLatency sets the delay the emulator adds to every API request.
func (e *Emulator) SetLatency(d time.Duration) error {
	return e.Admin(http.MethodPost, "latency?min="+d.String(), nil)
}
