package acctest

import (
	"context"
	"iter"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Every diagnostic the provider returns in any acceptance test is recorded (see
// recordingServer), and each test's emulator checks at the end of the test that none
// of them holds a secret value it issued: no error or warning may ever carry one,
// whatever the fault.

// shownText is every text the provider showed the user: diagnostics' summaries and
// details, and action progress messages.
var shownText struct {
	mu    sync.Mutex
	texts []string
}

func record(diags []*tfprotov6.Diagnostic) {
	if len(diags) == 0 {
		return
	}
	shownText.mu.Lock()
	defer shownText.mu.Unlock()
	for _, d := range diags {
		if d != nil {
			shownText.texts = append(shownText.texts, d.Summary+"\n"+d.Detail)
		}
	}
}

func recordText(s string) {
	shownText.mu.Lock()
	defer shownText.mu.Unlock()
	shownText.texts = append(shownText.texts, s)
}

// ShownTextContaining returns the recorded texts that contain any of values.
func ShownTextContaining(values []string) []string {
	shownText.mu.Lock()
	defer shownText.mu.Unlock()
	var out []string
	for _, t := range shownText.texts {
		for _, v := range values {
			if v != "" && strings.Contains(t, v) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// checkNoSecretsShown fails t if any recorded text holds one of the secrets.
func checkNoSecretsShown(t testing.TB, secrets func() []string) {
	t.Helper()
	for _, text := range ShownTextContaining(secrets()) {
		t.Errorf("a diagnostic shown to the user holds a secret value issued by this test's emulator:\n%s", text)
	}
}

// recordingServer is the provider server with every diagnostic recorded. Methods
// without diagnostics pass through the embedded server.
type recordingServer struct {
	tfprotov6.ProviderServer
}

// The list resource and action servers are optional interfaces of the framework's
// server: passed through when the provider has them.
//
//nolint:staticcheck // plugin-go v0.31 reaches these RPCs only through the deprecated interfaces.
var (
	_ tfprotov6.ProviderServerWithListResource = recordingServer{}
	_ tfprotov6.ProviderServerWithActions      = recordingServer{}
)

func (s recordingServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	resp, err := s.ProviderServer.ValidateProviderConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.ProviderServer.ConfigureProvider(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	resp, err := s.ProviderServer.ValidateResourceConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	resp, err := s.ProviderServer.UpgradeResourceState(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	resp, err := s.ProviderServer.MoveResourceState(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	resp, err := s.ProviderServer.ValidateDataResourceConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	resp, err := s.ProviderServer.ReadDataSource(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	resp, err := s.ProviderServer.ValidateEphemeralResourceConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	resp, err := s.ProviderServer.OpenEphemeralResource(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	resp, err := s.ProviderServer.RenewEphemeralResource(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	resp, err := s.ProviderServer.CloseEphemeralResource(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	resp, err := s.ProviderServer.CallFunction(ctx, req)
	if resp != nil && resp.Error != nil {
		recordText(resp.Error.Text)
	}
	return resp, err
}

func (s recordingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	ls, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return &tfprotov6.ValidateListResourceConfigResponse{}, nil
	}
	resp, err := ls.ValidateListResourceConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	ls, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return &tfprotov6.ListResourceServerStream{Results: tfprotov6.NoListResults}, nil
	}
	stream, err := ls.ListResource(ctx, req)
	if stream == nil || stream.Results == nil {
		return stream, err
	}
	results := stream.Results
	stream.Results = func(yield func(tfprotov6.ListResourceResult) bool) {
		for r := range results {
			record(r.Diagnostics)
			if !yield(r) {
				return
			}
		}
	}
	return stream, err
}

func (s recordingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	as, ok := s.ProviderServer.(tfprotov6.ActionServer)
	if !ok {
		return &tfprotov6.ValidateActionConfigResponse{}, nil
	}
	resp, err := as.ValidateActionConfig(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	as, ok := s.ProviderServer.(tfprotov6.ActionServer)
	if !ok {
		return &tfprotov6.PlanActionResponse{}, nil
	}
	resp, err := as.PlanAction(ctx, req)
	if resp != nil {
		record(resp.Diagnostics)
	}
	return resp, err
}

func (s recordingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	as, ok := s.ProviderServer.(tfprotov6.ActionServer)
	if !ok {
		return &tfprotov6.InvokeActionServerStream{Events: func(func(tfprotov6.InvokeActionEvent) bool) {}}, nil
	}
	stream, err := as.InvokeAction(ctx, req)
	if stream == nil || stream.Events == nil {
		return stream, err
	}
	events := stream.Events
	stream.Events = iter.Seq[tfprotov6.InvokeActionEvent](func(yield func(tfprotov6.InvokeActionEvent) bool) {
		for ev := range events {
			switch t := ev.Type.(type) {
			case tfprotov6.ProgressInvokeActionEventType:
				recordText(t.Message)
			case tfprotov6.CompletedInvokeActionEventType:
				record(t.Diagnostics)
			}
			if !yield(ev) {
				return
			}
		}
	})
	return stream, err
}
