// Command testmatrix runs the examples check and the acceptance tests once per
// Terraform or OpenTofu CLI (make testacc-matrix), then prints one line per CLI:
// its version and how many tests passed, failed and were skipped, and why each
// skipped test was skipped.
//
//	go run ./scripts/testmatrix [-parallel 4] [-run REGEXP] [-log DIR] CLI...
//
// Each run is `go test -json ./...` with TF_ACC=1 and TF_ACC_TERRAFORM_PATH=CLI, as
// `make testacc` does. For OpenTofu it also sets TF_ACC_PROVIDER_HOST to
// registry.opentofu.org: terraform-plugin-testing serves the providers under test
// at registry.terraform.io/hashicorp/NAME by default (helper/resource/plugin.go),
// and OpenTofu reads a provider without a source address as
// registry.opentofu.org/hashicorp/NAME, so without it OpenTofu would not use the
// in-process providers and would try to install them. Raw `go test -json` output
// goes to DIR (default bin/matrix) for a closer look.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

func main() {
	parallel := flag.Int("parallel", 4, "go test -parallel")
	run := flag.String("run", "", "go test -run (default: every test)")
	logDir := flag.String("log", filepath.Join("bin", "matrix"), "directory for the raw go test -json output of each CLI")
	timeout := flag.String("timeout", "25m", "go test -timeout")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: testmatrix [flags] CLI...  (paths of terraform or tofu binaries)")
		flag.PrintDefaults()
	}
	flag.Parse()
	clis, notes := findCLIs(flag.Args())
	for _, n := range notes {
		fmt.Println("testmatrix:", n)
	}
	if len(clis) == 0 {
		fmt.Fprintln(os.Stderr, "testmatrix: no Terraform or OpenTofu CLI given (see make testacc-matrix in the README)")
		os.Exit(2)
	}
	if err := os.MkdirAll(*logDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "testmatrix:", err)
		os.Exit(2)
	}
	var results []result
	for _, c := range clis {
		fmt.Printf("\n==> %s (%s)\n", c.Label(), c.Path)
		results = append(results, runOne(c, *parallel, *run, *timeout, *logDir))
	}
	fmt.Println()
	fmt.Print(summary(results))
	for _, r := range results {
		if !r.OK() {
			os.Exit(1)
		}
	}
}

// cli is one Terraform or OpenTofu binary.
type cli struct {
	Path    string
	Name    string // "Terraform" or "OpenTofu"
	Version string // e.g. "1.15.9"
}

func (c cli) Label() string { return c.Name + " " + c.Version }

var versionLine = regexp.MustCompile(`(?m)^(Terraform|OpenTofu) v(\S+)`)

// findCLIs identifies every path by running `version` (a line names the CLI and
// its version, after any warnings about the CLI configuration) and drops the paths that are not a CLI or repeat one.
func findCLIs(paths []string) ([]cli, []string) {
	var out []cli
	var notes []string
	seen := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", p, err))
			continue
		}
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			abs = resolved
		}
		if seen[abs] {
			continue
		}
		seen[abs] = true
		if st, err := os.Stat(abs); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			notes = append(notes, fmt.Sprintf("%s: not an executable file, skipped", p))
			continue
		}
		cmd := exec.CommandContext(context.Background(), abs, "version")
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
		raw, err := cmd.Output()
		m := versionLine.FindStringSubmatch(string(raw))
		if err != nil || m == nil {
			notes = append(notes, fmt.Sprintf("%s: `version` does not name Terraform or OpenTofu, skipped", p))
			continue
		}
		c := cli{Path: abs, Name: m[1], Version: m[2]}
		dup := false
		for _, o := range out {
			dup = dup || o.Label() == c.Label()
		}
		if dup {
			notes = append(notes, fmt.Sprintf("%s: %s is already in the matrix, skipped", p, c.Label()))
			continue
		}
		out = append(out, c)
	}
	return out, notes
}

// env is the environment of one CLI's runs. The CLI configuration is an empty
// file (cliConfig), so that no ~/.terraformrc (provider installation, plugin
// cache, credentials) or TF_CLI_CONFIG_FILE of this machine changes the tests; a
// TF_CLI_CONFIG_FILE naming a missing file would also make Terraform 1.15 and
// OpenTofu print a warning before `version`, which terraform-exec cannot parse.
func (c cli) env(cliConfig string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TF_ACC", "TF_ACC_TERRAFORM_PATH", "TF_ACC_PROVIDER_HOST", "TF_ACC_PROVIDER_NAMESPACE", "TERRAFORM", "TF_CLI_CONFIG_FILE":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_ACC=1", "TF_ACC_TERRAFORM_PATH="+c.Path, "TERRAFORM="+c.Path, "CHECKPOINT_DISABLE=1",
		"TF_CLI_CONFIG_FILE="+cliConfig)
	if c.Name == "OpenTofu" {
		env = append(env, "TF_ACC_PROVIDER_HOST=registry.opentofu.org")
	}
	return env
}

// result is what one CLI's runs found.
type result struct {
	CLI      cli
	Examples string // "25 valid, 4 skipped, 0 failed" or why the check failed
	ExOK     bool
	Tests    counts
	Skipped  map[string][]string // reason -> tests
	Failed   []string
	Duration time.Duration
	Err      error // go test could not run, or failed outside any test
}

func (r result) OK() bool { return r.ExOK && r.Err == nil && r.Tests.Failed == 0 }

type counts struct{ Passed, Failed, Skipped int }

var examplesLine = regexp.MustCompile(`==> (\d+) example directories valid, (\d+) skipped, (\d+) failed`)

func runOne(c cli, parallel int, run, timeout, logDir string) result {
	start := time.Now()
	r := result{CLI: c}
	cliConfig, err := filepath.Abs(filepath.Join(logDir, "empty.tfrc"))
	if err == nil {
		err = os.WriteFile(cliConfig, nil, 0o644)
	}
	if err != nil {
		r.Err = err
		return r
	}
	r.Examples, r.ExOK = validateExamples(c, cliConfig)

	args := []string{"test", "-count=1", "-json", "-timeout", timeout, "-parallel", fmt.Sprint(parallel)}
	if run != "" {
		args = append(args, "-run", run)
	}
	args = append(args, "./...")
	logPath := filepath.Join(logDir, strings.ToLower(c.Name)+"-"+c.Version+".json")
	rep, stderr, waitErr, err := goTest(c.env(cliConfig), args, logPath)
	if err != nil {
		r.Err = err
		return r
	}
	r.Tests, r.Skipped, r.Failed = rep.counts, rep.skipped, rep.failed
	r.Duration = time.Since(start)
	switch {
	case len(rep.brokenPackages) > 0:
		r.Err = fmt.Errorf("packages failed outside any test: %s", strings.Join(rep.brokenPackages, ", "))
	case waitErr != nil && r.Tests.Failed == 0:
		r.Err = fmt.Errorf("go test: %w %s", waitErr, strings.TrimSpace(stderr))
	}
	if stderr != "" {
		fmt.Print(stderr)
	}
	fmt.Printf("%s: %d passed, %d failed, %d skipped in %s (log: %s)\n", c.Label(),
		r.Tests.Passed, r.Tests.Failed, r.Tests.Skipped, r.Duration.Round(time.Second), logPath)
	return r
}

// validateExamples runs scripts/validate-examples.sh with the CLI, and returns its
// summary and whether it passed; its output is printed when it failed.
func validateExamples(c cli, cliConfig string) (string, bool) {
	var ex bytes.Buffer
	cmd := exec.CommandContext(context.Background(), "bash", "scripts/validate-examples.sh")
	cmd.Env, cmd.Stdout, cmd.Stderr = c.env(cliConfig), &ex, &ex
	err := cmd.Run()
	summary := "did not run"
	if m := examplesLine.FindStringSubmatch(ex.String()); m != nil {
		summary = fmt.Sprintf("%s valid, %s skipped, %s failed", m[1], m[2], m[3])
	}
	if err != nil {
		fmt.Print(ex.String())
	} else {
		fmt.Println("examples:", summary)
	}
	return summary, err == nil
}

// goTest runs `go test` with args, writing its JSON stream to logPath. It returns
// what the stream reports, go test's stderr and its exit error; err is set when it
// could not run at all.
func goTest(env, args []string, logPath string) (rep report, stderr string, waitErr, err error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return report{}, "", nil, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(context.Background(), "go", args...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return report{}, "", nil, err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		return report{}, "", nil, err
	}
	rep = parse(io.TeeReader(stdout, logFile), os.Stdout)
	waitErr = cmd.Wait()
	return rep, errOut.String(), waitErr, nil
}

// event is one line of `go test -json`.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// report is what a `go test -json` stream says about its top-level tests.
type report struct {
	counts
	skipped        map[string][]string // reason -> "package TestName"
	failed         []string
	brokenPackages []string
}

// parse reads a `go test -json` stream. It counts top-level tests (subtests are
// part of their test; a test whose every subtest skipped counts as skipped), prints the output of every failed test and of every
// package that failed outside a test (a build error, a panic) to w, and keeps
// each skipped test's reason: its last line of output before `--- SKIP`.
func parse(in io.Reader, w io.Writer) report {
	p := &parser{
		w:        w,
		rep:      report{skipped: map[string][]string{}},
		output:   map[string][]string{},
		failedIn: map[string]bool{},
		running:  map[string]bool{},
		subtests: map[string]subtestCount{},
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(w, sc.Text()) // not JSON: e.g. a build error printed by go itself
			continue
		}
		p.event(e)
	}
	return p.rep
}

// parser holds what parse has seen of the stream so far.
type parser struct {
	w        io.Writer
	rep      report
	output   map[string][]string     // package + test -> output lines
	failedIn map[string]bool         // packages with a failed test
	running  map[string]bool         // tests started and not finished
	subtests map[string]subtestCount // top-level test -> its subtests
}

type subtestCount struct {
	ran, skipped int
	reason       string
}

func (p *parser) event(e event) {
	key := e.Package + " " + e.Test
	switch e.Action {
	case "build-output": // the compiler's errors, before the package's "fail"
		fmt.Fprint(p.w, e.Output)
		return
	case "output":
		p.output[key] = append(p.output[key], e.Output)
		return
	case "run":
		p.running[key] = true
		return
	case "pass", "fail", "skip":
		delete(p.running, key)
	default:
		return
	}
	if e.Test == "" {
		p.packageDone(e)
		return
	}
	if top, _, ok := strings.Cut(e.Test, "/"); ok {
		p.subtestDone(e, top)
		return
	}
	p.testDone(e)
}

// packageDone reports a package that fails with no failed test: it stopped inside
// one (a panic, os.Exit, a timeout) or never ran (a build error). The tests that had
// not finished are printed too.
func (p *parser) packageDone(e event) {
	if e.Action != "fail" || p.failedIn[e.Package] {
		return
	}
	p.rep.brokenPackages = append(p.rep.brokenPackages, e.Package)
	fmt.Fprintf(p.w, "--- FAIL: package %s\n", e.Package)
	var unfinished []string
	for k := range p.running {
		if strings.HasPrefix(k, e.Package+" ") {
			unfinished = append(unfinished, k)
		}
	}
	sort.Strings(unfinished)
	for _, k := range unfinished {
		fmt.Fprint(p.w, strings.Join(p.output[k], ""))
	}
	fmt.Fprint(p.w, strings.Join(p.output[e.Package+" "], ""))
}

// subtestDone counts a subtest towards its top-level test.
func (p *parser) subtestDone(e event, top string) {
	if e.Action == "fail" {
		p.failedIn[e.Package] = true
	}
	sub := p.subtests[e.Package+" "+top]
	sub.ran++
	if e.Action == "skip" {
		sub.skipped++
		sub.reason = cmpOr(sub.reason, skipReason(p.output[e.Package+" "+e.Test]))
	}
	p.subtests[e.Package+" "+top] = sub
}

// testDone counts a top-level test, printing a failed one's output (its subtests'
// included).
func (p *parser) testDone(e event) {
	key := e.Package + " " + e.Test
	name := shortPackage(e.Package) + " " + e.Test
	if sub := p.subtests[key]; e.Action == "pass" && sub.ran > 0 && sub.skipped == sub.ran {
		// Every subtest skipped (e.g. below their CLI version): the test ran nothing.
		e.Action, p.output[key] = "skip", []string{sub.reason}
	}
	switch e.Action {
	case "pass":
		p.rep.Passed++
	case "fail":
		p.rep.Failed++
		p.failedIn[e.Package] = true
		p.rep.failed = append(p.rep.failed, name)
		fmt.Fprintf(p.w, "--- FAIL: %s\n", name)
		keys := make([]string, 0, len(p.output))
		for k := range p.output {
			if k == key || strings.HasPrefix(k, key+"/") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprint(p.w, strings.Join(p.output[k], ""))
		}
	case "skip":
		p.rep.Skipped++
		reason := skipReason(p.output[key])
		p.rep.skipped[reason] = append(p.rep.skipped[reason], name)
	}
}

var logPrefix = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)

// skipReason is the last line a skipped test logged before `--- SKIP`, without its
// file:line prefix.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ") {
			continue
		}
		return strings.TrimSpace(logPrefix.ReplaceAllString(lines[i], ""))
	}
	return "(no reason given)"
}

func shortPackage(p string) string {
	if i := strings.Index(p, "/internal/"); i >= 0 {
		return p[i+1:]
	}
	if i := strings.Index(p, "/scripts/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

// summary is the table printed at the end, one line per CLI, then the reasons of
// the skips.
func summary(results []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %8s %8s %8s  %-34s %s\n", "CLI", "passed", "failed", "skipped", "examples", "time")
	for _, r := range results {
		fmt.Fprintf(&b, "%-18s %8d %8d %8d  %-34s %s\n", r.CLI.Label(), r.Tests.Passed, r.Tests.Failed, r.Tests.Skipped,
			r.Examples, r.Duration.Round(time.Second))
	}
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(&b, "%s: %v\n", r.CLI.Label(), r.Err)
		}
		if !r.ExOK {
			fmt.Fprintf(&b, "%s: the examples check failed (output above)\n", r.CLI.Label())
		}
		for _, f := range r.Failed {
			fmt.Fprintf(&b, "%s: FAIL %s\n", r.CLI.Label(), f)
		}
		reasons := make([]string, 0, len(r.Skipped))
		for k := range r.Skipped {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		for _, k := range reasons {
			tests := r.Skipped[k]
			sort.Strings(tests)
			fmt.Fprintf(&b, "%s: skipped %d (%s): %s\n", r.CLI.Label(), len(tests), k, strings.Join(tests, ", "))
		}
	}
	return b.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
