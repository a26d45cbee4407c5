package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/databricksoauth/databricksoauth"

// Serve runs the provider as a plugin for Terraform (what providerserver.Serve does),
// with the framework's server wrapped by releaseRequestContexts.
func Serve(version string, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(Address, func() tfprotov6.ProviderServer {
		return releaseRequestContexts(providerserver.NewProtocol6(New(version)())())
	}, opts...)
}

// fullServer is every interface the framework's server (v1.19) implements and
// terraform-plugin-go (v0.31) looks for. Three are deprecated, to be folded into
// ProviderServer, but tf6server still asserts them: a wrapper without them would
// hide list resources, actions and state stores from Terraform.
type fullServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // still asserted by tf6server (terraform-plugin-go v0.31)
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // still asserted by tf6server (terraform-plugin-go v0.31)
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // still asserted by tf6server (terraform-plugin-go v0.31)
}

// releaseRequestContexts works around a memory leak of terraform-plugin-framework:
// its server keeps the cancel function of every request's context until StopProvider
// (proto6server.registerContext), and with it the context and all it holds (the
// gRPC stream's metadata, one copy of the logger options per log field set). Terraform
// only calls StopProvider when interrupted, so a process that refreshes N objects
// kept about 60 KB per object: 30 MB of live heap at N = 500, 300 MB at 5,000.
//
// The wrapper hands the framework, for the per-object RPCs, a context that forwards
// to the request's context while the RPC runs and lets go of it when the RPC returns
// (see detachableContext); the framework then only keeps a few small objects per
// request. Cancellation is unchanged: the request's Done channel and StopProvider
// still cancel the context the framework derives from it.
//
// Streaming RPCs (list resources, actions, state store reads) are passed through
// untouched, as their streams use the context after the call returns; so are the
// once-per-process RPCs. If the server does not have the expected method set (a
// framework upgrade), it is returned unwrapped rather than hiding an interface.
func releaseRequestContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	full, ok := s.(fullServer)
	if !ok {
		return s
	}
	return releasingServer{full}
}

type releasingServer struct{ fullServer }

// detached calls f with a context that forwards to ctx until f returns.
func detached[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	d := newDetachableContext(ctx)
	defer d.detach()
	return f(d, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, req, s.fullServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, req, s.fullServer.UpgradeResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return detached(ctx, req, s.fullServer.UpgradeResourceIdentity)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, req, s.fullServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, req, s.fullServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, req, s.fullServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, req, s.fullServer.ImportResourceState)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return detached(ctx, req, s.fullServer.MoveResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, req, s.fullServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, req, s.fullServer.ReadDataSource)
}

func (s releasingServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return detached(ctx, req, s.fullServer.ValidateEphemeralResourceConfig)
}

func (s releasingServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return detached(ctx, req, s.fullServer.OpenEphemeralResource)
}

func (s releasingServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return detached(ctx, req, s.fullServer.RenewEphemeralResource)
}

func (s releasingServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return detached(ctx, req, s.fullServer.CloseEphemeralResource)
}

func (s releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return detached(ctx, req, s.fullServer.CallFunction)
}

// detachableContext forwards Value and Err to a parent context until detach is
// called; after that it holds only the parent's Done channel and deadline, and
// answers like a finished request: no values, and Canceled once Done is closed.
type detachableContext struct {
	parent      atomic.Pointer[parentContext]
	done        <-chan struct{}
	deadline    time.Time
	hasDeadline bool
}

type parentContext struct{ context.Context }

func newDetachableContext(parent context.Context) *detachableContext {
	d := &detachableContext{done: parent.Done()}
	d.deadline, d.hasDeadline = parent.Deadline()
	d.parent.Store(&parentContext{parent})
	return d
}

func (d *detachableContext) detach() { d.parent.Store(nil) }

func (d *detachableContext) Deadline() (time.Time, bool) { return d.deadline, d.hasDeadline }

func (d *detachableContext) Done() <-chan struct{} { return d.done }

func (d *detachableContext) Err() error {
	if p := d.parent.Load(); p != nil {
		return p.Err()
	}
	select {
	case <-d.done:
		return context.Canceled
	default:
		return nil
	}
}

// Value forwards every key, including the context package's own, so that contexts
// derived from this one attach to the parent's cancellation directly.
func (d *detachableContext) Value(key any) any {
	if p := d.parent.Load(); p != nil {
		return p.Value(key)
	}
	return nil
}
