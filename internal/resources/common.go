package resources

import "regexp"

// absoluteURL is a URL with a scheme and something after it.
var absoluteURL = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s]+$`)
