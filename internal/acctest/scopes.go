package acctest

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// FederationScope is one of the two scopes a federation policy lives in: the
// account (SP 0) or the service principal SP. The federation policy tests of the
// resources and of the data sources are tables over both (ForEachFederationScope).
type FederationScope struct {
	Name string // "account" or "service_principal", the subtest name
	SP   int64
}

// ForEachFederationScope runs test once per scope, as subtests named after the
// scope, each with its own target (New(t, modify...)); the service principal scope
// is the target's service principal. t runs in parallel with other tests, as
// resource.ParallelTest would run it: a test that only groups parallel subtests
// would otherwise hold back every parallel test until its subtests are done.
func ForEachFederationScope(t *testing.T, test func(t *testing.T, tg *Target, s FederationScope), modify ...func(*emulator.Options)) {
	t.Helper()
	t.Parallel()
	for _, name := range []string{"account", "service_principal"} {
		t.Run(name, func(t *testing.T) {
			tg := New(t, modify...)
			s := FederationScope{Name: name}
			if name == "service_principal" {
				s.SP = tg.ServicePrincipalID
			}
			test(t, tg, s)
		})
	}
}

// ResourceType is the scope's resource type, also the name of its single-policy
// data source.
func (s FederationScope) ResourceType() string {
	if s.SP == 0 {
		return "databricksoauth_account_federation_policy"
	}
	return "databricksoauth_service_principal_federation_policy"
}

// ListDataSource is the scope's list data source.
func (s FederationScope) ListDataSource() string {
	if s.SP == 0 {
		return "databricksoauth_account_federation_policies"
	}
	return "databricksoauth_service_principal_federation_policies"
}

// ID is the resource id, and the import id, of the scope's policy policyID.
func (s FederationScope) ID(policyID string) string {
	if s.SP == 0 {
		return policyID
	}
	return fmt.Sprintf("%d/%s", s.SP, policyID)
}

// Policies returns the scope's policies on the emulator.
func (s FederationScope) Policies(e *emulator.Emulator) []emulator.FederationPolicy {
	if s.SP == 0 {
		return e.AccountPolicies()
	}
	return e.ServicePrincipalPolicies(s.SP)
}

// Policy returns the scope's policy id on the emulator.
func (s FederationScope) Policy(e *emulator.Emulator, id string) (emulator.FederationPolicy, bool) {
	if s.SP == 0 {
		return e.AccountPolicy(id)
	}
	return e.ServicePrincipalPolicy(s.SP, id)
}

// UpdatePolicy changes the scope's policy id on the emulator, out of band.
func (s FederationScope) UpdatePolicy(e *emulator.Emulator, id string, fn func(*emulator.FederationPolicy)) {
	if s.SP == 0 {
		e.UpdateAccountPolicy(id, fn)
		return
	}
	e.UpdateServicePrincipalPolicy(s.SP, id, fn)
}

// DeletePolicy deletes the scope's policy id on the emulator, out of band.
func (s FederationScope) DeletePolicy(e *emulator.Emulator, id string) {
	if s.SP == 0 {
		e.DeleteAccountPolicy(id)
		return
	}
	e.DeleteServicePrincipalPolicy(s.SP, id)
}

// Destroyed is the CheckDestroy of a test of the scope: no policy of the scope left.
func (s FederationScope) Destroyed(tg *Target) resource.TestCheckFunc {
	return tg.ServerHoldsNone("federation policies of the "+s.Name, func(e *emulator.Emulator) int { return len(s.Policies(e)) })
}
