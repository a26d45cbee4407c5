// Command terraform-provider-databricksoauth serves the databricksoauth provider.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// version is set by the release build (goreleaser -X main.version).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	provider.QuietSDKLogsUnlessRequested()
	tuneGC()
	stopProfiles := startProfiles()

	// provider.Serve is providerserver.Serve plus a work-around for a memory leak of
	// the framework's server (see internal/provider/serve.go).
	err := provider.Serve(version, debug)
	stopProfiles()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// tuneGC trades some memory for less garbage collection. The framework allocates
// about 1 MB per object refreshed while the live heap stays at a few MB, so with Go's
// default (GOGC=100) the collector ran every few MB and took a quarter of the
// provider's CPU. With 400 the heap may grow to five times the live data; the 96 MiB
// soft limit makes the collector work harder instead when a large answer (a data
// source listing thousands of objects) would otherwise take the process past it.
// Measured in bench/README.md. GOGC or GOMEMLIMIT in the environment turn this off.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(96 << 20)
}

// startProfiles is for performance work on the provider (see bench/README.md):
//
//	DATABRICKSOAUTH_CPUPROFILE=/tmp/provider-%p.pprof  CPU profile of the whole process
//	DATABRICKSOAUTH_MEMPROFILE=/tmp/provider-%p.mprof  heap profile (allocations) at exit
//
// %p is replaced by the process id, as Terraform starts several provider processes per
// command. Profiles are written when Terraform stops the provider. Without these
// variables nothing is done.
func startProfiles() (stop func()) {
	name := func(v string) string {
		return strings.ReplaceAll(os.Getenv(v), "%p", strconv.Itoa(os.Getpid()))
	}
	cpu, mem := name("DATABRICKSOAUTH_CPUPROFILE"), name("DATABRICKSOAUTH_MEMPROFILE")
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			cpuFile = f
		} else if err == nil {
			_ = f.Close()
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			_ = cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				runtime.GC()
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				_ = f.Close()
			}
		}
	}
}
