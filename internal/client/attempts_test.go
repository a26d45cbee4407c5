package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/databricks/databricks-sdk-go/config"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// scripted answers the account's secret create with the given answers in turn (the
// last one repeats); every other request gets 404.
func scripted(t *testing.T, answers ...func(w http.ResponseWriter)) (*client.Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/credentials/secrets") {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		i := int(n.Add(1)) - 1
		answers[min(i, len(answers)-1)](w)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(&config.Config{Host: srv.URL, AccountID: "acc", Token: "t", AuthType: "pat",
		RetryTimeoutSeconds: 30, RateLimitPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

func status(code int, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

const okSecret = `{"id":"abc","secret":"dose0123456789abcdef0123456789abcdef","create_time":"2024-01-01T00:00:00Z"}`

func TestAttemptLog_seesTheSDKRetries(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the SDK's backoff (about 1 s)")
	}
	for name, c := range map[string]struct {
		first          func(w http.ResponseWriter)
		retriedAfterOK bool
	}{
		"503 then 200": {status(503, `{"error_code":"TEMPORARILY_UNAVAILABLE","message":"x"}`), true},
		"429 then 200": {status(429, `{"error_code":"TOO_MANY_REQUESTS","message":"x"}`), false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cl, n := scripted(t, c.first, status(200, okSecret))
			ctx, log := client.WithAttemptLog(context.Background(), http.MethodPost)
			if _, err := cl.CreateSecret(ctx, 7, ""); err != nil {
				t.Fatal(err)
			}
			as := log.Attempts()
			if len(as) != 2 || n.Load() != 2 || as[1].Status != 200 {
				t.Fatalf("attempts %+v (server saw %d), want 2 ending in 200", as, n.Load())
			}
			if got := log.RetriedAfterPossibleApply(); got != c.retriedAfterOK {
				t.Errorf("RetriedAfterPossibleApply = %v, want %v", got, c.retriedAfterOK)
			}
			from, to, ok := log.Window()
			if !ok || !from.Equal(as[0].Start) || !to.Equal(as[1].End) {
				t.Errorf("window %v..%v, want first start to last end", from, to)
			}
		})
	}
}

func TestAttemptLog_refusalsAndLostAnswers(t *testing.T) {
	for name, c := range map[string]struct {
		answer     func(w http.ResponseWriter)
		mayApplied bool
	}{
		"400 refused":   {status(400, `{"error_code":"INVALID_PARAMETER_VALUE","message":"bad"}`), false},
		"404 refused":   {status(404, `{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"no sp"}`), false},
		"500":           {status(500, `{"error_code":"INTERNAL_ERROR","message":"boom"}`), true},
		"truncated 200": {status(200, `{"id":"abc","secr`), true},
		"dropped, no answer": {func(w http.ResponseWriter) {
			hj, ok := w.(http.Hijacker)
			if !ok { // this runs in the server's goroutine: no t.Fatal here
				panic("the test server's ResponseWriter cannot be hijacked")
			}
			conn, _, _ := hj.Hijack()
			_ = conn.Close()
		}, true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cl, _ := scripted(t, c.answer)
			ctx, log := client.WithAttemptLog(context.Background(), http.MethodPost)
			if _, err := cl.CreateSecret(ctx, 7, ""); err == nil {
				t.Fatal("want an error")
			}
			if got := log.MayHaveBeenApplied(); got != c.mayApplied {
				t.Errorf("MayHaveBeenApplied = %v, want %v (attempts %+v)", got, c.mayApplied, log.Attempts())
			}
			if log.RetriedAfterPossibleApply() {
				t.Error("one attempt cannot be a retry")
			}
		})
	}
}

// Without WithAttemptLog nothing is recorded, and other methods are not recorded.
func TestAttemptLog_onlyTheNamedMethod(t *testing.T) {
	cl, _ := scripted(t, status(200, okSecret))
	ctx, log := client.WithAttemptLog(context.Background(), http.MethodDelete)
	if _, err := cl.CreateSecret(ctx, 7, ""); err != nil {
		t.Fatal(err)
	}
	if as := log.Attempts(); len(as) != 0 {
		t.Fatalf("recorded %+v for another method", as)
	}
	if _, _, ok := log.Window(); ok {
		t.Fatal("a window without attempts")
	}
	var nilLog *client.AttemptLog
	if nilLog.Attempts() != nil || nilLog.MayHaveBeenApplied() {
		t.Fatal("a nil log must be empty")
	}
}

// Describe never quotes a response body: the SDK's error for an unreadable answer
// carries the whole body, which may hold a secret.
func TestDescribe_keepsBodiesOut(t *testing.T) {
	const value = "dose0123456789abcdef0123456789abcdef"
	for name, c := range map[string]struct {
		answer func(w http.ResponseWriter)
		want   string
	}{
		"truncated JSON with a secret": {status(200, `{"id":"abc","secret":"`+value+`","status":"ACT`),
			"could not be read (unexpected end of JSON input)"},
		"HTML error page": {func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "<html><body>Bad gateway "+value+"</body></html>")
		}, "HTML page instead of the API's JSON (HTTP 502)"},
		"HTML 200 from a login page": {func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html><body>Sign in</body></html>")
		}, "HTML page instead of the API's JSON"},
		"error message quoting a secret": {status(400, `{"error_code":"INVALID_PARAMETER_VALUE","message":"bad body {\"secret\":\"`+value+`\"}"}`),
			"(HTTP 400, INVALID_PARAMETER_VALUE)"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cl, _ := scripted(t, c.answer)
			_, err := cl.CreateSecret(context.Background(), 7, "")
			if err == nil {
				t.Fatal("want an error")
			}
			got := client.Describe(err)
			if !strings.Contains(got, c.want) {
				t.Errorf("Describe = %q, want it to contain %q", got, c.want)
			}
			if strings.Contains(got, value) || strings.Contains(got, "0123456789abcdef0123") {
				t.Errorf("Describe quotes the secret: %q", got)
			}
		})
	}
}
