package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/databricks/databricks-sdk-go"
	"github.com/databricks/databricks-sdk-go/apierr"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// newAccount starts an emulator and an SDK account client pointed at it.
func newAccount(t *testing.T, opts emulator.Options) (*emulator.Emulator, *httptest.Server, *databricks.AccountClient) {
	t.Helper()
	e, srv := emulator.NewTestServer(t, opts)
	a, err := databricks.NewAccountClient(accountConfig(srv.URL, e.AccountID(), e.Token()))
	if err != nil {
		t.Fatalf("NewAccountClient: %v", err)
	}
	return e, srv, a
}

func accountConfig(host, account, token string) *databricks.Config {
	return &databricks.Config{Host: host, AccountID: account, Token: token, AuthType: "pat",
		RetryTimeoutSeconds: 5, RateLimitPerSecond: 1000}
}

// do sends a raw request with the emulator's token and returns status and body.
func do(t *testing.T, srv *httptest.Server, token, method, path, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// doJSON is do with the default token, decoding a JSON object response.
func doJSON(t *testing.T, srv *httptest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, b := do(t, srv, emulator.DefaultToken, method, path, body)
	m := map[string]any{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s %s: response is not a JSON object: %q", method, path, b)
		}
	}
	return status, m
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr checks that err wraps the SDK sentinel target.
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error %v, got nil", target)
	}
	if !errors.Is(err, target) {
		t.Fatalf("want error %v, got %v (%T)", target, err, err)
	}
}

// wantErrMsg checks the sentinel and that the message contains substr.
func wantErrMsg(t *testing.T, err, target error, substr string) {
	t.Helper()
	wantErr(t, err, target)
	if !strings.Contains(err.Error(), substr) {
		t.Fatalf("error %q does not contain %q", err, substr)
	}
}

func wantKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("response %v lacks key %q", m, k)
		}
	}
}

func wantNoKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; ok {
			t.Errorf("response %v must not have key %q", m, k)
		}
	}
}

func wantAPIError(t *testing.T, status int, m map[string]any, wantStatus int, wantCode string) {
	t.Helper()
	if status != wantStatus || m["error_code"] != wantCode {
		t.Fatalf("want %d %s, got %d %v", wantStatus, wantCode, status, m)
	}
	if s, _ := m["message"].(string); s == "" {
		t.Fatalf("error without message: %v", m)
	}
}

var _ = apierr.ErrNotFound

// as returns v as a T, and fails the test when it is not one.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}
