package client

import (
	"context"
	"sync"
	"time"
)

// Attempt is one HTTP attempt of an API call: the SDK sends a request again after a
// 429, a 503 or a transient network error, so one call may make several.
type Attempt struct {
	Start, End time.Time
	// Status is the HTTP status answered; 0 when no answer came back (the connection
	// failed or dropped).
	Status int
	// ServerDate is the answer's Date header (whole seconds, the server's clock); zero
	// without an answer or header.
	ServerDate time.Time
}

// mayHaveBeenApplied reports whether the server may have carried the request out:
// it answered 2xx (even if the body was then unreadable), a server error, or nothing
// at all. A 429 or another 4xx is a refusal.
func (a Attempt) mayHaveBeenApplied() bool {
	return a.Status == 0 || a.Status >= 500 || (a.Status >= 200 && a.Status < 300)
}

// AttemptLog records the attempts of one API call, in order. Create it with
// WithAttemptLog around a single create call; it is safe for concurrent use.
type AttemptLog struct {
	method string
	mu     sync.Mutex
	list   []Attempt
}

type attemptLogKey struct{}

// WithAttemptLog returns a context that records every attempt of API requests with
// the given method made with it (through the client's transport), and the log.
// Requests to other endpoints (an OAuth token refresh) are not API requests and are
// not recorded.
func WithAttemptLog(ctx context.Context, method string) (context.Context, *AttemptLog) {
	l := &AttemptLog{method: method}
	return context.WithValue(ctx, attemptLogKey{}, l), l
}

// Attempts returns a copy of the recorded attempts.
func (l *AttemptLog) Attempts() []Attempt {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Attempt(nil), l.list...)
}

// Window returns when the first attempt started and the last one ended: whatever the
// call created was created in between (by the server's clock, up to clock skew).
// ok is false when nothing was sent.
func (l *AttemptLog) Window() (from, to time.Time, ok bool) {
	as := l.Attempts()
	if len(as) == 0 {
		return time.Time{}, time.Time{}, false
	}
	from, to = as[0].Start, as[0].End
	for _, a := range as[1:] {
		from, to = minTime(from, a.Start), maxTime(to, a.End)
	}
	return from, to, true
}

// RetriedAfterPossibleApply reports whether an attempt that may have been carried
// out (a 5xx, a lost answer) was followed by another: the call may then have
// created its object twice. Retries after a 429 alone are safe.
func (l *AttemptLog) RetriedAfterPossibleApply() bool {
	as := l.Attempts()
	for i := 0; i+1 < len(as); i++ {
		if as[i].mayHaveBeenApplied() {
			return true
		}
	}
	return false
}

// MayHaveBeenApplied reports whether any attempt may have been carried out by the
// server, for a call that failed: if not, every attempt was refused and nothing was
// created.
func (l *AttemptLog) MayHaveBeenApplied() bool {
	for _, a := range l.Attempts() {
		if a.mayHaveBeenApplied() {
			return true
		}
	}
	return false
}

func (l *AttemptLog) record(a Attempt) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, a)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
