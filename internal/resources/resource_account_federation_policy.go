package resources

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewAccountFederationPolicyResource is the factory registered with the provider for
// databricksoauth_account_federation_policy. The implementation is shared with the
// service principal policy (federation_policy.go).
func NewAccountFederationPolicyResource() resource.Resource {
	return &federationPolicyResource{servicePrincipal: false}
}
