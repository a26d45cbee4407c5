package emulator

import (
	"sync"
	"time"
)

// Clock supplies the emulator's notion of "now". It drives create/update
// times and secret expiry, so tests can move past expire_time without
// sleeping.
type Clock interface {
	Now() time.Time
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// FakeClock is a manually driven Clock, safe for concurrent use.
type FakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFakeClock returns a FakeClock that reads t until moved.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{t: t} }

// Now returns the current fake time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d (backwards if d is negative).
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set moves the clock to t.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// offsetClock is a clock that runs off by a fixed amount (Options.ClockOffset).
type offsetClock struct {
	base   Clock
	offset time.Duration
}

func (c offsetClock) Now() time.Time { return c.base.Now().Add(c.offset) }
