package validators

import (
	"fmt"
	"strings"
)

// KnownScopes are the OAuth scopes the API documents for custom app integrations.
// The service adds granular scopes over time, so a scope not listed here is not an
// error: only one a letter or two away from a known scope is worth a warning.
var KnownScopes = []string{"all-apis", "sql", "offline_access", "openid", "profile", "email"}

// ScopeTypoWarning returns the warning for a scope that is probably a misspelt known
// scope, such as `all-api` or `offline_acess`: the service accepts it, and the app then
// silently lacks what the scope grants (without offline_access, refresh tokens). It is
// a warning, never an error. The summary names the scope, so that Terraform does not
// fold the warnings of two typos into one.
func ScopeTypoWarning(scope string) (summary, detail string, ok bool) {
	known, ok := LikelyMeant(scope)
	if !ok {
		return "", "", false
	}
	grants := fmt.Sprintf("what %q grants", known)
	if known == "offline_access" {
		grants = "refresh tokens (offline_access)"
	}
	return fmt.Sprintf("Possible typo in OAuth scope %q", scope),
		fmt.Sprintf("%q is not a known scope: did you mean %q? The service accepts any scope, so this is not an "+
			"error, but the app then does not get %s. The known scopes are %s. Ignore this warning if %q is "+
			"meant as it is: the service keeps adding granular scopes.",
			scope, known, grants, strings.Join(KnownScopes, ", "), scope), true
}

// LikelyMeant returns the known scope that scope is probably a misspelling of: not a
// known scope itself, but within an edit distance of 2 of one (1 for the three-letter
// `sql`, so that other short scopes stay silent), letter case ignored. Transposed
// letters count as one edit.
func LikelyMeant(scope string) (string, bool) {
	best, bestDist := "", 3
	for _, k := range KnownScopes {
		if scope == k {
			return "", false
		}
		limit := 2
		if len(k) <= 4 {
			limit = 1
		}
		if d := editDistance(strings.ToLower(scope), k); d <= limit && d < bestDist {
			best, bestDist = k, d
		}
	}
	return best, best != ""
}

// editDistance is the optimal string alignment distance between a and b: insertions,
// deletions, substitutions and transpositions of adjacent characters, one each.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
