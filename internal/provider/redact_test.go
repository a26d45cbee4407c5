package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/client"
)

// Secrets in the shapes the SDK's dumps and error messages take beyond plain JSON.
func TestRedact_escapedAndTruncated(t *testing.T) {
	for in, secret := range map[string]string{
		// JSON quoted inside a string (an error message quoting a body).
		`message: "bad body {\"client_secret\":\"Xy12-_!abc\",\"name\":\"a\"}"`: "Xy12-_!abc",
		`{\"secret\": \"plainvalue42\"}`:                                        "plainvalue42",
		// Cut short: a truncated body ends inside the value.
		`< {"id":"1","secret":"zz9ww8vv7`: "zz9ww8vv7",
		// Indented dump with an escaped quote inside the value.
		"<   \"password\": \"p\\\"ss\\\"word\",": `ss\"word`,
	} {
		out := client.Redact(in)
		if strings.Contains(out, secret) || !strings.Contains(out, "REDACTED") {
			t.Errorf("client.Redact(%q) = %q, still holds %q", in, out, secret)
		}
	}
	// Other fields stay readable.
	if got := client.Redact(`{\"name\":\"app\",\"secret_hash\":\"abc\"}`); got != `{\"name\":\"app\",\"secret_hash\":\"abc\"}` {
		t.Errorf("Redact changed fields without secrets: %q", got)
	}
}

// A Databricks secret value never survives Redact, whatever text surrounds it and in
// whichever of the shapes it reaches the log.
func FuzzRedact(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {`{"id":"1",`, `,"status":"ACTIVE"}`}, {`"token":"`, `"`}, {`\`, `\"`},
		{"< ", "... (12 more bytes)"}, {"Authorization: Bearer ", ""}, {`{"a":"\"`, `}`}, {"x", "y"},
	} {
		f.Add(seed[0], seed[1])
	}
	const value = "dose0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	shapes := []string{
		`"secret":"%s"`, `"secret": "%s"`, `\"secret\":\"%s\"`, `"client_secret":"%s"`,
		`client_secret=%s`, `Bearer %s`, ` %s `, `"secret":"%s`, `: "%s",`,
	}
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		for _, shape := range shapes {
			in := prefix + strings.Replace(shape, "%s", value, 1) + suffix
			out := client.Redact(in)
			if strings.Contains(out, value) || strings.Contains(out, value[:16]) {
				t.Fatalf("client.Redact(%q) = %q leaks the value", in, out)
			}
		}
	})
}

// Every attribute that holds a secret is sensitive, nested attributes included, in
// every schema: names ending in secret, token or password (but not secret_hash or
// a *_id).
func TestSecretAttributesAreSensitive_nested(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("1.2.3")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]*tfprotov6.Schema{"provider": resp.Provider}
	for n, s := range resp.ResourceSchemas {
		all[n] = s
	}
	for n, s := range resp.EphemeralResourceSchemas {
		all["ephemeral."+n] = s
	}
	for n, s := range resp.DataSourceSchemas {
		all["data."+n] = s
	}
	secretName := regexp.MustCompile(`(^|_)(secret|token|password)$`)
	found := 0
	var walk func(where string, attrs []*tfprotov6.SchemaAttribute, sensitiveParent bool)
	walk = func(where string, attrs []*tfprotov6.SchemaAttribute, sensitiveParent bool) {
		for _, a := range attrs {
			if secretName.MatchString(a.Name) {
				found++
				if !a.Sensitive && !sensitiveParent {
					t.Errorf("%s.%s holds a secret but is not sensitive", where, a.Name)
				}
			}
			if a.NestedType != nil {
				walk(where+"."+a.Name, a.NestedType.Attributes, sensitiveParent || a.Sensitive)
			}
		}
	}
	for name, s := range all {
		walk(name, s.Block.Attributes, false)
	}
	// provider token, client_secret, azure_client_secret; custom app client_secret;
	// secret resource and ephemeral secret.
	if found < 6 {
		t.Fatalf("found %d secret attributes, want at least 6: the name pattern misses some", found)
	}
}
