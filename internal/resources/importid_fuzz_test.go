package resources

import (
	"strings"
	"testing"
)

// Import ids come straight from the user: any string must parse or fail with an
// error, never panic, and what parses must name a real principal and a child id that
// formats back to an id that parses to the same.
func FuzzParseServicePrincipalChildID(f *testing.F) {
	for _, seed := range []string{
		"1001/my-policy", "42/0a1b2c3d", "1001/a/b", "my-policy", "/x", "1001/", "abc/x", "0/x", "-5/x",
		"1001/ x", "", "+7/x", "007/x", "9223372036854775807/x", "9223372036854775808/x", "1/\x00", "1/é", "1\n/x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		sp, child, err := ParseServicePrincipalChildID(id)
		if err != nil {
			if sp != 0 || child != "" {
				t.Fatalf("%q: error %v with values %d, %q", id, err, sp, child)
			}
			if !strings.Contains(err.Error(), "service principal") && !strings.Contains(err.Error(), "object id") &&
				!strings.Contains(err.Error(), "'/'") {
				t.Fatalf("%q: error %q does not say what is wrong", id, err)
			}
			return
		}
		if sp <= 0 || child == "" || strings.TrimSpace(child) != child {
			t.Fatalf("%q parsed to %d, %q", id, sp, child)
		}
		sp2, child2, err := ParseServicePrincipalChildID(ServicePrincipalChildID(sp, child))
		if err != nil || sp2 != sp || child2 != child {
			t.Fatalf("%q: round trip gave %d, %q, %v", id, sp2, child2, err)
		}
	})
}
