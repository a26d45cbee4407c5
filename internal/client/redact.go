package client

import (
	"regexp"
	"strings"
)

// The one redaction table, for the SDK's log lines and for every diagnostic (through
// Describe): values that must never reach a log line or an error message.
//
// Each pattern comes with hints: substrings that every match contains, so that the
// regexp (slow: about 0.1 ms for a typical request dump) only runs on text that can
// match.
var secretPatterns = []struct {
	re       *regexp.Regexp
	hints    []string
	foldCase bool // compare the hints case-insensitively
}{
	// JSON fields holding secrets, in compact or indented dumps, also when cut short
	// (a truncated body: the value then runs to the end of the text).
	{regexp.MustCompile(`("(?:client_secret|secret|token|access_token|refresh_token|id_token|password)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)`),
		[]string{`secret"`, `token"`, `password"`}, false},
	// The same with escaped quotes: JSON quoted inside a string, e.g. an error message.
	{regexp.MustCompile(`(\\"(?:client_secret|secret|token|access_token|refresh_token|id_token|password)\\"\s*:\s*)\\"(?:[^"\\]|\\[^"])*(?:\\"|$)`),
		[]string{`secret\"`, `token\"`, `password\"`}, false},
	// Authorization headers and form bodies.
	{regexp.MustCompile(`((?i:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+`), []string{"bearer", "basic"}, true},
	{regexp.MustCompile(`((?:client_secret|access_token)=)[^&\s]+`), []string{"client_secret=", "access_token="}, false},
	// The same names unquoted, as in prose, YAML or a proxy's page: `password: x`,
	// `client_secret = x`. Names such as secret_hash do not match.
	{regexp.MustCompile(`(?i)(\b(?:client_secret|secret|password|access_token|refresh_token|id_token)\s*[:=]\s*)[^\s"',&;<>}]+`),
		[]string{"secret", "password", "token"}, true},
	// Databricks OAuth secret values and PATs wherever they appear.
	{regexp.MustCompile(`()\b(?:dose|dapi)[0-9a-zA-Z-]{4,}`), []string{"dose", "dapi"}, false},
}

// Redact masks every secret-looking value in s.
func Redact(s string) string {
	for _, p := range secretPatterns {
		if containsAny(s, p.hints, p.foldCase) {
			s = p.re.ReplaceAllString(s, `${1}"**REDACTED**"`)
		}
	}
	return s
}

func containsAny(s string, subs []string, foldCase bool) bool {
	for _, sub := range subs {
		if foldCase && containsFold(s, sub) || !foldCase && strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII string sub, ignoring
// ASCII case (what (?i:...) matches for ASCII patterns).
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
