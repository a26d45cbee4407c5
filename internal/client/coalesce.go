package client

import (
	"context"
	"sync"
	"time"
)

// Coalescer shares one call per key among concurrent callers and reuses its answer
// for ttl after it finished (ttl < 0: for the life of the Coalescer, i.e. of one
// configured provider, which Terraform builds anew for every command). Errors are
// shared with the callers already waiting but never cached. Invalidate forgets a key.
// It is the one form of per-run caching on Client: secret listings, the proof that
// the account answers, the published-apps catalog.
type Coalescer[K comparable, V any] struct {
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[K]*flight[V]
}

// flight is one call: done is closed when val/err/finished are set.
type flight[V any] struct {
	done     chan struct{}
	val      V
	err      error
	finished time.Time
}

// NewCoalescer returns a Coalescer that reuses answers for ttl (negative: forever),
// reading the time from now (nil: time.Now).
func NewCoalescer[K comparable, V any](ttl time.Duration, now func() time.Time) *Coalescer[K, V] {
	if now == nil {
		now = time.Now
	}
	return &Coalescer[K, V]{ttl: ttl, now: now, entries: map[K]*flight[V]{}}
}

// Do returns the answer for key, calling fetch only when no usable answer exists.
// joined reports that the answer came from another caller's call.
func (c *Coalescer[K, V]) Do(ctx context.Context, key K, fetch func(context.Context) (V, error)) (v V, joined bool, err error) {
	if c == nil { // a Client not built by New: no coalescing
		v, err = fetch(ctx)
		return v, false, err
	}
	c.mu.Lock()
	f, ok := c.entries[key]
	if ok && !c.usable(f) {
		delete(c.entries, key)
		ok = false
	}
	if ok {
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return v, true, ctx.Err()
		}
		return f.val, true, f.err
	}
	f = &flight[V]{done: make(chan struct{})}
	c.entries[key] = f
	c.mu.Unlock()

	// The first caller fetches with its own context; the others wait for it above.
	val, err := fetch(ctx)

	c.mu.Lock()
	f.val, f.err, f.finished = val, err, c.now()
	if err != nil && c.entries[key] == f {
		delete(c.entries, key) // shared with current waiters, but never cached
	}
	c.mu.Unlock()
	close(f.done)
	return val, false, err
}

// usable reports whether an entry may be reused: still in flight, or finished without
// error less than ttl ago. Called with c.mu held.
func (c *Coalescer[K, V]) usable(f *flight[V]) bool {
	select {
	case <-f.done:
		return f.err == nil && (c.ttl < 0 || c.now().Sub(f.finished) < c.ttl)
	default:
		return true
	}
}

// Invalidate forgets key. A call still in flight finishes for those already waiting
// on it; later calls start a new one.
func (c *Coalescer[K, V]) Invalidate(key K) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, key)
}
