// Command profsplit prints how a pprof profile of the provider splits between
// terraform-plugin-framework, the Databricks SDK, the provider's own code and the
// rest (see package bench/profsplit):
//
//	go run ./bench/cmd/profsplit [-sample_index alloc_space] BINARY PROFILE...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/databricksoauth/terraform-provider-databricksoauth/bench/profsplit"
)

func main() {
	index := flag.String("sample_index", "", "pprof sample index, e.g. alloc_space or alloc_objects for an allocation profile")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: profsplit [-sample_index INDEX] BINARY PROFILE...")
		os.Exit(2)
	}
	s, err := profsplit.Read(context.Background(), flag.Arg(0), flag.Args()[1:], *index)
	if err != nil {
		fmt.Fprintln(os.Stderr, "profsplit:", err)
		os.Exit(1)
	}
	fmt.Println(s)
}
