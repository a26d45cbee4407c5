// Package profsplit splits a pprof profile (CPU or allocations) of the provider by
// owner: terraform-plugin-framework and the plugin protocol, the Databricks SDK, the
// provider's own code, and the rest (the Go runtime's GC and scheduler, the
// benchmark's harness, an in-process emulator). A sample belongs to the innermost
// frame of its stack that one of these owns, so that a standard-library call (JSON,
// reflection, allocation) counts for whoever made it: the SDK's JSON decoding is the
// SDK's, the framework's reflection in State.Set is the framework's even when the
// provider's Read called it.
//
// It reads the profile with `go tool pprof -traces`; bench/cmd/profsplit prints a
// split, and the benchmark driver puts one in its table.
package profsplit

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Owners, in the order they are printed.
const (
	Framework = "framework"
	SDK       = "Databricks SDK"
	Provider  = "provider"
	Emulator  = "emulator"
	Harness   = "benchmark harness"
	Other     = "runtime/other"
)

var order = []string{Framework, SDK, Provider, Emulator, Harness, Other}

const module = "github.com/databricksoauth/terraform-provider-databricksoauth/"

// owner returns who owns a function (as pprof names it), or "" for the standard
// library, the runtime and anything else.
func owner(fn string) string {
	switch {
	case strings.HasPrefix(fn, module+"internal/emulator"):
		return Emulator
	case strings.HasPrefix(fn, module+"bench"):
		return Harness
	case strings.HasPrefix(fn, module), strings.HasPrefix(fn, "main."):
		return Provider
	case strings.HasPrefix(fn, "github.com/databricks/databricks-sdk-go"):
		return SDK
	case strings.HasPrefix(fn, "github.com/hashicorp/terraform-plugin-"),
		strings.HasPrefix(fn, "github.com/hashicorp/go-plugin"),
		strings.HasPrefix(fn, "github.com/hashicorp/go-hclog"),
		strings.HasPrefix(fn, "github.com/vmihailenco/msgpack"),
		strings.HasPrefix(fn, "google.golang.org/grpc"),
		strings.HasPrefix(fn, "google.golang.org/protobuf"):
		return Framework
	}
	return ""
}

// Split is a profile's total and its share per owner, in the profile's unit
// (nanoseconds of CPU or bytes allocated).
type Split struct {
	Total float64
	By    map[string]float64
}

// Read splits the profile files of binary, merged (e.g. one per provider process);
// sampleIndex selects the measure ("alloc_space" or "alloc_objects" for an allocation
// profile; "" for the profile's default).
func Read(ctx context.Context, binary string, files []string, sampleIndex string) (Split, error) {
	args := []string{"tool", "pprof", "-traces"}
	if sampleIndex != "" {
		args = append(args, "-sample_index="+sampleIndex)
	}
	cmd := exec.CommandContext(ctx, "go", append(append(args, binary), files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return Split{}, fmt.Errorf("go tool pprof -traces %s: %w\n%s", strings.Join(files, " "), err, stderr.String())
	}
	return Parse(out)
}

// Parse splits the output of `go tool pprof -traces`: blocks separated by dashed
// lines, each a value followed by the stack, innermost frame first.
func Parse(traces []byte) (Split, error) {
	s := Split{By: map[string]float64{}}
	var value float64
	var owned string
	inBlock := false
	flush := func() {
		if inBlock {
			if owned == "" {
				owned = Other
			}
			s.By[owned] += value
			s.Total += value
		}
		inBlock, owned, value = false, "", 0
	}
	sc := bufio.NewScanner(bytes.NewReader(traces))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "-----------+"):
			flush()
			inBlock = true
			continue
		case !inBlock || trimmed == "" || strings.HasSuffix(strings.Fields(trimmed)[0], ":"):
			continue // header lines, labels ("bytes:  32kB")
		}
		fields := strings.Fields(trimmed) // [value] function [(inline)]
		if value == 0 && len(fields) >= 2 {
			if v, err := parseValue(fields[0]); err == nil {
				value, fields = v, fields[1:]
			}
		}
		if owned == "" {
			owned = owner(fields[0])
		}
	}
	flush()
	return s, sc.Err()
}

// parseValue reads pprof's "10ms", "1.50s", "32kB", "1.20MB", "123".
func parseValue(v string) (float64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"kB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}}
	for _, u := range units {
		if strings.HasSuffix(v, u.suffix) {
			x, err := strconv.ParseFloat(strings.TrimSuffix(v, u.suffix), 64)
			return x * u.mult, err
		}
	}
	return strconv.ParseFloat(v, 64)
}

// String prints the shares, largest owners first in the fixed order, e.g.
// "framework 61%, Databricks SDK 12%, provider 7%, runtime/other 20%".
func (s Split) String() string {
	if s.Total == 0 {
		return "no samples"
	}
	var parts []string
	for _, o := range order {
		if v := s.By[o]; v > 0 {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", o, 100*v/s.Total))
		}
	}
	return strings.Join(parts, ", ")
}
