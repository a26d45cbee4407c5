package resources

import (
	"testing"
	"time"
)

func TestServerWindowContains(t *testing.T) {
	from := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	w := serverWindow{from: from, to: from.Add(2 * time.Second), calibrated: true}
	for in, want := range map[string]bool{
		"2024-05-01T12:00:01.000Z":       true,
		"2024-05-01T12:00:00Z":           true,
		"2024-05-01T12:00:02Z":           true,
		"2024-05-01T11:59:59.999Z":       false,
		"2024-05-01T12:00:02.001Z":       false,
		"2024-05-01T14:00:01+02:00":      true, // another zone, same instant
		"":                               false,
		"yesterday":                      false,
		"2024-05-01 12:00:01":            false,
		"2024-05-01T12:00:01.123456789Z": true,
	} {
		if got := w.contains(in); got != want {
			t.Errorf("contains(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSameStrings(t *testing.T) {
	for _, c := range []struct {
		a, b []string
		want bool
	}{
		{nil, nil, true}, {nil, []string{}, true}, {[]string{"a", "b"}, []string{"b", "a"}, true},
		{[]string{"a", "a"}, []string{"a", "b"}, false}, {[]string{"a"}, []string{"a", "a"}, false},
		{[]string{"a", "b", "a"}, []string{"a", "a", "b"}, true},
	} {
		if got := sameStrings(c.a, c.b); got != c.want {
			t.Errorf("sameStrings(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestSameJSON(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{`{"keys":[{"kid":"a","kty":"RSA"}]}`, `{ "keys" : [ { "kty":"RSA", "kid":"a" } ] }`, true},
		{`{"keys":[{"kid":"a"}]}`, `{"keys":[{"kid":"b"}]}`, false},
		{``, ``, true},
		{`not json`, `not json`, true},
		{`not json`, `{}`, false},
	} {
		if got := sameJSON(c.a, c.b); got != c.want {
			t.Errorf("sameJSON(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
