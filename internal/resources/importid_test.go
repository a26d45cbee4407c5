package resources

import (
	"strings"
	"testing"
)

func TestParseServicePrincipalChildID(t *testing.T) {
	for _, tc := range []struct {
		in    string
		sp    int64
		child string
		ok    bool
	}{
		{"1001/my-policy", 1001, "my-policy", true},
		{"42/0a1b2c3d", 42, "0a1b2c3d", true},
		{"1001/a/b", 1001, "a/b", true},                 // only the first '/' separates (the child is checked by each type)
		{"1003,gitlab-main", 1003, "gitlab-main", true}, // the official provider's form
		{"my-policy", 0, "", false},
		{"/my-policy", 0, "", false},
		{"1001/", 0, "", false},
		{"abc/my-policy", 0, "", false},
		{"0/my-policy", 0, "", false},
		{"-5/my-policy", 0, "", false},
		{"1001/ x", 0, "", false},
		{"", 0, "", false},
	} {
		sp, child, err := ParseServicePrincipalChildID(tc.in)
		if (err == nil) != tc.ok || sp != tc.sp || child != tc.child {
			t.Errorf("ParseServicePrincipalChildID(%q) = %d, %q, %v; want %d, %q, ok=%v", tc.in, sp, child, err, tc.sp, tc.child, tc.ok)
		}
		if tc.ok && !strings.Contains(tc.in, ",") {
			if got := ServicePrincipalChildID(sp, child); got != tc.in {
				t.Errorf("round trip of %q gave %q", tc.in, got)
			}
		}
	}
}
