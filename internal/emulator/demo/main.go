// Command demo runs the Databricks OAuth2 emulator as a standalone process on
// loopback, for trying the provider without an account and for benchmarks:
//
//	go run ./internal/emulator/demo -port-file /tmp/emu.url
//
// It prints the environment a provider (or the Databricks CLI/SDK) needs to
// talk to it, then serves until SIGINT or SIGTERM. Tests and scripts drive it
// through the /_emulator/ admin endpoints (see internal/emulator/admin.go), e.g.
// with this command's `admin` subcommand (admin.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "admin" {
		os.Exit(adminMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	a, err := parseArgs(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2) // the flag package has printed the problem and the usage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, a.addr, a.portFile, a.latency, a.opts); err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		stop()
		os.Exit(1)
	}
}

// args is what the command line sets.
type args struct {
	addr, portFile string
	latency        time.Duration
	opts           emulator.Options
}

func parseArgs(argv []string, stderr io.Writer) (args, error) {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var a args
	o := &a.opts
	fs.StringVar(&a.addr, "addr", "127.0.0.1:0", "listen address; must be loopback (port 0 = any free port)")
	fs.StringVar(&o.AccountID, "account-id", emulator.DefaultAccountID, "account id served")
	fs.StringVar(&o.Token, "token", emulator.DefaultToken, "bearer token accepted")
	fs.StringVar(&o.WorkspaceID, "workspace-id", emulator.DefaultWorkspaceID, "workspace id reported by workspace host metadata")
	fs.IntVar(&o.PageSize, "page-size", 0, "largest page served by every list (0 = 100)")
	fs.DurationVar(&a.latency, "latency", 0, "delay added to every request, e.g. 20ms")
	fs.StringVar(&o.HostType, "host-type", emulator.HostTypeAccount,
		"account, workspace (serves only the proxy API) or none (account host without metadata: 404)")
	fs.StringVar(&a.portFile, "port-file", "", "write the base URL (http://127.0.0.1:PORT) to this file once listening")
	fs.BoolVar(&o.NoSeed, "no-seed", false, "start without catalog, default integrations and service principals")
	fs.DurationVar(&o.ClockOffset, "clock-offset", 0, "run the server's clock off by this much (create times and Date headers), e.g. 90s")
	fs.IntVar(&o.WrongAccountStatus, "wrong-account-status", 0, "answer for a wrong account id in the path: 404 (default), 403 or 401")
	// The behaviours no recording of the real service decides (internal/emulator/variants.go);
	// each default is the emulator's own guess.
	v := &o.Variants
	fs.BoolVar(&v.EchoSubjectClaim, "echo-subject-claim", false, `answer oidc_policy.subject_claim "sub" when none is set`)
	fs.StringVar(&v.AbsoluteLifetime, "absolute-lifetime", emulator.AbsoluteLifetimeRotation,
		"when the default absolute_session_lifetime_in_minutes is answered: rotation (while single-use refresh tokens are on), always or never")
	fs.BoolVar(&v.SortLists, "sort-lists", false, "store redirect_urls, scopes, user_authorized_scopes and audiences sorted")
	fs.BoolVar(&v.DedupLists, "dedup-lists", false, "store those lists without duplicates")
	fs.BoolVar(&v.ReserializeJWKS, "reserialize-jwks", false, "answer jwks_json re-encoded (sorted keys, indented)")
	fs.BoolVar(&v.ShortFirstPage, "short-first-page", false, "serve one item less than the page size on the first page of every list")
	fs.StringVar(&v.DefaultApps, "default-apps", emulator.DefaultAppsAppID,
		"integrations enabled in the new account: app-id (integration_id = app_id), uuid or none")
	fs.BoolVar(&v.RequireUpdateMask, "require-update-mask", false, "refuse a federation policy PATCH without update_mask")
	fs.BoolVar(&v.RejectUnknownFields, "reject-unknown-fields", false, "refuse request bodies with fields the API does not know")
	fs.BoolVar(&v.WorkspaceMetadataAccountID, "workspace-metadata-account-id", false,
		"with -host-type workspace: put account_id in the host metadata, as real workspace hosts do")
	err := fs.Parse(argv)
	return a, err
}

// run serves until ctx is done, printing the provider settings to out.
func run(ctx context.Context, out io.Writer, addr, portFile string, latency time.Duration, opts emulator.Options) error {
	if err := checkLoopback(addr); err != nil {
		return err
	}
	switch opts.HostType {
	case emulator.HostTypeAccount, emulator.HostTypeWorkspace, emulator.HostTypeNone:
	default:
		return fmt.Errorf("-host-type must be account, workspace or none, not %q", opts.HostType)
	}
	switch opts.WrongAccountStatus {
	case 0, 401, 403, 404:
	default:
		return fmt.Errorf("-wrong-account-status must be 404, 403 or 401, not %d", opts.WrongAccountStatus)
	}
	if err := opts.Validate(); err != nil {
		return err
	}
	e := emulator.New(opts)
	if latency > 0 {
		e.SetLatency(latency, latency)
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if portFile != "" {
		if err := writeAtomic(portFile, url); err != nil {
			_ = ln.Close()
			return err
		}
		defer os.Remove(portFile) // a stale file would point scripts at a dead port
	}
	fmt.Fprintf(out, "# Databricks OAuth2 emulator listening on %s (Ctrl-C to stop)\n", url)
	fmt.Fprintf(out, "# Provider settings (also usable as an env file):\n")
	fmt.Fprintf(out, "DATABRICKS_HOST=%s\n", url)
	if opts.HostType != emulator.HostTypeWorkspace {
		fmt.Fprintf(out, "DATABRICKS_ACCOUNT_ID=%s\n", e.AccountID())
	}
	fmt.Fprintf(out, "DATABRICKS_TOKEN=%s\n", e.Token())
	fmt.Fprintf(out, "DATABRICKS_AUTH_TYPE=pat\n")

	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkLoopback refuses addresses reachable from other hosts: the emulator
// accepts a well-known token and has no TLS.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address; use 127.0.0.1:PORT", addr)
}

func writeAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".emulator-url-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
