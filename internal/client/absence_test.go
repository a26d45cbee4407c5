package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/databricks/databricks-sdk-go/config"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// emulated returns a client of an emulator, with the account id given ("" = the
// emulator's own).
func emulated(t *testing.T, accountID string, opts emulator.Options) (*client.Client, *emulator.Emulator) {
	t.Helper()
	e, srv := emulator.NewTestServer(t, opts)
	if accountID == "" {
		accountID = e.AccountID()
	}
	c, err := client.New(&config.Config{Host: srv.URL, AccountID: accountID, Token: e.Token(), AuthType: "pat",
		RetryTimeoutSeconds: 30, RateLimitPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return c, e
}

const appsPath = "/oauth2/custom-app-integrations"

func getApp(c *client.Client, id string) error {
	var out map[string]any
	return c.Do(context.Background(), http.MethodGet, c.AccountPath("%s/%s", appsPath, id), nil, nil, &out)
}

func listRequests(e *emulator.Emulator) int {
	n := 0
	for _, r := range e.Requests() {
		if r.Method == http.MethodGet && strings.HasSuffix(r.Path, appsPath) {
			n++
		}
	}
	return n
}

func TestGone_provenOnlyWhenTheCollectionAnswers(t *testing.T) {
	ctx := context.Background()
	c, e := emulated(t, "", emulator.Options{})
	err := getApp(c, "does-not-exist")
	if !client.ObjectNotFound(err) {
		t.Fatalf("want an object-level 404, got %v", err)
	}
	gone, gerr := c.Gone(ctx, err, c.AccountPath(appsPath))
	if !gone || gerr != nil {
		t.Fatalf("a real absence: gone=%v err=%v", gone, gerr)
	}
	// The proof is made once per collection and client.
	if gone, _ := c.Gone(ctx, getApp(c, "other"), c.AccountPath(appsPath)); !gone || listRequests(e) != 1 {
		t.Fatalf("gone=%v after %d listings, want one", gone, listRequests(e))
	}
}

func TestGone_wrongAccountIsNotProof(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden} {
		c, e := emulated(t, "00000000-0000-0000-0000-00000000dead", emulator.Options{WrongAccountStatus: status})
		err := getApp(c, "x")
		gone, gerr := c.Gone(context.Background(), err, c.AccountPath(appsPath))
		if gone {
			t.Fatalf("wrong account answered %d: taken as gone", status)
		}
		if status == http.StatusNotFound {
			var u *client.UnprovenAbsenceError
			if !errors.As(gerr, &u) || u.Proof == nil {
				t.Fatalf("want an unproven absence with a failed proof, got %v", gerr)
			}
			desc := client.Describe(gerr)
			for _, want := range []string{"`host`", "`account_id`", "00000000-0000-0000-0000-00000000dead", "state is left unchanged"} {
				if !strings.Contains(desc, want) {
					t.Errorf("description lacks %q:\n%s", want, desc)
				}
			}
			// Failed proofs are not cached: the next 404 tries again.
			_, _ = c.Gone(context.Background(), getApp(c, "y"), c.AccountPath(appsPath))
			if n := listRequests(e); n != 2 {
				t.Fatalf("%d proof listings, want 2", n)
			}
		} else if gerr == nil || client.IsMissing(gerr) {
			t.Fatalf("a 403 must stay an error of its own: %v", gerr)
		}
	}
}

func TestGone_404sThatAreNotAboutTheObject(t *testing.T) {
	for name, f := range map[string]emulator.Fault{
		"ENDPOINT_NOT_FOUND": {Status: 404, ErrorCode: "ENDPOINT_NOT_FOUND", Message: "No API found"},
		"FEATURE_DISABLED":   {Status: 404, ErrorCode: "FEATURE_DISABLED", Message: "OAuth is not enabled"},
		"HTML":               {Status: 404, RawBody: "<html><body>Not Found</body></html>"},
		"empty":              {Status: 404, EmptyBody: true},
		"no error code":      {Status: 404, ContentType: "application/json", RawBody: `{"message":"not here"}`},
	} {
		t.Run(name, func(t *testing.T) {
			c, e := emulated(t, "", emulator.Options{})
			f.Method, f.PathPattern, f.Times = http.MethodGet, appsPath+"/", 1
			e.InjectFault(f)
			err := getApp(c, "x")
			gone, gerr := c.Gone(context.Background(), err, c.AccountPath(appsPath))
			var u *client.UnprovenAbsenceError
			if gone || !errors.As(gerr, &u) {
				t.Fatalf("gone=%v err=%v", gone, gerr)
			}
			if listRequests(e) != 0 {
				t.Fatal("a 404 that is not about the object needs no proof")
			}
		})
	}
}

func TestGone_proofMustBeAJSONObject(t *testing.T) {
	for name, f := range map[string]emulator.Fault{
		"empty 200": {Status: 200, EmptyBody: true},
		"HTML 200":  {Status: 200, RawBody: "<html>login</html>"},
		"404":       {Status: 404, ErrorCode: "ENDPOINT_NOT_FOUND"},
	} {
		t.Run(name, func(t *testing.T) {
			c, e := emulated(t, "", emulator.Options{})
			f.Method, f.PathPattern, f.Times = http.MethodGet, appsPath+"$", 1
			e.InjectFault(f)
			gone, gerr := c.Gone(context.Background(), getApp(c, "x"), c.AccountPath(appsPath))
			if gone || gerr == nil {
				t.Fatalf("gone=%v err=%v", gone, gerr)
			}
		})
	}
}

func TestEmptyAnswerToAReadIsAnError(t *testing.T) {
	c, e := emulated(t, "", emulator.Options{})
	e.InjectFault(emulator.Fault{Method: http.MethodGet, PathPattern: `/credentials/secrets$`, Status: 200, EmptyBody: true})
	_, err := c.ListSecrets(context.Background(), emulator.DefaultServicePrincipals[0])
	if !errors.Is(err, client.ErrEmptyAnswer) {
		t.Fatalf("want ErrEmptyAnswer, got %v", err)
	}
	if d := client.Describe(err); !strings.Contains(d, "empty body") {
		t.Fatalf("description: %s", d)
	}
}

func TestServerClockOffsetFromDateHeaders(t *testing.T) {
	c, _ := emulated(t, "", emulator.Options{ClockOffset: 90 * time.Second})
	if err := getApp(c, "x"); !client.ObjectNotFound(err) {
		t.Fatal(err)
	}
	for range 5 { // each answer narrows the bounds
		_ = getApp(c, "x")
	}
	lo, hi, ok := c.ServerClockOffset()
	if !ok || lo > 90*time.Second || hi < 90*time.Second || hi-lo > 1100*time.Millisecond {
		t.Fatalf("offset in [%v, %v] (ok=%v), want bounds around 90s", lo, hi, ok)
	}
	if d := c.ServerNow().Sub(time.Now().Add(90 * time.Second)); d < -time.Second || d > time.Second {
		t.Fatalf("ServerNow is %v off the server's clock", d)
	}
}

// A create refused with a 404 for a wrong account names the settings to check; a
// conflict is left as the server said it.
func TestWithCreateHint(t *testing.T) {
	const wrong = "00000000-0000-0000-0000-000000000009"
	c, _ := emulated(t, wrong, emulator.Options{})
	var out map[string]any
	err := c.Do(context.Background(), http.MethodPost, c.AccountPath("%s", appsPath), nil, map[string]any{"name": "x"}, &out)
	if err == nil {
		t.Fatal("create in an unknown account succeeded")
	}
	hinted := c.WithCreateHint(err)
	msg := client.Describe(hinted)
	for _, want := range []string{"`account_id` (\"" + wrong + "\")", "`host`", "Nothing was created"} {
		if !strings.Contains(msg, want) {
			t.Errorf("hint %q lacks %q", msg, want)
		}
	}
	if !errors.Is(hinted, err) {
		t.Error("the hint hides the server's error")
	}
	conflict := errors.New("RESOURCE_ALREADY_EXISTS")
	if got := c.WithCreateHint(conflict); !errors.Is(got, conflict) || got.Error() != conflict.Error() {
		t.Errorf("a non-404 non-auth error was changed: %v", got)
	}
}
