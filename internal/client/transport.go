package client

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/databricks/databricks-sdk-go/config"
)

// maxIdleConnsPerHost is how many idle connections to the API host are kept for
// reuse. Terraform runs up to -parallelism (default 10, often raised) operations at
// once; the SDK's default transport keeps only GOMAXPROCS+1 (3 on a 2-CPU runner), so
// over HTTP/1.1 most requests of a large refresh closed a connection and dialled a new
// one (with TLS, a handshake each). Over HTTP/2 one connection is shared and this
// changes nothing.
const maxIdleConnsPerHost = 64

// newTransport is the SDK's default transport (httpclient.makeDefaultTransport in
// v0.175.0) with room for Terraform's parallelism. insecure mirrors the SDK's
// insecure_skip_verify, which the SDK only applies to its own transports.
func newTransport(insecure bool) *http.Transport {
	t := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		IdleConnTimeout:       180 * time.Second,
		TLSHandshakeTimeout:   30 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
	if insecure {
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	return t
}

// ErrEmptyAnswer is the error of a read (GET) that the server answered 2xx with an
// empty body. The SDK would take it for an empty object (e.g. a listing without
// secrets, which removes them from state); the real API always answers a JSON object.
var ErrEmptyAnswer = errors.New("the server answered with an empty body where the API sends a JSON object")

// apiTransport is the transport under the SDK. It sees every attempt of the SDK's
// retry loop, and
//   - records the attempts of calls made with WithAttemptLog (see attempts.go);
//   - learns the server's clock from the Date header of every answer, so that a
//     create_time can be compared with a request's window (serverClock);
//   - remembers the last network error, so that an unreachable host can be named;
//   - refuses empty 2xx answers to GETs (ErrEmptyAnswer).
type apiTransport struct {
	// cfg and base: base is the transport the user's configuration supplied, or one
	// made on first use, once the configuration is resolved (insecure_skip_verify
	// may come from the environment).
	cfg      *config.Config
	base     http.RoundTripper
	baseOnce sync.Once
	clock    serverClock
	answered atomic.Bool

	mu      sync.Mutex
	lastErr error
}

func (t *apiTransport) baseTransport() http.RoundTripper {
	t.baseOnce.Do(func() {
		if t.base == nil {
			t.base = newTransport(t.cfg != nil && t.cfg.InsecureSkipVerify)
		}
	})
	return t.base
}

// Answered reports whether any request got an answer (of any status).
func (t *apiTransport) Answered() bool { return t.answered.Load() }

func (t *apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.baseTransport().RoundTrip(r)
	end := time.Now()
	a := Attempt{Start: start, End: end}
	if err != nil {
		t.mu.Lock()
		t.lastErr = err
		t.mu.Unlock()
	} else if resp != nil {
		t.answered.Store(true)
		a.Status = resp.StatusCode
		if d, perr := http.ParseTime(resp.Header.Get("Date")); perr == nil {
			a.ServerDate = d
			t.clock.observe(start, end, d)
		}
	}
	isAPI := strings.HasPrefix(r.URL.Path, "/api/")
	if l, _ := r.Context().Value(attemptLogKey{}).(*AttemptLog); l != nil && isAPI && strings.EqualFold(r.Method, l.method) {
		l.record(a)
	}
	if err == nil && isAPI && r.Method == http.MethodGet && resp.StatusCode/100 == 2 {
		resp, err = refuseEmptyBody(resp)
	}
	return resp, err
}

// refuseEmptyBody returns ErrEmptyAnswer for a response without a body (or only white
// space), and the response otherwise, its body still whole.
func refuseEmptyBody(resp *http.Response) (*http.Response, error) {
	br := bufio.NewReader(resp.Body)
	if onlySpace(br) {
		_ = resp.Body.Close()
		return nil, ErrEmptyAnswer
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{br, resp.Body}
	return resp, nil
}

// onlySpace reports whether br ends before anything but white space; it consumes
// only leading white space. A read error counts as content, for the SDK to report.
func onlySpace(br *bufio.Reader) bool {
	for {
		b, err := br.Peek(1)
		switch {
		case errors.Is(err, io.EOF):
			return true
		case err != nil:
			return false
		case b[0] != ' ' && b[0] != '\n' && b[0] != '\r' && b[0] != '\t':
			return false
		}
		_, _ = br.ReadByte()
	}
}

// LastNetworkError is the last error of a request that got no answer at all.
func (t *apiTransport) LastNetworkError() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lastErr
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the base transport.
func (t *apiTransport) CloseIdleConnections() {
	if c, ok := t.baseTransport().(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// serverClock estimates how far the server's clock is from this machine's, from the
// Date headers of its answers. An answer stamped Date (whole seconds) and received
// during [start, end] bounds the offset (server minus local) to
// [Date - end, Date + 1s - start]; the answers of a run are intersected, which pins
// the offset to a fraction of a second after a few of them. When an answer does not
// fit the intersection (the server's clock was adjusted), it starts afresh from it.
type serverClock struct {
	mu     sync.Mutex
	known  bool
	lo, hi time.Duration // bounds of the offset
}

func (c *serverClock) observe(start, end, date time.Time) {
	lo, hi := date.Sub(end), date.Add(time.Second).Sub(start)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known && lo <= c.hi && hi >= c.lo {
		c.lo, c.hi = max(c.lo, lo), min(c.hi, hi)
		return
	}
	c.known, c.lo, c.hi = true, lo, hi
}

// Offset returns the bounds of the offset, if any answer carried a Date header.
func (c *serverClock) Offset() (lo, hi time.Duration, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lo, c.hi, c.known
}
