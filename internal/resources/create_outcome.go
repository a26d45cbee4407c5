package resources

// Sending a create, and learning what happened.
//
// The Databricks SDK re-sends a request answered 429 or 503 (and some network errors),
// POST included. A create the server carried out before it failed is then made twice;
// and a create that fails without a clear refusal (a 500, an unreadable answer, a
// dropped connection) may have been carried out anyway. sendCreate records every
// attempt (client.AttemptLog) and sums it up as one of three outcomes, the one rule
// for every kind of object:
//
//   - refused: every attempt was answered 4xx (429 included): nothing was created;
//   - carried out: the answer came back and holds the object (retried: an attempt that
//     may have been applied was re-sent, so there may be a twin);
//   - unknown: some attempt may have been applied (2xx with an unreadable answer, 5xx,
//     no answer at all), and the call failed.
//
// With the outcome comes the request's window in the server's clock (calibrated from
// the Date headers of its answers), which each resource's finder uses to look for
// what the create made: objects whose create_time falls in the window and that this
// run did not create. Found objects are never deleted; they are adopted only when
// nothing was lost with the answer and their settings are the planned ones, and
// otherwise named with the command that deletes or imports them.

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

type createOutcome int

const (
	createRefused createOutcome = iota
	createCarriedOut
	createUnknown
)

// sentCreate is what sendCreate learned.
type sentCreate struct {
	outcome createOutcome
	err     error // nil when carried out
	// retried: carried out, after an attempt that may have been applied was re-sent.
	retried bool
	window  serverWindow
}

// sendCreate sends one create through call and sums up its attempts. check refuses an
// answer that lacks the object (e.g. no id): the server answered 2xx, so the create
// may have been carried out, and the outcome is unknown.
func sendCreate[T any](ctx context.Context, c *client.Client, call func(context.Context) (T, error), check func(T) error) (T, sentCreate) {
	start := time.Now()
	actx, attempts := client.WithAttemptLog(ctx, http.MethodPost)
	out, err := call(actx)
	if err == nil {
		err = check(out)
	}
	s := sentCreate{err: err, window: windowOf(c, attempts, start)}
	switch {
	case err == nil:
		s.outcome, s.retried = createCarriedOut, attempts.RetriedAfterPossibleApply()
	case attempts.MayHaveBeenApplied():
		s.outcome = createUnknown
	default:
		s.outcome, s.err = createRefused, c.WithCreateHint(err)
	}
	return out, s
}

// errNoID is the check failure of an answer without the object's id.
func errNoID(field string) error {
	return errors.New("the server's answer to the create request has no " + field)
}

// Clock skew: create_time comes from the server's clock, the window from this
// machine's. With bounds on the offset (from the Date headers), the window is moved
// onto the server's clock and widened by exactly those bounds (plus the millisecond
// that create_time is rounded to): an object created before the request started
// falls outside, unless it was created within the bounds' uncertainty, typically
// a fraction of a second. Without bounds (no answer carried a Date header) the window
// is widened by uncalibratedSkew: what is found there is named, never adopted.
var uncalibratedSkew = 15 * time.Minute

// serverWindow is when a create request was on the wire, by the server's clock.
type serverWindow struct {
	from, to time.Time
	// calibrated: the window comes from the server's clock; only then may an object
	// found in it be adopted.
	calibrated bool
}

// windowOf returns the window of the attempts recorded in l ([start, now] if none
// were: the request never left, which makes the window moot), on the server's clock.
func windowOf(c *client.Client, l *client.AttemptLog, start time.Time) serverWindow {
	from, to, ok := l.Window()
	if !ok {
		from, to = start, time.Now()
	}
	lo, hi, calibrated := c.ServerClockOffset()
	if !calibrated {
		return serverWindow{from: from.Add(-uncalibratedSkew), to: to.Add(uncalibratedSkew)}
	}
	return serverWindow{from: from.Add(lo - time.Millisecond), to: to.Add(hi + time.Millisecond), calibrated: true}
}

// contains reports whether an RFC 3339 create_time lies in the window. An unreadable
// or missing time does not.
func (w serverWindow) contains(createTime string) bool {
	t, err := time.Parse(time.RFC3339, createTime)
	if err != nil {
		return false
	}
	return !t.Before(w.from) && !t.After(w.to)
}

// describe is the window for messages.
func (w serverWindow) describe() string {
	return "between " + w.from.UTC().Format(time.RFC3339) + " and " + w.to.UTC().Format(time.RFC3339) + " (server time)"
}

// sameStrings reports whether a and b hold the same strings, in any order: a finder's
// comparison of a found object's lists with the planned ones.
func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s]--; count[s] < 0 {
			return false
		}
	}
	return true
}
