package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// A `go test -json` stream as go 1.26 writes it: a passing test with a subtest, a
// failing test whose subtest failed, a test skipped by tfversion.SkipBelow and one
// by t.Skip, a test whose subtests all skipped and one where some did, and
// packages that fail outside any test.
const stream = `{"Action":"start","Package":"example.com/p/internal/resources"}
{"Action":"run","Package":"example.com/p/internal/resources","Test":"TestAccOK"}
{"Action":"run","Package":"example.com/p/internal/resources","Test":"TestAccOK/sub"}
{"Action":"pass","Package":"example.com/p/internal/resources","Test":"TestAccOK/sub"}
{"Action":"pass","Package":"example.com/p/internal/resources","Test":"TestAccOK"}
{"Action":"run","Package":"example.com/p/internal/resources","Test":"TestAccBroken"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccBroken","Output":"=== RUN   TestAccBroken\n"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccBroken/TRACE","Output":"    x_test.go:10: the secret leaked\n"}
{"Action":"fail","Package":"example.com/p/internal/resources","Test":"TestAccBroken/TRACE"}
{"Action":"fail","Package":"example.com/p/internal/resources","Test":"TestAccBroken"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccEphemeral","Output":"=== RUN   TestAccEphemeral\n"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccEphemeral","Output":"    teststep_providers.go:123: Terraform CLI version 1.5.7 is below minimum version 1.10.0: skipping test\n"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccEphemeral","Output":"--- SKIP: TestAccEphemeral (0.01s)\n"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccEphemeral"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccMoved","Output":"    m_test.go:9: Terraform CLI version 1.5.7 is below minimum version 1.10.0: skipping test\n"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccMoved"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccQuiet"}
{"Action":"output","Package":"example.com/p/internal/resources","Test":"TestAccSubtests/a","Output":"    x_test.go:5: Terraform CLI version 1.5.7 is below minimum version 1.8.0: skipping test\n"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccSubtests/a"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccSubtests/b"}
{"Action":"pass","Package":"example.com/p/internal/resources","Test":"TestAccSubtests"}
{"Action":"skip","Package":"example.com/p/internal/resources","Test":"TestAccSomeSubtests/a"}
{"Action":"pass","Package":"example.com/p/internal/resources","Test":"TestAccSomeSubtests/b"}
{"Action":"pass","Package":"example.com/p/internal/resources","Test":"TestAccSomeSubtests"}
{"Action":"fail","Package":"example.com/p/internal/resources"}
{"ImportPath":"example.com/p/internal/broken","Action":"build-output","Output":"internal/broken/x.go:3:1: syntax error\n"}
{"Action":"run","Package":"example.com/p/internal/client","Test":"TestAccExits"}
{"Action":"output","Package":"example.com/p/internal/client","Test":"TestAccExits","Output":"cannot run Terraform provider tests\n"}
{"Action":"output","Package":"example.com/p/internal/client","Output":"panic: boom\n"}
{"Action":"fail","Package":"example.com/p/internal/client"}
not json: a build error
`

func TestParse(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	rep := parse(strings.NewReader(stream), &out)
	if want := (counts{Passed: 2, Failed: 1, Skipped: 4}); rep.counts != want {
		t.Errorf("counts %+v, want %+v", rep.counts, want)
	}
	if want := []string{"internal/resources TestAccBroken"}; !reflect.DeepEqual(rep.failed, want) {
		t.Errorf("failed %v, want %v", rep.failed, want)
	}
	wantSkips := map[string][]string{
		"Terraform CLI version 1.5.7 is below minimum version 1.10.0: skipping test": {"internal/resources TestAccEphemeral", "internal/resources TestAccMoved"},
		"(no reason given)": {"internal/resources TestAccQuiet"},
		"Terraform CLI version 1.5.7 is below minimum version 1.8.0: skipping test": {"internal/resources TestAccSubtests"},
	}
	if !reflect.DeepEqual(rep.skipped, wantSkips) {
		t.Errorf("skipped %v, want %v", rep.skipped, wantSkips)
	}
	// The resources package failed through its test, the client package by itself.
	if want := []string{"example.com/p/internal/client"}; !reflect.DeepEqual(rep.brokenPackages, want) {
		t.Errorf("broken packages %v, want %v", rep.brokenPackages, want)
	}
	for _, want := range []string{"--- FAIL: internal/resources TestAccBroken", "the secret leaked", "panic: boom", "cannot run Terraform provider tests", "x.go:3:1: syntax error", "not json: a build error"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output has no %q:\n%s", want, out.String())
		}
	}
}

func TestSummary(t *testing.T) {
	t.Parallel()
	s := summary([]result{
		{CLI: cli{Name: "Terraform", Version: "1.5.7"}, ExOK: true, Examples: "25 valid, 4 skipped, 0 failed",
			Tests: counts{Passed: 300, Skipped: 2}, Skipped: map[string][]string{"too old": {"b TestB", "a TestA"}}},
		{CLI: cli{Name: "OpenTofu", Version: "1.12.6"}, ExOK: true, Tests: counts{Passed: 301, Failed: 1}, Failed: []string{"a TestC"}},
	})
	for _, want := range []string{
		"Terraform 1.5.7         300        0        2  25 valid, 4 skipped, 0 failed",
		"OpenTofu 1.12.6         301        1        0",
		"Terraform 1.5.7: skipped 2 (too old): a TestA, b TestB",
		"OpenTofu 1.12.6: FAIL a TestC",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary has no %q:\n%s", want, s)
		}
	}
}
