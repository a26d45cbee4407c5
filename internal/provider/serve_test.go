package provider

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The framework's server must keep every optional interface terraform-plugin-go
// looks for once wrapped; if it stops matching fullServer (a framework or
// terraform-plugin-go upgrade), releaseRequestContexts must not wrap it at all.
func TestReleaseRequestContextsKeepsInterfaces(t *testing.T) {
	raw := providerserver.NewProtocol6(New("test")())()
	wrapped := releaseRequestContexts(raw)
	if _, ok := raw.(fullServer); !ok {
		t.Fatal("the framework's server no longer implements fullServer: review releaseRequestContexts " +
			"(it now passes the server through unwrapped, and the leak work-around is off)")
	}
	if _, ok := wrapped.(releasingServer); !ok {
		t.Fatal("the framework's server was not wrapped")
	}
	for name, ok := range map[string]bool{
		"list resources": is[tfprotov6.ProviderServerWithListResource](wrapped), //nolint:staticcheck // see fullServer
		"actions":        is[tfprotov6.ProviderServerWithActions](wrapped),      //nolint:staticcheck // see fullServer
		"state stores":   is[tfprotov6.ProviderServerWithStateStores](wrapped),  //nolint:staticcheck // see fullServer
	} {
		if !ok {
			t.Errorf("the wrapped server lost the %s interface", name)
		}
	}
}

func is[T any](v any) bool { _, ok := v.(T); return ok }

// as returns v as a T, and fails the test when it is not one.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}

type ctxKey struct{}

// recordingServer keeps the context of every ReadResource, as the framework does.
type recordingServer struct {
	fullServer
	kept []context.Context
}

func (s *recordingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	kept, cancel := context.WithCancel(ctx)
	_ = cancel // like proto6server.registerContext: only called on StopProvider
	s.kept = append(s.kept, kept)
	if kept.Value(ctxKey{}) != "request" {
		return nil, errors.New("request values are not visible during the call")
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestDetachedContextReleasesRequest(t *testing.T) {
	rec := &recordingServer{}
	s := releasingServer{rec}
	reqCtx, cancelReq := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "request"))
	if _, err := s.ReadResource(reqCtx, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	kept := rec.kept[0]
	if v := kept.Value(ctxKey{}); v != nil {
		t.Errorf("after the call the kept context still reaches the request's values: %v", v)
	}
	if kept.Err() != nil {
		t.Errorf("the request is not canceled yet, but Err() = %v", kept.Err())
	}
	// Cancellation of the request still reaches the contexts derived during the call.
	cancelReq()
	select {
	case <-kept.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("canceling the request did not cancel the context the server derived from it")
	}
	if !errors.Is(kept.Err(), context.Canceled) {
		t.Errorf("Err() = %v, want Canceled", kept.Err())
	}
}

func TestDetachedContextDuringCall(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), ctxKey{}, "v"), deadline)
	d := newDetachableContext(parent)
	if d.Value(ctxKey{}) != "v" {
		t.Error("value not forwarded")
	}
	if dl, ok := d.Deadline(); !ok || !dl.Equal(deadline) {
		t.Error("deadline not forwarded")
	}
	child, cancelChild := context.WithCancel(d)
	defer cancelChild()
	cancel()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("parent cancellation did not reach a child of the detachable context")
	}
	if !errors.Is(d.Err(), context.Canceled) {
		t.Errorf("Err() = %v", d.Err())
	}
}

// The point of the wrapper: what a request carries is garbage once the RPC returns,
// even though the server keeps the context it derived.
func TestDetachedContextRequestIsCollectable(t *testing.T) {
	rec := &recordingServer{}
	s := releasingServer{rec}
	collected := make(chan struct{})
	func() {
		big := &[1 << 20]byte{}
		runtime.AddCleanup(big, func(ch chan struct{}) { close(ch) }, collected)
		ctx := context.WithValue(context.WithValue(context.Background(), ctxKey{}, "request"), struct{ n int }{1}, big)
		if _, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
			t.Fatal(err)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		select {
		case <-collected:
			if len(rec.kept) != 1 {
				t.Fatal("the server did not keep the context")
			}
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("the request's values were not collected while the server kept its derived context")
}
