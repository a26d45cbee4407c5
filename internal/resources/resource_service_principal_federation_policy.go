package resources

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewServicePrincipalFederationPolicyResource is the factory registered with the
// provider for databricksoauth_service_principal_federation_policy. The
// implementation is shared with the account policy (federation_policy.go).
func NewServicePrincipalFederationPolicyResource() resource.Resource {
	return &federationPolicyResource{servicePrincipal: true}
}
