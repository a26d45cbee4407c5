// Command floorprovider serves the framework floor (package bench/floor) as
// terraform-provider-databricksoauth, for the benchmark driver's refresh plans.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/floor"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

func main() {
	debugMode := flag.Bool("debug", false, "run with support for debuggers")
	flag.Parse()
	provider.QuietSDKLogsUnlessRequested()
	// The real binary's GC settings (main.go, tuneGC), so that CPU compares like for like.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(96 << 20)
	}
	err := providerserver.Serve(context.Background(), floor.New(),
		providerserver.ServeOpts{Address: "registry.terraform.io/databricksoauth/databricksoauth", Debug: *debugMode})
	if err != nil {
		log.Fatal(err)
	}
}
