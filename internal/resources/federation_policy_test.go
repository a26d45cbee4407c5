package resources

import "testing"

func TestNewFederationPolicyID(t *testing.T) {
	a, b := newFederationPolicyID(), newFederationPolicyID()
	if !federationPolicyIDRe.MatchString(a) || len(a) != 19 || a == b {
		t.Errorf("ids %q, %q", a, b)
	}
}
