package client

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	cases := map[string]string{
		`{"client_secret": "abc123", "name": "x"}`:                          "abc123",
		`{"secret":"dose0123456789abcdef","id":"1"}`:                        "dose0123456789abcdef",
		`> * Authorization: Bearer dapi-secret-token`:                       "dapi-secret-token",
		`grant_type=client_credentials&client_secret=s3cr3t`:                "s3cr3t",
		`value dose99aa88bb77cc66 in text`:                                  "dose99aa88bb77cc66",
		`bad request: client_secret=hunter2hunter2 password: pw-Secret-123`: "pw-Secret-123",
		`<pre>client_secret: zzTopSecretValue42</pre>`:                      "zzTopSecretValue42",
		`Password = Tr0ub4dor&3`:                                            "Tr0ub4dor",
	}
	for in, secret := range cases {
		out := Redact(in)
		if strings.Contains(out, secret) {
			t.Errorf("Redact(%q) = %q still contains %q", in, out, secret)
		}
		if !strings.Contains(out, "REDACTED") {
			t.Errorf("Redact(%q) = %q has no REDACTED marker", in, out)
		}
	}
	for _, plain := range []string{`{"name":"plain"}`, `secret_hash: abc123`, `the secret is kept in state`} {
		if got := Redact(plain); got != plain {
			t.Errorf("Redact changed a value without secrets: %q -> %q", plain, got)
		}
	}
	if got := Redact(`{"name":"plain"}`); got != `{"name":"plain"}` {
		t.Errorf("Redact changed a value without secrets: %q", got)
	}
}

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		want   bool
	}{
		{"x Bearer y", "bearer", true}, {"BEARER", "bearer", true}, {"bear", "bearer", false},
		{"", "basic", false}, {"xxbasiC", "basic", true}, {"bas ic", "basic", false},
	} {
		if got := containsFold(c.s, c.sub); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v", c.s, c.sub, got)
		}
	}
}
