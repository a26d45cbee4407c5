package resources

import (
	"fmt"
	"strconv"
	"strings"
)

// ServicePrincipalChildID formats the id of an object that lives under a service
// principal (a federation policy, an OAuth secret): `<service_principal_id>/<child_id>`.
func ServicePrincipalChildID(servicePrincipalID int64, childID string) string {
	return strconv.FormatInt(servicePrincipalID, 10) + "/" + childID
}

// ParseServicePrincipalChildID splits an id of the form `<service_principal_id>/<child_id>`
// (see ServicePrincipalChildID), as given to `terraform import`. The service principal
// id must be a positive integer (the numeric SCIM id) and the child id non-empty. The
// error says what was wrong; callers add the expected form with their own child name
// (e.g. `<service_principal_id>/<policy_id>`).
func ParseServicePrincipalChildID(id string) (int64, string, error) {
	spPart, child, ok := strings.Cut(id, "/")
	if !ok {
		return 0, "", fmt.Errorf("%q has no '/' between the service principal id and the object id", id)
	}
	sp, err := strconv.ParseInt(spPart, 10, 64)
	if err != nil || sp <= 0 {
		return 0, "", fmt.Errorf("%q does not start with a service principal id (a positive integer), got %q", id, spPart)
	}
	if child == "" || strings.TrimSpace(child) != child {
		return 0, "", fmt.Errorf("%q has an empty or padded object id after the '/'", id)
	}
	return sp, child, nil
}
