// Command terraform-provider-databricksoauth serves the databricksoauth provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/provider"
)

// version is set by the release build (goreleaser -X main.version).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	provider.QuietSDKLogsUnlessRequested()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/databricksoauth/databricksoauth",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
