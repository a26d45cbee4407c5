package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

const (
	// maxSecretLifetime is the API's default and maximum lifetime (730 days).
	maxSecretLifetime = 63072000 * time.Second
	// maxLiveSecrets is the per-service-principal limit on unexpired secrets.
	maxLiveSecrets = 5
)

// lifetimeRe accepts the protobuf duration form "3600s" (fraction allowed)
// and bare seconds "3600", which CLI docs show.
var lifetimeRe = regexp.MustCompile(`^[0-9]+(\.[0-9]{1,9})?s?$`)

type secretJSON struct {
	ID         string `json:"id"`
	Secret     string `json:"secret,omitempty"`
	SecretHash string `json:"secret_hash,omitempty"`
	Status     string `json:"status,omitempty"`
	CreateTime string `json:"create_time,omitempty"`
	UpdateTime string `json:"update_time,omitempty"`
	ExpireTime string `json:"expire_time,omitempty"`
}

func secretOut(s Secret, withValue bool) secretJSON {
	out := secretJSON{ID: s.ID, SecretHash: s.SecretHash, Status: s.Status,
		CreateTime: fmtTime(s.CreateTime), UpdateTime: fmtTime(s.UpdateTime)}
	if !s.ExpireTime.IsZero() {
		out.ExpireTime = fmtTime(s.ExpireTime)
	}
	if withValue {
		out.Secret = s.Secret
	}
	return out
}

func expired(s *Secret, now time.Time) bool {
	return !s.ExpireTime.IsZero() && !now.Before(s.ExpireTime)
}

func parseLifetime(v string) (time.Duration, *apiError) {
	if v == "" {
		return maxSecretLifetime, nil
	}
	if !lifetimeRe.MatchString(v) {
		return 0, errInvalid("Invalid lifetime '%s': expected a duration in seconds such as '3600s'", v)
	}
	d, err := time.ParseDuration(strings.TrimSuffix(v, "s") + "s")
	if err != nil || d <= 0 {
		return 0, errInvalid("Invalid lifetime '%s': must be a positive number of seconds", v)
	}
	if d > maxSecretLifetime {
		return 0, errInvalid("Invalid lifetime '%s': must be at most %ds (730 days)", v, int64(maxSecretLifetime/time.Second))
	}
	return d, nil
}

func (e *Emulator) createSecret(c *call) (any, *apiError) {
	var in struct {
		Lifetime string `json:"lifetime"`
	}
	if aerr := e.opts.checkFields(c.body, secretCreateFields); aerr != nil {
		return nil, aerr
	}
	if aerr := decodeBody(c.body, &in); aerr != nil {
		return nil, aerr
	}
	d, aerr := parseLifetime(in.Lifetime)
	if aerr != nil {
		return nil, aerr
	}
	now := e.now()
	live := 0
	for _, r := range e.secrets {
		if r.v.ServicePrincipalID == c.sp && !expired(&r.v, now) {
			live++
		}
	}
	if live >= maxLiveSecrets {
		// Deliberately not RESOURCE_EXHAUSTED: the SDK would retry that for minutes.
		return nil, errInvalid("Service principal %d already has the maximum of %d OAuth secrets; delete one before creating another", c.sp, maxLiveSecrets)
	}
	value := newSecretValue()
	sum := sha256.Sum256([]byte(value))
	s := Secret{
		ID: randomHex(32), Secret: value, SecretHash: hex.EncodeToString(sum[:]), Status: "ACTIVE",
		ServicePrincipalID: c.sp, CreateTime: now, UpdateTime: now, ExpireTime: now.Add(d),
	}
	e.secrets[s.ID] = &rec[Secret]{e.nextSeq(), s}
	e.issued = append(e.issued, value)
	return secretOut(s, true), nil
}

// listSecrets hides expired secrets, as the real service does in practice.
func (e *Emulator) listSecrets(c *call) (any, *apiError) {
	now := e.now()
	rs := sortedRecs(e.secrets, func(s *Secret) bool { return s.ServicePrincipalID == c.sp && !expired(s, now) })
	page, next, aerr := paginate(c.query, fmt.Sprintf("secrets:%d", c.sp), e.pageLimit(e.opts.PageSize), rs, recSeq)
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		Secrets       []secretJSON `json:"secrets,omitempty"`
		NextPageToken string       `json:"next_page_token,omitempty"`
	}{NextPageToken: next}
	for _, r := range page {
		out.Secrets = append(out.Secrets, secretOut(r.v, false))
	}
	return out, nil
}

// deleteSecret also removes an expired (already unlisted) secret.
func (e *Emulator) deleteSecret(c *call) (any, *apiError) {
	id := c.params["id"]
	r, ok := e.secrets[id]
	if !ok || r.v.ServicePrincipalID != c.sp {
		return nil, errNotFound("Secret '%s' does not exist for service principal %d", id, c.sp)
	}
	delete(e.secrets, id)
	return empty{}, nil
}
