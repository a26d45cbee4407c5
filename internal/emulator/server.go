// Package emulator is an in-memory, net/http fake of the Databricks account
// OAuth2 REST APIs that the provider manages: account and service principal
// federation policies, custom and published OAuth app integrations, the
// published-apps catalog and service principal secrets (account paths and
// the workspace proxy paths), plus GET /.well-known/databricks-config.
//
// It behaves as the real API does where the provider depends on it:
// Databricks-shaped errors, server-side validation, opaque pagination,
// PATCH/update_mask semantics and create-only secrets. All state sits behind one mutex, so an Emulator can
// serve parallel tests. Tests drive it through the real SDK (NewTestServer)
// and reach behind the API with the out-of-band methods (CustomApps,
// UpdateCustomApp, ...) to create drift, inject faults or read the request
// log. The demo subpackage runs it as a standalone process with an admin
// surface under /_emulator/.
package emulator

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Defaults for Options.
const (
	DefaultAccountID   = "00000000-0000-0000-0000-000000000001"
	DefaultToken       = "dapi-emulator"
	DefaultWorkspaceID = "1234567890"
)

// Values for Options.HostType.
const (
	HostTypeAccount   = "account"
	HostTypeWorkspace = "workspace"
	HostTypeNone      = "none"
)

// maxBody bounds request bodies; the real API has a similar limit.
const maxBody = 10 << 20

// Options configures an Emulator. The zero value is a seeded account host.
type Options struct {
	AccountID   string // default DefaultAccountID
	Token       string // default DefaultToken; the only accepted bearer token
	WorkspaceID string // default DefaultWorkspaceID
	PageSize    int    // largest page any list serves, even if the client asks for more; 0 = 100
	Clock       Clock  // nil = real time
	NoSeed      bool   // start with no catalog, no integrations and no service principals
	// HostType decides what GET /.well-known/databricks-config answers:
	// "account" (default) account metadata with account_id; "workspace"
	// workspace metadata with workspace_id (and no account_id unless
	// WorkspaceMetadataAccountID), and then the account API paths are not served,
	// only the proxy; "none" 404.
	HostType string
	// ClockOffset moves the emulator's clock (create_time, update_time and the
	// Date header of every answer) by this much from Clock, to play a server
	// whose clock is off.
	ClockOffset time.Duration
	// WrongAccountStatus is the answer to an account path whose account id is not
	// AccountID, which the real service does not document: 404 (default,
	// RESOURCE_DOES_NOT_EXIST with a message about the account), 403
	// (PERMISSION_DENIED) or 401 (UNAUTHENTICATED).
	WrongAccountStatus int
	// Variants choose the answers to what no recording of the real service
	// decides (see variants.go); the zero value is the emulator's default guess.
	Variants
}

// Emulator is the fake API server; it implements http.Handler.
type Emulator struct {
	opts  Options
	clock Clock

	mu         sync.Mutex // guards everything below
	seq        uint64
	customApps map[string]*rec[CustomApp]
	catalog    map[string]*rec[PublishedApp]
	published  map[string]*rec[PublishedIntegration]
	policies   map[policyKey]*rec[FederationPolicy]
	secrets    map[string]*rec[Secret]
	sps        map[int64]bool
	issued     []string // every secret value handed out (see IssuedSecrets)

	log            []*Request
	faults         []*faultState
	latMin, latMax time.Duration
	failRate       float64
	failStatus     int
	rng            *rand.Rand
}

// New returns an Emulator. It panics on an unknown Options.HostType or an unknown
// value of a Variants enumeration.
func New(opts Options) *Emulator {
	if opts.AccountID == "" {
		opts.AccountID = DefaultAccountID
	}
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.WorkspaceID == "" {
		opts.WorkspaceID = DefaultWorkspaceID
	}
	if opts.PageSize <= 0 {
		opts.PageSize = defaultPageSize
	}
	opts.HostType = strings.ToLower(opts.HostType)
	switch opts.HostType {
	case "":
		opts.HostType = HostTypeAccount
	case HostTypeAccount, HostTypeWorkspace, HostTypeNone:
	default:
		panic(fmt.Sprintf("emulator: unknown HostType %q (want account, workspace or none)", opts.HostType))
	}
	var err error
	if opts.Variants, err = opts.normalized(); err != nil {
		panic("emulator: " + err.Error())
	}
	e := &Emulator{
		opts:       opts,
		clock:      opts.Clock,
		customApps: map[string]*rec[CustomApp]{},
		catalog:    map[string]*rec[PublishedApp]{},
		published:  map[string]*rec[PublishedIntegration]{},
		policies:   map[policyKey]*rec[FederationPolicy]{},
		secrets:    map[string]*rec[Secret]{},
		sps:        map[int64]bool{},
		// Fixed seed: random latency/failures repeat from run to run.
		rng: rand.New(rand.NewPCG(1, 2)),
	}
	if e.clock == nil {
		e.clock = realClock{}
	}
	if opts.ClockOffset != 0 {
		e.clock = offsetClock{e.clock, opts.ClockOffset}
	}
	switch opts.WrongAccountStatus {
	case 0, http.StatusNotFound, http.StatusForbidden, http.StatusUnauthorized:
	default:
		panic(fmt.Sprintf("emulator: WrongAccountStatus %d (want 404, 403 or 401)", opts.WrongAccountStatus))
	}
	if !opts.NoSeed {
		e.seed()
	}
	return e
}

// NewTestServer starts an httptest server for a new Emulator and closes it
// when the test ends.
func NewTestServer(t testing.TB, opts Options) (*Emulator, *httptest.Server) {
	t.Helper()
	e := New(opts)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return e, srv
}

// AccountID is the only account id the emulator answers for.
func (e *Emulator) AccountID() string { return e.opts.AccountID }

// Token is the bearer token the emulator accepts.
func (e *Emulator) Token() string { return e.opts.Token }

// WorkspaceID is the workspace id reported by workspace host metadata.
func (e *Emulator) WorkspaceID() string { return e.opts.WorkspaceID }

// Clock is the emulator's clock.
func (e *Emulator) Clock() Clock { return e.clock }

// Request is one entry of the request log.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
	Header http.Header // Authorization is redacted
	Status int         // status answered; 0 while the request is in flight
	Time   time.Time   // arrival, by the emulator's clock
}

func (r Request) clone() Request {
	r.Query = cloneValues(r.Query)
	r.Body = bytes.Clone(r.Body)
	r.Header = r.Header.Clone()
	return r
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	return url.Values(http.Header(v).Clone())
}

// Requests returns the log in arrival order, including rejected and faulted
// requests and the unauthenticated well-known lookups; admin calls are not
// logged.
func (e *Emulator) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Request, len(e.log))
	for i, r := range e.log {
		out[i] = r.clone()
	}
	return out
}

// MutatingRequests returns the logged POST, PATCH, PUT and DELETE requests.
func (e *Emulator) MutatingRequests() []Request {
	var out []Request
	for _, r := range e.Requests() {
		switch r.Method {
		case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
			out = append(out, r)
		}
	}
	return out
}

// IssuedSecrets returns every secret value the API has handed out so far, deleted
// secrets included: service principal secrets and the client secrets of confidential
// custom apps, in order. Tests use it to check that no value leaks into a log.
func (e *Emulator) IssuedSecrets() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.issued...)
}

// ResetLog empties the request log.
func (e *Emulator) ResetLog() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = nil
}

// Fault makes matching requests fail or misbehave.
type Fault struct {
	Method      string        // "" = any
	PathPattern string        // regexp on r.URL.Path; "" = any API path (not the well-known endpoint)
	Times       int           // matching requests affected: 0 = 1, -1 = forever
	Status      int           // status to answer, e.g. 429, 503, 500; 0 with RawBody/EmptyBody = 200
	ErrorCode   string        // default derived from Status
	RetryAfter  string        // Retry-After header value, if set
	ApplyFirst  bool          // perform the request, then answer the fault instead of the real response
	RawBody     string        // answer this body verbatim (malformed-response tests)
	EmptyBody   bool          // answer an empty body (RawBody "" cannot say that)
	ContentType string        // for RawBody; default text/html
	Message     string        // message of the JSON error; default names the fault
	Latency     time.Duration // extra delay; a Fault with only Latency just slows requests down
	// DropConnection closes the connection without any answer (with ApplyFirst, after
	// performing the request): the client sees a network error, not a status.
	DropConnection bool
	// Hook, if set, runs when the fault takes effect, before the request is performed
	// or answered and without the emulator's lock: for a test that needs something to
	// happen during a request, such as another client's change. Not settable through
	// the admin surface.
	Hook func()
}

func (f Fault) answers() bool {
	return f.Status != 0 || f.RawBody != "" || f.EmptyBody || f.DropConnection
}

type faultState struct {
	Fault
	re        *regexp.Regexp
	remaining int // -1 = forever
}

// InjectFault adds a fault. It panics if PathPattern is not a valid regexp.
func (e *Emulator) InjectFault(f Fault) {
	fs := &faultState{Fault: f, remaining: f.Times}
	if f.PathPattern != "" {
		fs.re = regexp.MustCompile(f.PathPattern)
	}
	if fs.remaining == 0 {
		fs.remaining = 1
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = append(e.faults, fs)
}

// ClearFaults removes all injected faults and turns off random failures.
// Latency set with SetLatency stays (reset it with SetLatency(0, 0)).
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
	e.failRate, e.failStatus = 0, 0
}

// SetLatency adds a uniformly random delay in [min, max] to every request.
func (e *Emulator) SetLatency(lo, hi time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.latMin, e.latMax = lo, max(lo, hi)
}

// SetRandomFailure answers the given fraction of API requests with status
// (default 503) without performing them. The random source has a fixed seed.
func (e *Emulator) SetRandomFailure(rate float64, status int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	e.failRate, e.failStatus = rate, status
}

// takeFault consumes one use of the first fault matching the request.
func (e *Emulator) takeFault(method, path string, wellKnown bool) *Fault {
	for i, f := range e.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, method) {
			continue
		}
		// An any-path fault must not be eaten by the SDK's metadata lookup.
		if (f.re == nil && wellKnown) || (f.re != nil && !f.re.MatchString(path)) {
			continue
		}
		if f.remaining > 0 {
			f.remaining--
			if f.remaining == 0 {
				e.faults = append(e.faults[:i:i], e.faults[i+1:]...)
			}
		}
		out := f.Fault
		return &out
	}
	return nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
	w.ResponseWriter.WriteHeader(s)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP serves the API, the well-known metadata and the /_emulator/ admin
// surface.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.serveAdmin(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	hdr := r.Header.Clone()
	if hdr.Get("Authorization") != "" {
		hdr.Set("Authorization", "REDACTED")
	}
	entry := &Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body, Header: hdr, Time: e.clock.Now()}
	// The Date header comes from the emulator's clock (net/http would use this
	// machine's), so that a skewed server clock shows in it as in a real one.
	w.Header().Set("Date", e.clock.Now().UTC().Format(http.TimeFormat))
	sw := &statusWriter{ResponseWriter: w}
	e.mu.Lock()
	e.log = append(e.log, entry) // logged on arrival to keep arrival order
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		entry.Status = sw.status
		e.mu.Unlock()
	}()
	e.serve(sw, r, body)
}

func (e *Emulator) serve(w http.ResponseWriter, r *http.Request, body []byte) {
	wellKnown := r.URL.Path == "/.well-known/databricks-config"
	if !wellKnown && !e.authorized(r) {
		writeError(w, &apiError{http.StatusUnauthorized, codeUnauthn,
			"Invalid access token. Send 'Authorization: Bearer <token>' with the emulator's token."})
		return
	}

	e.mu.Lock()
	f := e.takeFault(r.Method, r.URL.Path, wellKnown)
	delay := e.latMin
	if e.latMax > e.latMin {
		delay += time.Duration(e.rng.Int64N(int64(e.latMax - e.latMin + 1)))
	}
	randomFail := 0
	if !wellKnown && e.failRate > 0 && e.rng.Float64() < e.failRate {
		randomFail = e.failStatus
	}
	e.mu.Unlock()

	if f != nil {
		delay += f.Latency
		if f.Hook != nil {
			f.Hook()
		}
	}
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if randomFail != 0 {
		writeError(w, &apiError{randomFail, defaultErrorCode(randomFail), "emulator: random failure"})
		return
	}
	if f != nil && f.answers() && !f.ApplyFirst {
		writeFault(w, f)
		return
	}

	status, out := e.dispatch(r, body, wellKnown)
	if f != nil && f.answers() {
		writeFault(w, f) // ApplyFirst: the change happened, the client hears otherwise
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func (e *Emulator) authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && tok != "" && tok == e.opts.Token
}

func writeFault(w http.ResponseWriter, f *Fault) {
	if f.DropConnection {
		if hj, ok := unwrapHijacker(w); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // net/http closes the connection without answering
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	if f.RawBody != "" || f.EmptyBody {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, f.RawBody)
		return
	}
	code := f.ErrorCode
	if code == "" {
		code = defaultErrorCode(status)
	}
	msg := f.Message
	if msg == "" {
		msg = fmt.Sprintf("emulator: injected fault (HTTP %d)", status)
	}
	writeError(w, &apiError{status, code, msg})
}

// unwrapHijacker finds the http.Hijacker under the emulator's response writer wrapper.
func unwrapHijacker(w http.ResponseWriter) (http.Hijacker, bool) {
	if sw, ok := w.(*statusWriter); ok {
		w = sw.ResponseWriter
	}
	hj, ok := w.(http.Hijacker)
	return hj, ok
}
