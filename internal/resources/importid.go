package resources

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ServicePrincipalChildID formats the id of an object that lives under a service
// principal (a federation policy, an OAuth secret): `<service_principal_id>/<child_id>`.
func ServicePrincipalChildID(servicePrincipalID int64, childID string) string {
	return strconv.FormatInt(servicePrincipalID, 10) + "/" + childID
}

// ParseServicePrincipalChildID splits an id of the form `<service_principal_id>/<child_id>`
// (see ServicePrincipalChildID), as given to `terraform import`; the official
// provider's `<service_principal_id>,<child_id>` is accepted too. The service principal
// id must be a positive integer (the numeric SCIM id) and the child id non-empty. The
// error says what was wrong; callers add the expected form with their own child name
// (e.g. `<service_principal_id>/<policy_id>`).
func ParseServicePrincipalChildID(id string) (int64, string, error) {
	i := strings.IndexAny(id, "/,")
	if i < 0 {
		return 0, "", fmt.Errorf("%q has no '/' between the service principal id and the object id", id)
	}
	spPart, child := id[:i], id[i+1:]
	sp, err := strconv.ParseInt(spPart, 10, 64)
	if err != nil || sp <= 0 {
		return 0, "", fmt.Errorf("%q does not start with a service principal id (a positive integer), got %q", id, spPart)
	}
	if child == "" || strings.TrimSpace(child) != child {
		return 0, "", fmt.Errorf("%q has an empty or padded object id after the '/'", id)
	}
	return sp, child, nil
}

// Import ids are checked before anything is read, so that an id with a stray
// character (a query string, a path, white space) is never sent: the API might
// answer it for another object, and the state would then hold a wrong id.
var (
	// integrationIDRe: custom app integration ids are UUIDs; published ones are UUIDs
	// or, for apps enabled by default, the app id (e.g. `power-bi`).
	integrationIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
	// secretIDRe: secret ids are 64 hexadecimal digits; no more is assumed than a word.
	secretIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// checkImportID reports a bad import id for kind, or "" when re matches it.
func checkImportID(re *regexp.Regexp, id, kind, example string) string {
	if re.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("%q is not a valid %s: expected letters, digits, '-', '_' or '.', without spaces, slashes "+
		"or query strings, e.g. %s.", id, kind, example)
}
