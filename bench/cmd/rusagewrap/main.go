// Command rusagewrap stands in for the provider binary in a dev_overrides directory:
// Terraform starts it as the plugin, it runs the real provider as its child with the
// same stdin, stdout, stderr, arguments and environment (so the go-plugin handshake
// goes straight through), and when the child exits it records the child's resource
// usage from wait4(2): user and system CPU, peak RSS, wall time. One JSON file per
// provider process is written to $BENCH_RUSAGE_DIR.
//
//	BENCH_PROVIDER_REAL  path of the real provider binary (required)
//	BENCH_RUSAGE_DIR     directory for <pid>.json files (required)
//	BENCH_PROVIDER_ENV   optional comma-separated KEY=VALUE pairs for the provider
//	                     only (e.g. GOGC=400), not for Terraform
//	BENCH_PROVIDER_STDERR optional file that receives the provider's stderr instead of
//	                     Terraform (for GODEBUG=gctrace=1 and the like)
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Usage is what one provider process cost; the benchmark driver reads it back.
type Usage struct {
	PID       int     `json:"pid"`
	UserSec   float64 `json:"user_s"`
	SysSec    float64 `json:"sys_s"`
	MaxRSSKiB int64   `json:"maxrss_kib"`
	WallSec   float64 `json:"wall_s"`
	ExitCode  int     `json:"exit_code"`
}

func main() {
	provider, dir := os.Getenv("BENCH_PROVIDER_REAL"), os.Getenv("BENCH_RUSAGE_DIR")
	if provider == "" || dir == "" {
		fmt.Fprintln(os.Stderr, "rusagewrap: BENCH_PROVIDER_REAL and BENCH_RUSAGE_DIR must be set")
		os.Exit(2)
	}
	cmd := exec.CommandContext(context.Background(), provider, os.Args[1:]...)
	// *os.File values are handed to the child as is: no copying goroutines in between.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if p := os.Getenv("BENCH_PROVIDER_STDERR"); p != "" {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, "rusagewrap:", err)
			os.Exit(2)
		}
		defer f.Close()
		cmd.Stderr = f
	}
	if extra := os.Getenv("BENCH_PROVIDER_ENV"); extra != "" {
		cmd.Env = append(os.Environ(), strings.Split(extra, ",")...)
	}
	// If Terraform kills the wrapper, the provider must not outlive it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}

	// Terraform (go-plugin) stops a provider through gRPC; signals (Ctrl-C) are
	// passed on rather than killing the wrapper first.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)

	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rusagewrap:", err)
		os.Exit(2)
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)

	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "rusagewrap:", err)
		code = 2
	}
	u := Usage{PID: cmd.Process.Pid, WallSec: wall.Seconds(), ExitCode: code}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		u.UserSec = tv(ru.Utime)
		u.SysSec = tv(ru.Stime)
		u.MaxRSSKiB = ru.Maxrss // kilobytes on Linux
	}
	if b, err := json.Marshal(u); err == nil {
		name := filepath.Join(dir, fmt.Sprintf("%d.json", u.PID))
		tmp := name + ".tmp"
		if os.WriteFile(tmp, b, 0o644) == nil {
			_ = os.Rename(tmp, name)
		}
	}
	os.Exit(code)
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
