package client_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go/service/oauth2"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// fakeNow is a settable clock for the lister.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func newLister() (*client.SecretLister, *fakeNow) {
	clk := &fakeNow{t: time.Unix(1_700_000_000, 0)}
	return client.NewSecretLister(3*time.Second, clk.now), clk
}

// countingFetch returns a fetch that counts its calls and answers one secret named id.
func countingFetch(n *atomic.Int32, id string) func(context.Context) ([]oauth2.SecretInfo, error) {
	return func(context.Context) ([]oauth2.SecretInfo, error) {
		n.Add(1)
		return []oauth2.SecretInfo{{Id: id}}, nil
	}
}

func TestSecretLister_concurrentCallsShareOneListing(t *testing.T) {
	l, _ := newLister()
	var calls atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	fetch := func(context.Context) ([]oauth2.SecretInfo, error) { //nolint:unparam // the signature SecretLister.List takes
		calls.Add(1)
		close(started)
		<-release
		return []oauth2.SecretInfo{{Id: "a"}, {Id: "b"}}, nil
	}

	const n = 20
	var wg sync.WaitGroup
	results := make([][]oauth2.SecretInfo, n)
	errs := make([]error, n)
	wg.Add(1)
	go func() { defer wg.Done(); results[0], errs[0] = l.List(context.Background(), "account", 7, fetch) }()
	<-started // the first call is in flight; the others must join it
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); results[i], errs[i] = l.List(context.Background(), "account", 7, fetch) }()
	}
	time.Sleep(20 * time.Millisecond) // let the joiners block on the in-flight call
	close(release)
	wg.Wait()

	if got := calls.Load(); got != 1 {
		t.Fatalf("fetch called %d times, want 1", got)
	}
	for i := range n {
		if errs[i] != nil || len(results[i]) != 2 || results[i][0].Id != "a" {
			t.Fatalf("call %d: got %v, %v", i, results[i], errs[i])
		}
	}
	// Each caller gets its own copy.
	results[0][0].Id = "changed"
	if results[1][0].Id != "a" {
		t.Fatal("callers share one slice")
	}
}

func TestSecretLister_reuseWithinTTLOnly(t *testing.T) {
	l, clk := newLister()
	var calls atomic.Int32
	ctx := context.Background()
	for range 3 {
		if _, err := l.List(ctx, "account", 7, countingFetch(&calls, "a")); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Second)
	}
	if got := calls.Load(); got != 1 {
		t.Fatalf("within the window: fetch called %d times, want 1", got)
	}
	clk.advance(3 * time.Second) // past the window since the listing finished
	if _, err := l.List(ctx, "account", 7, countingFetch(&calls, "a")); err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 2 {
		t.Fatalf("after the window: fetch called %d times, want 2", got)
	}
}

func TestSecretLister_keysAreModeAndPrincipal(t *testing.T) {
	l, _ := newLister()
	var calls atomic.Int32
	ctx := context.Background()
	for _, k := range []struct {
		mode string
		sp   int64
	}{{"account", 1}, {"account", 2}, {"workspace", 1}, {"account", 1}, {"workspace", 1}} {
		if _, err := l.List(ctx, k.mode, k.sp, countingFetch(&calls, "a")); err != nil {
			t.Fatal(err)
		}
	}
	if got := calls.Load(); got != 3 {
		t.Fatalf("fetch called %d times, want 3 (one per mode and principal)", got)
	}
}

func TestSecretLister_invalidateMakesNextReadFresh(t *testing.T) {
	l, _ := newLister()
	var calls atomic.Int32
	ctx := context.Background()
	if _, err := l.List(ctx, "account", 7, countingFetch(&calls, "old")); err != nil {
		t.Fatal(err)
	}
	l.Invalidate("account", 8) // another principal: no effect on 7
	if got, _ := l.List(ctx, "account", 7, countingFetch(&calls, "new")); got[0].Id != "old" {
		t.Fatalf("got %q, want the cached listing", got[0].Id)
	}
	l.Invalidate("account", 7)
	got, err := l.List(ctx, "account", 7, countingFetch(&calls, "new"))
	if err != nil || got[0].Id != "new" || calls.Load() != 2 {
		t.Fatalf("after invalidate: got %v, %v, %d calls; want a fresh listing", got, err, calls.Load())
	}
}

// A write during a listing: those already waiting get the listing they joined, but a
// read after the write must not reuse it.
func TestSecretLister_invalidateDuringFlight(t *testing.T) {
	l, _ := newLister()
	ctx := context.Background()
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan []oauth2.SecretInfo)
	go func() {
		got, _ := l.List(ctx, "account", 7, func(context.Context) ([]oauth2.SecretInfo, error) {
			close(started)
			<-release
			return []oauth2.SecretInfo{{Id: "before-write"}}, nil
		})
		done <- got
	}()
	<-started
	l.Invalidate("account", 7)
	var calls atomic.Int32
	got, err := l.List(ctx, "account", 7, countingFetch(&calls, "after-write"))
	if err != nil || got[0].Id != "after-write" {
		t.Fatalf("read after the write got %v, %v", got, err)
	}
	close(release)
	if first := <-done; first[0].Id != "before-write" {
		t.Fatalf("in-flight caller got %v", first)
	}
	// The stale listing finished after the invalidation: it must not be cached.
	got, _ = l.List(ctx, "account", 7, countingFetch(&calls, "after-write"))
	if got[0].Id != "after-write" {
		t.Fatalf("stale listing was cached: %v", got)
	}
}

func TestSecretLister_errorsAreNotCached(t *testing.T) {
	l, _ := newLister()
	ctx := context.Background()
	boom := errors.New("boom")
	if _, err := l.List(ctx, "account", 7, func(context.Context) ([]oauth2.SecretInfo, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	var calls atomic.Int32
	if _, err := l.List(ctx, "account", 7, countingFetch(&calls, "a")); err != nil || calls.Load() != 1 {
		t.Fatalf("after an error: %v, %d calls; want a new listing", err, calls.Load())
	}
}

func TestSecretLister_waiterHonoursItsContext(t *testing.T) {
	l, _ := newLister()
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	go func() {
		_, _ = l.List(context.Background(), "account", 7, func(context.Context) ([]oauth2.SecretInfo, error) {
			close(started)
			<-release
			return nil, nil
		})
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.List(ctx, "account", 7, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestSecretLister_nilListerJustFetches(t *testing.T) {
	var l *client.SecretLister
	var calls atomic.Int32
	for range 2 {
		if _, err := l.List(context.Background(), "account", 7, countingFetch(&calls, "a")); err != nil {
			t.Fatal(err)
		}
	}
	l.Invalidate("account", 7)
	if calls.Load() != 2 {
		t.Fatalf("fetch called %d times, want 2", calls.Load())
	}
}
