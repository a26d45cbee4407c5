package acctest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// errorCatcher is a testing.TB that keeps the errors it is given.
type errorCatcher struct {
	testing.TB
	errs []string
}

func (c *errorCatcher) Errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}
func (c *errorCatcher) Helper() {}

// fakeServer answers ReadResource with one diagnostic, whatever it is asked.
type fakeServer struct {
	tfprotov6.ProviderServer
	detail string
}

func (f fakeServer) ReadResource(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{Diagnostics: []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError, Summary: "Cannot read", Detail: f.detail}}}, nil
}

func TestRecordedDiagnosticsAreCheckedForSecrets(t *testing.T) {
	leaked := "dose-leaked-" + t.Name()
	s := recordingServer{fakeServer{detail: "the server said: {\"secret\":\"" + leaked + "\"}"}}
	if _, err := s.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	c := &errorCatcher{TB: t}
	checkNoSecretsShown(c, func() []string { return []string{"dose-never-shown", leaked} })
	if len(c.errs) != 1 || !strings.Contains(c.errs[0], leaked) {
		t.Fatalf("the leaked secret was not caught: %q", c.errs)
	}
	c = &errorCatcher{TB: t}
	checkNoSecretsShown(c, func() []string { return []string{"dose-never-shown", ""} })
	if len(c.errs) != 0 {
		t.Fatalf("false alarm: %q", c.errs)
	}
}
