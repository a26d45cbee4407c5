// Command benchdriver is `make bench`: it builds the provider, the emulator and a
// rusage wrapper, starts the emulator as a process with 20 ms of latency per request,
// runs the real Terraform CLI against it through a dev_overrides CLI configuration,
// runs the Go micro-benchmarks of package bench, and prints one table. The table is
// also written to bench/results.md and copied into bench/README.md between the
// results markers.
//
// Scenarios (see bench/README.md for the method):
//   - floor: `terraform plan` of N terraform_data resources, plus N x latency / parallelism;
//   - refresh of N custom app integrations, and of N service principal secrets over N/5
//     principals (state created beforehand by `terraform apply` with latency 0);
//   - the custom_app_integrations data source over 5,000 integrations (page size 100);
//   - a mixed root module: 500 objects of all five resource types;
//   - the framework floor: the refresh plans again with bench/floor, a provider with the
//     same schemas whose Read sends nothing;
//   - provider start-up: `terraform providers schema -json`;
//   - Go benchmarks of the hot functions (go test -bench . ./bench/);
//   - profiles: CPU and allocations of one refresh cycle (BenchmarkRefreshCycle) and of
//     the provider process reading the data source, split by owner (bench/profsplit).
//
// Run from the repository root: go run ./bench/cmd/benchdriver [flags]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/harness"
	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/profsplit"
)

var (
	flagSizes       = flag.String("sizes", "10,100,500", "numbers of objects refreshed")
	flagReps        = flag.Int("reps", 5, "timed repetitions of every plan (the median is reported); one untimed warm-up run precedes them")
	flagLatency     = flag.Duration("latency", 20*time.Millisecond, "latency the emulator adds to every API request")
	flagParallelism = flag.Int("parallelism", 10, "terraform -parallelism")
	flagDSItems     = flag.Int("ds-items", 5000, "custom app integrations listed by the data source scenario")
	flagPageSize    = flag.Int("page-size", 100, "emulator page size for the data source scenario")
	flagOut         = flag.String("out", defaultOut, "file the results are written to (relative to the repository root)")
	flagReadme      = flag.String("readme", "bench/README.md", "file whose results block is replaced (\"\" = none)")
	flagWork        = flag.String("work", "", "work directory (default: a new temporary directory, removed at the end)")
	flagGoBench     = flag.Bool("gobench", true, "run the Go micro-benchmarks of ./bench")
	flagBenchtime   = flag.String("benchtime", "1s", "go test -benchtime for the micro-benchmarks")
	flagOnly        = flag.String("only", "", "comma-separated subset of scenarios: floor,apps,secrets,mixed,datasource,startup,gobench,profile")
	flagMixed       = flag.Int("mixed", 500, "objects of the mixed root module (all five resource types)")
	flagProviderEnv = flag.String("provider-env", "", "comma-separated KEY=VALUE added to the environment of the provider processes only (e.g. GOGC=200)")
	flagCPUProfile  = flag.String("cpuprofile", "", "directory for CPU profiles of every provider process (sets DATABRICKSOAUTH_CPUPROFILE)")
	flagBlock       = flag.String("block", "", "name of the README block to replace (default: \"bench results\", or \"before/after\" with -compare)")
	flagCompare     = flag.String("compare", "", "compare provider builds: comma-separated name=source-tree pairs (e.g. before=/tmp/base,after=.); "+
		"every plan runs once per build, interleaved; the table goes to -out (default bench/before-after.md) and the README's before/after block")
)

// variant is one provider build under test.
type variant struct {
	name, src, bin string
}

// floorName labels the framework floor's rows.
const floorName = "framework floor"

const defaultOut = "bench/results.md"

// row is one line of the results table.
type row struct {
	what, n, time, floor, ratio, requests, cpu, rss, tfCPU, target, notes string
}

type driver struct {
	ctx       context.Context
	root      string
	work      string
	tf        string
	variants  []variant
	fwFloor   variant // bench/floor, run with the refresh plans
	profDir   string  // profiles of the provider processes (the profile scenario)
	extraEnv  []string
	emuBin    string
	rusageDir string
	env       []string
	latency   time.Duration
	par       int
	rows      []row
	floorDirs map[int]string    // terraform_data configurations, applied
	floorRuns map[int][]float64 // every timed floor plan, by N
}

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchdriver:", err)
		os.Exit(1)
	}
}

func wanted(name string) bool {
	if *flagOnly == "" {
		return true
	}
	for _, s := range strings.Split(*flagOnly, ",") {
		if strings.TrimSpace(s) == name {
			return true
		}
	}
	return false
}

func run() error {
	ctx := context.Background()
	root, err := harness.RepoRoot()
	if err != nil {
		return err
	}
	tf, err := harness.Terraform()
	if err != nil {
		return fmt.Errorf("terraform CLI not found (set TERRAFORM or put it on PATH): %w", err)
	}
	work := *flagWork
	if work == "" {
		if work, err = os.MkdirTemp("", "databricksoauth-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	d := &driver{ctx: ctx, root: root, work: work, tf: tf, latency: *flagLatency, par: *flagParallelism,
		floorDirs: map[int]string{}, floorRuns: map[int][]float64{}}
	d.variants = []variant{{name: "", src: root}}
	out, readme, marker := *flagOut, *flagReadme, resultsMarker
	if *flagCompare != "" {
		d.variants = nil
		for _, pair := range strings.Split(*flagCompare, ",") {
			name, src, ok := strings.Cut(pair, "=")
			if !ok || name == "" || src == "" {
				return fmt.Errorf("bad -compare pair %q, want name=source-tree", pair)
			}
			abs, err := filepath.Abs(src)
			if err != nil {
				return err
			}
			d.variants = append(d.variants, variant{name: name, src: abs})
		}
		if out == defaultOut {
			out = "bench/before-after.md"
		}
		marker = compareMarker
	}
	if *flagBlock != "" {
		marker = *flagBlock
	}
	d.emuBin = filepath.Join(work, "bin", "databricksoauth-emulator")
	overrides := filepath.Join(work, "overrides")
	d.rusageDir = filepath.Join(work, "rusage")
	for _, dir := range []string{overrides, d.rusageDir} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}

	logf("building the provider, the emulator and the rusage wrapper in %s", work)
	for i := range d.variants {
		v := &d.variants[i]
		v.bin = filepath.Join(work, "bin", "provider-"+strconv.Itoa(i), harness.ProviderBinary)
		if err := harness.GoBuild(ctx, v.src, ".", v.bin); err != nil {
			return err
		}
	}
	d.fwFloor = variant{name: floorName, src: root, bin: filepath.Join(work, "bin", "floor", harness.ProviderBinary)}
	for _, b := range []struct{ pkg, out string }{
		{"./bench/cmd/floorprovider", d.fwFloor.bin},
		{"./internal/emulator/demo", d.emuBin},
		{"./bench/cmd/rusagewrap", filepath.Join(overrides, harness.ProviderBinary)},
	} {
		if err := harness.GoBuild(ctx, root, b.pkg, b.out); err != nil {
			return err
		}
	}
	rc := filepath.Join(work, "terraformrc")
	if err := harness.WriteCLIConfig(rc, overrides); err != nil {
		return err
	}
	extra := []string{"TF_CLI_CONFIG_FILE=" + rc, "BENCH_RUSAGE_DIR=" + d.rusageDir}
	if *flagProviderEnv != "" {
		extra = append(extra, "BENCH_PROVIDER_ENV="+*flagProviderEnv)
	}
	if *flagCPUProfile != "" {
		abs, _ := filepath.Abs(*flagCPUProfile)
		_ = os.MkdirAll(abs, 0o755)
		extra = append(extra, "DATABRICKSOAUTH_CPUPROFILE="+filepath.Join(abs, "provider-%p.pprof"))
	}
	d.env = harness.CleanEnv(extra...)

	startStat, startLoad := readCPUStat(), loadavg()
	start := time.Now()
	sizes, err := parseSizes(*flagSizes)
	if err != nil {
		return err
	}

	floorSizes := sizes
	if wanted("mixed") {
		floorSizes = append(append([]int(nil), sizes...), *flagMixed)
		sort.Ints(floorSizes)
		floorSizes = compactInts(floorSizes)
	}
	if wanted("floor") || wanted("apps") || wanted("secrets") || wanted("mixed") {
		for _, n := range floorSizes {
			if err := d.prepareFloor(n); err != nil {
				return fmt.Errorf("floor N=%d: %w", n, err)
			}
			if !wanted("apps") && !wanted("secrets") && !wanted("mixed") {
				for range *flagReps {
					if err := d.floorOnce(n); err != nil {
						return fmt.Errorf("floor N=%d: %w", n, err)
					}
				}
			}
		}
	}
	if wanted("apps") || wanted("secrets") || wanted("mixed") {
		emu, err := harness.StartEmulator(d.emuBin, work, "-latency", d.latency.String())
		if err != nil {
			return err
		}
		defer emu.Stop()
		if wanted("apps") {
			for _, n := range sizes {
				if err := d.refresh(emu, "custom apps", n, appsConfig(emu.URL, n), n, n); err != nil {
					return fmt.Errorf("custom apps N=%d: %w", n, err)
				}
			}
		}
		if wanted("secrets") {
			for i, n := range sizes {
				base := int64(1_000_000 * (i + 1))
				principals := (n + 4) / 5
				for sp := range principals {
					if err := emu.Admin(http.MethodPost, fmt.Sprintf("service-principals?id=%d", base+int64(sp)), nil); err != nil {
						return err
					}
				}
				if err := d.refresh(emu, "SP secrets", n, secretsConfig(emu.URL, n, base), principals, n); err != nil {
					return fmt.Errorf("secrets N=%d: %w", n, err)
				}
			}
		}
		if wanted("mixed") {
			if err := d.mixed(emu, *flagMixed); err != nil {
				return fmt.Errorf("mixed N=%d: %w", *flagMixed, err)
			}
		}
		emu.Stop()
	}
	if wanted("datasource") {
		if err := d.dataSource(*flagDSItems, *flagPageSize); err != nil {
			return fmt.Errorf("data source: %w", err)
		}
	}
	if wanted("startup") {
		if err := d.startup(); err != nil {
			return fmt.Errorf("start-up: %w", err)
		}
	}
	if wanted("gobench") && *flagGoBench {
		if err := d.goBench(); err != nil {
			return fmt.Errorf("go benchmarks: %w", err)
		}
	}
	if wanted("profile") {
		if err := d.profiles(); err != nil {
			return fmt.Errorf("profiles: %w", err)
		}
	}
	if wanted("floor") {
		var floorRows []row
		for _, n := range floorSizes {
			if len(d.floorRuns[n]) == 0 {
				continue
			}
			core, network := median(d.floorRuns[n]), float64(n)*d.latency.Seconds()/float64(d.par)
			floorRows = append(floorRows, row{what: "floor: plan of terraform_data + N x latency / parallelism", n: strconv.Itoa(n),
				time: secs(core + network), notes: fmt.Sprintf("core plan %.2f s (median of %d, interleaved with the refresh plans) + network %.2f s",
					core, len(d.floorRuns[n]), network)})
		}
		d.rows = append(floorRows, d.rows...)
	}
	busy := cpuBusy(startStat, readCPUStat())
	report := d.report(start, startLoad, loadavg(), busy)
	fmt.Print("\n" + report)
	if out != "" {
		if err := os.WriteFile(inRoot(root, out), []byte(report), 0o644); err != nil {
			return err
		}
	}
	if readme != "" {
		if err := updateReadme(inRoot(root, readme), marker, report); err != nil {
			return err
		}
	}
	return nil
}

// inRoot resolves a relative path against the repository root.
func inRoot(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "[%s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad -sizes %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// ---- Terraform runs ----

func (d *driver) writeConfig(name, hcl string) (string, error) {
	dir := filepath.Join(d.work, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o644)
}

// terraform runs the CLI with the provider build v behind the rusage wrapper.
func (d *driver) terraform(v variant, dir string, args ...string) (harness.Result, error) {
	env := append(append(append([]string(nil), d.env...), d.extraEnv...), "BENCH_PROVIDER_REAL="+v.bin)
	return harness.Run(d.ctx, dir, env, d.tf, append([]string{"-chdir=" + dir}, args...)...)
}

// label names a measure, with the build under test when comparing.
func (d *driver) label(what string, v variant) string {
	if v.name == "" {
		return what
	}
	return what + " [" + v.name + "]"
}

func (d *driver) apply(dir string) error {
	r, err := d.terraform(d.variants[len(d.variants)-1], dir, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", d.par))
	if err != nil {
		return err
	}
	if r.ExitCode != 0 {
		return fmt.Errorf("terraform apply failed (exit %d):\n%s\n%s", r.ExitCode, tail(r.Stdout, 3000), tail(r.Stderr, 3000))
	}
	return nil
}

// planRun is one measured `terraform plan`.
type planRun struct {
	wall, tfCPU  float64
	provCPU      float64
	provRSSMiB   float64
	provWall     float64
	provProcs    int
	apiRequests  int
	wellKnown    int
	listRequests int
}

// plan runs `terraform plan` reps times per provider build after one warm-up each,
// the builds interleaved, and returns the timed runs of each build; with floorN > 0,
// each timed round starts with a floor plan of floorN terraform_data resources, whose
// wall times are returned too. A plan that is
// not clean (exit code other than 0) is an error: the benchmark measures a refresh
// that finds nothing to change.
func (d *driver) plan(dir string, emu *harness.Emulator, vs []variant, reps, floorN int, args ...string) ([][]planRun, []float64, error) {
	runs := make([][]planRun, len(vs))
	var floors []float64
	for i := 0; i <= reps; i++ {
		if floorN > 0 && i > 0 {
			wall, err := d.floorPlan(floorN)
			if err != nil {
				return nil, nil, err
			}
			floors = append(floors, wall)
			d.floorRuns[floorN] = append(d.floorRuns[floorN], wall)
		}
		for vi, v := range vs {
			p, err := d.planOnce(v, dir, emu, args...)
			if err != nil {
				return nil, nil, err
			}
			if i > 0 { // the first round is the warm-up
				runs[vi] = append(runs[vi], p)
			}
		}
	}
	return runs, floors, nil
}

func (d *driver) planOnce(v variant, dir string, emu *harness.Emulator, args ...string) (planRun, error) {
	var p planRun
	if err := clearDir(d.rusageDir); err != nil {
		return p, err
	}
	if emu != nil {
		if err := emu.ResetLog(); err != nil {
			return p, err
		}
	}
	r, err := d.terraform(v, dir, append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode",
		fmt.Sprintf("-parallelism=%d", d.par)}, args...)...)
	if err != nil {
		return p, err
	}
	if r.ExitCode != 0 {
		return p, fmt.Errorf("terraform plan was not clean (exit %d):\n%s\n%s", r.ExitCode, tail(r.Stdout, 3000), tail(r.Stderr, 3000))
	}
	p = planRun{wall: r.Wall.Seconds(), tfCPU: r.CPU.Seconds()}
	if err := d.addUsage(&p); err != nil {
		return p, err
	}
	p.tfCPU -= p.provCPU // wait4 counts the provider processes Terraform reaped
	if emu != nil {
		reqs, err := emu.Requests()
		if err != nil {
			return p, err
		}
		for _, q := range reqs {
			if strings.HasPrefix(q.Path, "/.well-known/") {
				p.wellKnown++
				continue
			}
			p.apiRequests++
			if q.Method == http.MethodGet && (strings.HasSuffix(q.Path, "/credentials/secrets") ||
				strings.HasSuffix(q.Path, "/oauth2/custom-app-integrations")) {
				p.listRequests++
			}
		}
	}
	return p, nil
}

// usage is what bench/cmd/rusagewrap writes per provider process.
type usage struct {
	PID       int     `json:"pid"`
	UserSec   float64 `json:"user_s"`
	SysSec    float64 `json:"sys_s"`
	MaxRSSKiB int64   `json:"maxrss_kib"`
	WallSec   float64 `json:"wall_s"`
	ExitCode  int     `json:"exit_code"`
}

// addUsage sums the CPU of every provider process of the last command and keeps the
// largest peak RSS and wall time.
func (d *driver) addUsage(p *planRun) error {
	files, err := filepath.Glob(filepath.Join(d.rusageDir, "*.json"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no provider process was recorded in %s: is the rusage wrapper in dev_overrides?", d.rusageDir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var u usage
		if err := json.Unmarshal(b, &u); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		p.provProcs++
		p.provCPU += u.UserSec + u.SysSec
		p.provRSSMiB = math.Max(p.provRSSMiB, float64(u.MaxRSSKiB)/1024)
		p.provWall = math.Max(p.provWall, u.WallSec)
	}
	return nil
}

func clearDir(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}

// ---- scenarios ----

// prepareFloor writes and applies n terraform_data resources. A plan of them is
// Terraform core's own cost for n resources (no provider process); the floor adds
// the network's share: n requests x latency, spread over -parallelism concurrent
// refreshes. Floor plans are interleaved with the refresh plans they are compared to,
// so that both see the same load on a shared machine.
func (d *driver) prepareFloor(n int) error {
	logf("floor: %d terraform_data resources", n)
	hcl := fmt.Sprintf(`resource "terraform_data" "r" {
  count = %d
  input = "object-${count.index}"
}
`, n)
	dir, err := d.writeConfig(fmt.Sprintf("floor-%d", n), hcl)
	if err != nil {
		return err
	}
	if err := d.apply(dir); err != nil {
		return err
	}
	d.floorDirs[n] = dir
	_, err = d.floorPlan(n) // warm-up
	return err
}

// floorOnce times one floor plan of n resources and records it.
func (d *driver) floorOnce(n int) error {
	wall, err := d.floorPlan(n)
	if err == nil {
		d.floorRuns[n] = append(d.floorRuns[n], wall)
	}
	return err
}

func (d *driver) floorPlan(n int) (float64, error) {
	r, err := d.terraform(d.variants[0], d.floorDirs[n], "plan", "-input=false", "-no-color", "-detailed-exitcode", fmt.Sprintf("-parallelism=%d", d.par))
	if err != nil {
		return 0, err
	}
	if r.ExitCode != 0 {
		return 0, fmt.Errorf("floor plan not clean: %s", tail(r.Stdout+r.Stderr, 2000))
	}
	return r.Wall.Seconds(), nil
}

func appsConfig(url string, n int) string {
	return harness.ProviderBlock(url) + fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "app" {
  count         = %d
  name          = "bench-%d-${count.index}"
  redirect_urls = ["https://example.com/callback/${count.index}", "http://localhost:8020"]
  scopes        = ["all-apis", "offline_access"]
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 1440
  }
}
`, n, n)
}

func secretsConfig(url string, n int, base int64) string {
	return harness.ProviderBlock(url) + fmt.Sprintf(`
resource "databricksoauth_service_principal_secret" "s" {
  count                = %d
  service_principal_id = %d + floor(count.index / 5)
}
`, n, base)
}

// refresh creates the state with `terraform apply` (latency 0, to save time), then
// measures `terraform plan` (a refresh of every object) at the benchmark latency, with
// every provider build and with the framework floor (bench/floor), interleaved.
// units is the number of API requests a correct refresh makes: n for custom apps, the
// number of principals for secrets (one listing per principal).
func (d *driver) refresh(emu *harness.Emulator, kind string, n int, hcl string, units, floorN int) error {
	logf("%s: apply %d, then plan", kind, n)
	dir, err := d.writeConfig(fmt.Sprintf("%s-%d", strings.ReplaceAll(kind, " ", "-"), n), hcl)
	if err != nil {
		return err
	}
	if err := emu.SetLatency(0); err != nil {
		return err
	}
	if err := d.apply(dir); err != nil {
		return err
	}
	if err := emu.SetLatency(d.latency); err != nil {
		return err
	}
	vs := append(append([]variant(nil), d.variants...), d.fwFloor)
	runs, floorWalls, err := d.plan(dir, emu, vs, *flagReps, floorN)
	if err != nil {
		return err
	}
	network := float64(n) * d.latency.Seconds() / float64(d.par)
	floor := median(floorWalls) + network
	fw := summarize(runs[len(vs)-1])
	fwFloor := fw.wall + network // the framework floor's plan sends nothing: add the requests' share
	for vi, v := range vs {
		r := summarize(runs[vi])
		row := row{what: d.label("refresh (terraform plan): "+kind, v), n: strconv.Itoa(n),
			time: secs(r.wall), floor: secs(floor), ratio: fmt.Sprintf("%.2f", r.wall/floor),
			cpu: secs(r.provCPU), rss: mib(r.provRSSMiB), tfCPU: secs(r.tfCPU)}
		notes := fmt.Sprintf("%d provider processes, provider wall %.2f s", r.provProcs, r.provWall)
		if v.name == floorName {
			row.requests = fmt.Sprintf("%d requests", r.apiRequests)
			row.notes = notes + "; the provider's Read sends nothing: plan wall only, no network share"
			d.rows = append(d.rows, row)
			continue
		}
		reqPerObj := float64(r.apiRequests) / float64(n)
		row.requests = fmt.Sprintf("%.2f (%d requests)", reqPerObj, r.apiRequests)
		reqOK := r.apiRequests == units
		switch kind {
		case "SP secrets":
			row.requests = fmt.Sprintf("%.2f (%d listings, %.2f per principal)", reqPerObj, r.apiRequests, float64(r.apiRequests)/float64(units))
			row.target = "1 listing per principal " + mark(reqOK)
		case "custom apps":
			row.target = "1 request/object " + mark(reqOK)
		default:
			row.target = fmt.Sprintf("%d requests (1 per object, 1 listing per principal) %s", units, mark(reqOK))
		}
		if kind == "custom apps" && n >= 500 {
			row.target += fmt.Sprintf("; wall <= 1.15 x (framework floor %.2f s + network %.2f s) = %.2f s %s",
				fw.wall, network, 1.15*fwFloor, mark(r.wall <= 1.15*fwFloor))
		}
		over := r.provCPU - fw.provCPU
		notes += fmt.Sprintf("; provider CPU above the framework floor %.2f s (%.2f ms/object); Terraform's share of all CPU %.0f%%",
			over, 1000*over/float64(n), 100*r.tfCPU/(r.tfCPU+r.provCPU))
		if r.wellKnown > 0 {
			notes += fmt.Sprintf(", %d host metadata lookup(s) not counted", r.wellKnown)
		}
		row.notes = notes
		d.rows = append(d.rows, row)
	}
	return nil
}

// mixed refreshes a root module of n objects of all five resource types: the five
// published apps that are not enabled by default, 20 account federation policies
// (the API's maximum), SP federation policies (5 per principal), SP secrets (5 per
// principal) and custom apps for the rest, in roughly these shares: 5 + 20 + n/5 +
// n/4 + the remainder.
func (d *driver) mixed(emu *harness.Emulator, n int) error {
	published := []string{"databricks-sql-connector-python", "databricks-vscode", "databricks-jdbc", "databricks-odbc", "dbt-cloud"}
	accountPolicies := 20
	spPolicies := n / 5 / 5 * 5
	secrets := n / 4 / 5 * 5
	apps := n - len(published) - accountPolicies - spPolicies - secrets
	if apps < 1 {
		return fmt.Errorf("-mixed %d is too small for all five types", n)
	}
	const base = 9_000_000
	policyPrincipals, secretPrincipals := spPolicies/5, secrets/5
	for sp := range policyPrincipals + secretPrincipals {
		if err := emu.Admin(http.MethodPost, fmt.Sprintf("service-principals?id=%d", base+sp), nil); err != nil {
			return err
		}
	}
	hcl := harness.ProviderBlock(emu.URL) + fmt.Sprintf(`
resource "databricksoauth_custom_app_integration" "app" {
  count         = %[1]d
  name          = "mixed-${count.index}"
  redirect_urls = ["https://example.com/callback/${count.index}"]
  scopes        = ["all-apis", "offline_access"]
  token_access_policy = {
    access_token_ttl_in_minutes  = 60
    refresh_token_ttl_in_minutes = 1440
  }
}

resource "databricksoauth_published_app_integration" "p" {
  for_each = toset(%[2]s)
  app_id   = each.value
}

resource "databricksoauth_account_federation_policy" "a" {
  count     = %[3]d
  policy_id = "mixed-${count.index}"
  oidc_policy = {
    issuer        = "https://idp.example.com/${count.index}"
    audiences     = ["databricks"]
    subject_claim = "email"
  }
}

resource "databricksoauth_service_principal_federation_policy" "sp" {
  count                = %[4]d
  service_principal_id = %[5]d + floor(count.index / 5)
  policy_id            = "mixed-${count.index}"
  oidc_policy = {
    issuer    = "https://token.actions.githubusercontent.com"
    audiences = ["databricks"]
    subject   = "repo:org/repo-${count.index}:environment:prod"
  }
}

resource "databricksoauth_service_principal_secret" "s" {
  count                = %[6]d
  service_principal_id = %[7]d + floor(count.index / 5)
}
`, apps, hclList(published), accountPolicies, spPolicies, base, secrets, base+policyPrincipals)
	units := apps + len(published) + accountPolicies + spPolicies + secretPrincipals
	return d.refresh(emu, fmt.Sprintf("mixed (%d custom apps, %d published, %d account policies, %d SP policies, %d secrets)",
		apps, len(published), accountPolicies, spPolicies, secrets), n, hcl, units, n)
}

func hclList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func compactInts(s []int) []int {
	var out []int
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// dataSource lists items custom app integrations (seeded behind the API) with the
// plural data source, in pages of pageSize.
func (d *driver) dataSource(items, pageSize int) error {
	logf("data source: %d custom app integrations, page size %d", items, pageSize)
	emu, err := harness.StartEmulator(d.emuBin, d.work, "-latency", d.latency.String(), "-page-size", strconv.Itoa(pageSize))
	if err != nil {
		return err
	}
	defer emu.Stop()
	if err := emu.Admin(http.MethodPost, fmt.Sprintf("seed/custom-app-integrations?count=%d", items), nil); err != nil {
		return err
	}
	hcl := harness.ProviderBlock(emu.URL) + `
data "databricksoauth_custom_app_integrations" "all" {}
`
	dir, err := d.writeConfig("datasource", hcl)
	if err != nil {
		return err
	}
	runs, _, err := d.plan(dir, emu, d.variants, *flagReps, 0)
	if err != nil {
		return err
	}
	if wanted("profile") {
		// One more plan, profiled: CPU and allocations of every provider process.
		v := d.variants[len(d.variants)-1]
		d.profDir = filepath.Join(d.work, "profiles")
		if err := os.MkdirAll(d.profDir, 0o755); err != nil {
			return err
		}
		d.extraEnv = []string{"DATABRICKSOAUTH_CPUPROFILE=" + filepath.Join(d.profDir, "cpu-%p.pprof"),
			"DATABRICKSOAUTH_MEMPROFILE=" + filepath.Join(d.profDir, "mem-%p.pprof")}
		_, err := d.planOnce(v, dir, emu)
		d.extraEnv = nil
		if err != nil {
			return err
		}
	}
	pages := (items + pageSize - 1) / pageSize
	for vi, v := range d.variants {
		r := summarize(runs[vi])
		target := fmt.Sprintf("provider CPU <= 1.0 s %s, peak RSS <= 80 MiB %s", mark(r.provCPU <= 1.0), mark(r.provRSSMiB <= 80))
		d.rows = append(d.rows, row{what: d.label(fmt.Sprintf("data source custom_app_integrations (page size %d)", pageSize), v),
			n: strconv.Itoa(items), time: secs(r.wall), floor: secs(float64(pages) * d.latency.Seconds()),
			requests: fmt.Sprintf("%d list requests (%d pages)", r.listRequests, pages),
			cpu:      secs(r.provCPU), rss: mib(r.provRSSMiB), tfCPU: secs(r.tfCPU), target: target,
			notes: fmt.Sprintf("provider process wall %.2f s; floor = pages x latency", r.provWall)})
		if r.listRequests != pages {
			return fmt.Errorf("expected %d list requests, saw %d", pages, r.listRequests)
		}
	}
	return nil
}

// startup times `terraform providers schema -json`: Terraform starts the provider,
// reads its schema and stops it.
func (d *driver) startup() error {
	logf("start-up: terraform providers schema -json")
	dir, err := d.writeConfig("startup", harness.ProviderBlock("http://127.0.0.1:9"))
	if err != nil {
		return err
	}
	runs := make([][]planRun, len(d.variants))
	for i := 0; i <= *flagReps+2; i++ {
		for vi, v := range d.variants {
			if err := clearDir(d.rusageDir); err != nil {
				return err
			}
			r, err := d.terraform(v, dir, "providers", "schema", "-json")
			if err != nil {
				return err
			}
			if r.ExitCode != 0 || !strings.Contains(r.Stdout, "databricksoauth_custom_app_integration") {
				return fmt.Errorf("providers schema failed (exit %d): %s", r.ExitCode, tail(r.Stderr, 2000))
			}
			if i == 0 {
				continue
			}
			p := planRun{wall: r.Wall.Seconds(), tfCPU: r.CPU.Seconds()}
			if err := d.addUsage(&p); err != nil {
				return err
			}
			p.tfCPU -= p.provCPU
			runs[vi] = append(runs[vi], p)
		}
	}
	for vi, v := range d.variants {
		r := summarize(runs[vi])
		d.rows = append(d.rows, row{what: d.label("start-up: terraform providers schema -json (whole process)", v), n: "-",
			time: secs(r.wall), cpu: secs(r.provCPU), rss: mib(r.provRSSMiB), tfCPU: secs(r.tfCPU),
			target: "whole command <= 0.2 s " + mark(r.wall <= 0.2),
			notes:  fmt.Sprintf("%d provider process(es), provider wall %.3f s", r.provProcs, r.provWall)})
	}
	return nil
}

// summarize takes the median of every measure over the runs, and the largest request
// counts (they are the same in every run of a correct provider).
func summarize(runs []planRun) planRun {
	pick := func(f func(planRun) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		return median(v)
	}
	out := planRun{
		wall:       pick(func(r planRun) float64 { return r.wall }),
		tfCPU:      pick(func(r planRun) float64 { return r.tfCPU }),
		provCPU:    pick(func(r planRun) float64 { return r.provCPU }),
		provRSSMiB: pick(func(r planRun) float64 { return r.provRSSMiB }),
		provWall:   pick(func(r planRun) float64 { return r.provWall }),
	}
	for _, r := range runs {
		out.provProcs = max(out.provProcs, r.provProcs)
		out.apiRequests = max(out.apiRequests, r.apiRequests)
		out.wellKnown = max(out.wellKnown, r.wellKnown)
		out.listRequests = max(out.listRequests, r.listRequests)
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ---- Go micro-benchmarks ----

// benchName matches the start of a `go test -bench` result line; the measures follow
// as value-unit pairs (ns/op, B/op, allocs/op, MB/s and custom ones such as cpu-ns/op).
var benchName = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+`)

// goBench runs the micro-benchmarks of ./bench in every build's source tree.
func (d *driver) goBench() error {
	for _, v := range d.variants {
		logf("go test -bench . ./bench/ in %s", v.src)
		cmd := exec.CommandContext(d.ctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", *flagBenchtime, "-count", "1", "./bench/")
		cmd.Dir = v.src
		cmd.Env = harness.CleanEnv()
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		for sc.Scan() {
			line := sc.Text()
			m := benchName.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			f := strings.Fields(line[len(m[0]):])
			measures := map[string]float64{}
			for i := 0; i+1 < len(f); i += 2 {
				if x, err := strconv.ParseFloat(f[i], 64); err == nil {
					measures[f[i+1]] = x
				}
			}
			notes := fmt.Sprintf("%.0f B/op, %.0f allocs/op", measures["B/op"], measures["allocs/op"])
			var target string
			if c, ok := measures["cpu-ns/op"]; ok {
				notes += ", CPU " + perOp(c)
				if strings.HasPrefix(m[1], "BenchmarkRefreshCycle/") && !strings.HasSuffix(m[1], "_floor") {
					target = "CPU <= 2 ms per object " + mark(c <= 2e6)
				}
			}
			d.rows = append(d.rows, row{what: d.label("go: "+m[1], v), n: "-", time: perOp(measures["ns/op"]), target: target, notes: notes})
		}
		if err := sc.Err(); err != nil {
			return err
		}
	}
	return nil
}

func perOp(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms/op", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs/op", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns/op", ns)
	}
}

// ---- report ----

func secs(s float64) string { return fmt.Sprintf("%.2f s", s) }
func mib(m float64) string  { return fmt.Sprintf("%.0f MiB", m) }

func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func (d *driver) report(start time.Time, load0, load1 string, busy float64) string {
	var b strings.Builder
	tfVersion := "?"
	if r, err := harness.Run(d.ctx, d.work, d.env, d.tf, "version", "-json"); err == nil {
		var v struct {
			V string `json:"terraform_version"`
		}
		if json.Unmarshal([]byte(r.Stdout), &v) == nil {
			tfVersion = v.V
		}
	}
	goVersion := "?"
	if out, err := exec.CommandContext(context.Background(), "go", "env", "GOVERSION").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	fmt.Fprintf(&b, "Run of %s (UTC), %.0f s in all. Machine: %d CPUs (%s), %s, Terraform %s, %s/%s.\n",
		start.UTC().Format("2006-01-02 15:04"), time.Since(start).Seconds(), runtime.NumCPU(), cpuModel(),
		goVersion, tfVersion, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "Load: loadavg %s at the start, %s at the end; the CPUs were %.0f%% busy during the run (this benchmark included).\n",
		load0, load1, busy*100)
	fmt.Fprintf(&b, "Settings: emulator latency %s per request, -parallelism=%d, rate_limit 100000, %d timed runs per measure (median) after one warm-up; "+
		"a refresh row's floor is the median of the floor plans run between its own plans.",
		d.latency, d.par, *flagReps)
	if *flagProviderEnv != "" {
		fmt.Fprintf(&b, " Extra provider environment: %s.", *flagProviderEnv)
	}
	if len(d.variants) > 1 {
		b.WriteString(" Builds compared (their plans interleaved):")
		for _, v := range d.variants {
			fmt.Fprintf(&b, " [%s] %s;", v.name, v.src)
		}
	}
	b.WriteString("\n\n")
	b.WriteString("| Measure | N | Time | Floor | Time/floor | API requests per object | Provider CPU | Provider peak RSS | Terraform CPU (without provider) | Target | Notes |\n")
	b.WriteString("|---|---:|---:|---:|---:|---|---:|---:|---:|---|---|\n")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, r := range d.rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.what, dash(r.n), dash(r.time), dash(r.floor), dash(r.ratio), dash(r.requests), dash(r.cpu),
			dash(r.rss), dash(r.tfCPU), dash(r.target), dash(r.notes))
	}
	return b.String()
}

// Markers of the generated blocks in bench/README.md.
const (
	resultsMarker = "bench results"
	compareMarker = "before/after"
)

// updateReadme replaces what lies between the README's markers for this block:
// <!-- NAME: begin (written by bench/cmd/benchdriver) --> ... <!-- NAME: end -->.
func updateReadme(path, name, report string) error {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	begin := "<!-- " + name + ": begin (written by bench/cmd/benchdriver) -->"
	end := "<!-- " + name + ": end -->"
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		logf("%s has no %q block; not updated", path, name)
		return nil
	}
	s = s[:i+len(begin)] + "\n" + report + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// readCPUStat returns the busy and total jiffies of all CPUs from /proc/stat.
func readCPUStat() [2]uint64 {
	b, _ := os.ReadFile("/proc/stat")
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var total, idle uint64
	for i, s := range f[1:] {
		v, _ := strconv.ParseUint(s, 10, 64)
		total += v
		if i == 3 || i == 4 { // idle, iowait
			idle += v
		}
	}
	return [2]uint64{total - idle, total}
}

func cpuBusy(a, b [2]uint64) float64 {
	if b[1] <= a[1] {
		return 0
	}
	return float64(b[0]-a[0]) / float64(b[1]-a[1])
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// ---- profiles ----

// profiles splits, by owner (bench/profsplit), the CPU and allocation profiles of one
// refresh cycle of a custom app (BenchmarkRefreshCycle, in-process, with the
// in-process emulator) and of the provider processes of the profiled data source plan.
func (d *driver) profiles() error {
	v := d.variants[len(d.variants)-1]
	dir := filepath.Join(d.work, "gobench-profile")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin, cpu, mem := filepath.Join(dir, "bench.test"), filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	logf("profile: BenchmarkRefreshCycle/custom_app")
	cmd := exec.CommandContext(d.ctx, "go", "test", "-run", "^$", "-bench", "^BenchmarkRefreshCycle$/^custom_app$", "-benchtime", "300x",
		"-cpuprofile", cpu, "-memprofile", mem, "-o", bin, "./bench/")
	cmd.Dir = v.src
	cmd.Env = harness.CleanEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w\n%s", err, out)
	}
	if err := d.profileRows("profile: BenchmarkRefreshCycle/custom_app (go test, 300 cycles)", bin, []string{cpu}, []string{mem}); err != nil {
		return err
	}
	if d.profDir == "" {
		return nil
	}
	cpus, _ := filepath.Glob(filepath.Join(d.profDir, "cpu-*.pprof"))
	mems, _ := filepath.Glob(filepath.Join(d.profDir, "mem-*.pprof"))
	return d.profileRows(fmt.Sprintf("profile: data source over %d custom apps (provider processes of one plan)", *flagDSItems), v.bin, cpus, mems)
}

func (d *driver) profileRows(what, bin string, cpus, mems []string) error {
	for _, p := range []struct {
		kind, index string
		files       []string
		unit        func(float64) string
	}{
		{"CPU", "", cpus, func(ns float64) string { return secs(ns / 1e9) }},
		{"allocated bytes", "alloc_space", mems, func(b float64) string { return mib(b / (1 << 20)) }},
		{"allocations", "alloc_objects", mems, func(n float64) string { return fmt.Sprintf("%.0f", n) }},
	} {
		if len(p.files) == 0 {
			continue
		}
		s, err := profsplit.Read(d.ctx, bin, p.files, p.index)
		if err != nil {
			return err
		}
		d.rows = append(d.rows, row{what: what + ": " + p.kind, n: "-", time: p.unit(s.Total), notes: s.String()})
	}
	return nil
}
