package profsplit

import (
	"math"
	"testing"
)

const traces = `File: bench.test
Type: alloc_space
-----------+-------------------------------------------------------
     bytes:  576B
  1.50MB   runtime.mallocgc
           encoding/json.Unmarshal
           github.com/databricks/databricks-sdk-go/marshal.Unmarshal
           github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources.(*r).Read
           github.com/hashicorp/terraform-plugin-framework/internal/fwserver.(*Server).ReadResource
-----------+-------------------------------------------------------
  512kB   github.com/hashicorp/terraform-plugin-framework/resource/schema.schemaAttributes (inline)
          github.com/databricksoauth/terraform-provider-databricksoauth/internal/resources.(*r).Read
-----------+-------------------------------------------------------
  512kB   github.com/databricksoauth/terraform-provider-databricksoauth/internal/models.StringSet
-----------+-------------------------------------------------------
  1MB   runtime.gcBgMarkWorker
-----------+-------------------------------------------------------
`

// Every sample goes to the innermost owned frame: the SDK's JSON decoding is the
// SDK's, the framework's call from the provider is the framework's.
func TestParse(t *testing.T) {
	s, err := Parse([]byte(traces))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{SDK: 1.5 * (1 << 20), Framework: 512 << 10, Provider: 512 << 10, Other: 1 << 20}
	for k, v := range want {
		if math.Abs(s.By[k]-v) > 1 {
			t.Errorf("%s: got %v, want %v", k, s.By[k], v)
		}
	}
	if s.Total != 3.5*(1<<20) {
		t.Errorf("total %v", s.Total)
	}
	if got := s.String(); got != "framework 14%, Databricks SDK 43%, provider 14%, runtime/other 29%" {
		t.Errorf("String() = %q", got)
	}
}

func TestParseValue(t *testing.T) {
	for in, want := range map[string]float64{"10ms": 1e7, "1.5s": 1.5e9, "32kB": 32768, "7": 7, "250us": 250e3} {
		got, err := parseValue(in)
		if err != nil || math.Abs(got-want) > 1e-6 {
			t.Errorf("parseValue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
