package acctest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Checks that tests share: what the emulator holds, what it was sent, and what
// Terraform wrote. Each is a resource.TestCheckFunc, so that it serves as a step's
// Check and as a TestCase's CheckDestroy alike. "Since the last ResetLog" is the
// mark: a step's PreConfig calls tg.Emulator.ResetLog, its check reads the log.
// Against a real account (a nil emulator) the emulator's checks pass: there is
// nothing to read.

// ServerCheck runs check against the target's emulator. Against a real account
// there is no emulator to read, and it passes.
func (tg *Target) ServerCheck(check func(e *emulator.Emulator) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		return check(tg.Emulator)
	}
}

// ServerHoldsNone fails when count finds objects on the emulator: the CheckDestroy of
// a test whose objects must all be gone ("2 custom app integrations left").
func (tg *Target) ServerHoldsNone(what string, count func(e *emulator.Emulator) int) resource.TestCheckFunc {
	return tg.ServerCheck(func(e *emulator.Emulator) error {
		if n := count(e); n != 0 {
			return fmt.Errorf("%d %s left on the server", n, what)
		}
		return nil
	})
}

// NoMutatingRequests fails when e logged a POST, PATCH, PUT or DELETE since its last
// ResetLog, and names them. what says whose requests they are ("the move").
func NoMutatingRequests(e *emulator.Emulator, what string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		m := e.MutatingRequests()
		if len(m) == 0 {
			return nil
		}
		var b bytes.Buffer
		for _, r := range m {
			fmt.Fprintf(&b, "\n  %s %s %s", r.Method, r.Path, r.Body)
		}
		return fmt.Errorf("%s sent %d changes to the API:%s", what, len(m), b.String())
	}
}

// Requests returns the requests e logged since its last ResetLog whose method is
// method ("" for any) and whose path matches path.
func Requests(e *emulator.Emulator, method string, path *regexp.Regexp) []emulator.Request {
	var out []emulator.Request
	for _, r := range e.Requests() {
		if (method == "" || r.Method == method) && path.MatchString(r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// ExpectRequests fails unless e logged exactly n requests of method on paths matching
// path since its last ResetLog.
func ExpectRequests(e *emulator.Emulator, method string, path *regexp.Regexp, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		if got := len(Requests(e, method, path)); got != n {
			return fmt.Errorf("%d %s requests on %s, want %d", got, method, path, n)
		}
		return nil
	}
}

// ExpectUpdateMasks fails unless the PATCH requests e logged on paths matching path
// since its last ResetLog carried exactly the update masks want, in order (none for
// no PATCH at all).
func ExpectUpdateMasks(e *emulator.Emulator, path *regexp.Regexp, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		var got []string
		for _, r := range Requests(e, http.MethodPatch, path) {
			got = append(got, r.Query.Get("update_mask"))
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("PATCH update masks %q, want %q", got, want)
		}
		return nil
	}
}

// CaptureAttr stores attribute attr of the resource at addr after a step, for
// out-of-band changes in later steps ("id" is the resource's id).
func CaptureAttr(addr, attr string, dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		v, ok := rs.Primary.Attributes[attr]
		if !ok {
			return fmt.Errorf("%s has no attribute %s", addr, attr)
		}
		*dst = v
		return nil
	}
}

// SecretsNotInState fails when any attribute of any resource in state holds one of
// the values secrets returns, or when it returns none (nothing to look for is a test
// that cannot fail).
func SecretsNotInState(secrets func() []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		values := secrets()
		if len(values) == 0 {
			return fmt.Errorf("no secret value to look for")
		}
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				if slices.Contains(values, v) {
					return fmt.Errorf("a secret value is in state at %s.%s", addr, k)
				}
			}
		}
		return nil
	}
}

// SecretsNotOnDisk fails when a file below dir (state, saved plans, lock file, CLI
// configuration: whatever Terraform wrote in a test's working directory) holds one
// of the values secrets returns, or when it returns none.
func SecretsNotOnDisk(dir string, secrets func() []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		values := secrets()
		if len(values) == 0 {
			return fmt.Errorf("no secret value to look for")
		}
		hits, err := FilesContaining(dir, values)
		if err != nil {
			return err
		}
		if len(hits) != 0 {
			return fmt.Errorf("a secret value is on disk in %v", hits)
		}
		return nil
	}
}

// FilesContaining walks dir and returns the files whose content holds any of values.
// Zip archives (Terraform's saved plan files) are searched entry by entry, since
// their entries are compressed.
func FilesContaining(dir string, values []string) ([]string, error) {
	var hits []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		contents := [][]byte{b}
		if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			entries, err := zipEntries(b)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			contents = append(contents, entries...)
		}
		for _, c := range contents {
			for _, v := range values {
				if v != "" && bytes.Contains(c, []byte(v)) {
					hits = append(hits, p)
					return nil
				}
			}
		}
		return nil
	})
	return hits, err
}

func zipEntries(b []byte) ([][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		c, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ExpectAnswered fails unless, since its last ResetLog, e answered requests of method
// on paths matching path with each of statuses (in any order, among others): that
// is, unless the faults injected with those statuses were hit.
func ExpectAnswered(e *emulator.Emulator, method string, path *regexp.Regexp, statuses ...int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		var seen []int
		for _, r := range Requests(e, method, path) {
			seen = append(seen, r.Status)
		}
		for _, s := range statuses {
			if !slices.Contains(seen, s) {
				return fmt.Errorf("no %s on %s was answered %d (answers: %v): the fault was not hit", method, path, s, seen)
			}
		}
		return nil
	}
}

// ExpectWorkspaceProxy fails unless every request e logged for service principal
// secrets went through the workspace-level proxy API
// (/api/2.0/accounts/servicePrincipals/…, no account id in the path), and at least
// one of them was method on the secrets of sp (the collection, or one secret).
func ExpectWorkspaceProxy(e *emulator.Emulator, sp int64, method string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		want := fmt.Sprintf("%s/%d/credentials/secrets", workspaceProxyPrefix, sp)
		found := false
		for _, r := range e.Requests() {
			if strings.Contains(r.Path, "/credentials/secrets") && !strings.HasPrefix(r.Path, workspaceProxyPrefix+"/") {
				return fmt.Errorf("%s %s is not on the workspace proxy path", r.Method, r.Path)
			}
			found = found || (r.Method == method && (r.Path == want || strings.HasPrefix(r.Path, want+"/")))
		}
		if !found {
			return fmt.Errorf("no %s %s in the request log", method, want)
		}
		return nil
	}
}

const workspaceProxyPrefix = "/api/2.0/accounts/servicePrincipals"

// NoRequestPathContains fails when a path e logged contains s, e.g. an account id
// that a provider configured for a workspace must not send.
func NoRequestPathContains(e *emulator.Emulator, s string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e == nil {
			return nil // a real account: no request log to read
		}
		for _, r := range e.Requests() {
			if strings.Contains(r.Path, s) {
				return fmt.Errorf("a request holds %q: %s %s", s, r.Method, r.Path)
			}
		}
		return nil
	}
}
