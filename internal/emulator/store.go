package emulator

import (
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Identity of the (single, fake) admin user that creates objects through the API.
const (
	DefaultCreatedBy       int64 = 4200000000000001
	DefaultCreatorUsername       = "admin@example.com"
	// DefaultAbsoluteSessionLifetimeMinutes is what the emulator reports for
	// absolute_session_lifetime_in_minutes when single-use refresh tokens are on
	// and the caller did not choose a value, mirroring the real API, which
	// returns a value the caller never set.
	DefaultAbsoluteSessionLifetimeMinutes = 129600
)

// DefaultServicePrincipals are the SCIM ids of the service principals seeded
// unless Options.NoSeed is set.
var DefaultServicePrincipals = []int64{1001, 1002, 1003}

// DefaultEnabledApps are the published apps whose integration exists in every
// new account (integration_id == app_id unless Variants.DefaultApps says
// otherwise), seeded unless Options.NoSeed is set.
var DefaultEnabledApps = []string{"databricks-cli", "power-bi", "tableau-desktop", "databricks-dbt-adapter"}

// TokenAccessPolicy is the token_access_policy object of custom and published
// integrations. Zero means "not set" (the API omits it).
type TokenAccessPolicy struct {
	AccessTokenTTLInMinutes          int  `json:"access_token_ttl_in_minutes,omitempty"`
	RefreshTokenTTLInMinutes         int  `json:"refresh_token_ttl_in_minutes,omitempty"`
	EnableSingleUseRefreshTokens     bool `json:"enable_single_use_refresh_tokens,omitempty"`
	AbsoluteSessionLifetimeInMinutes int  `json:"absolute_session_lifetime_in_minutes,omitempty"`
}

// CustomApp is a stored custom OAuth app integration.
type CustomApp struct {
	IntegrationID        string
	ClientID             string
	ClientSecret         string // only for confidential apps; the API returns it from create only
	Name                 string
	Confidential         bool
	RedirectURLs         []string
	Scopes               []string
	UserAuthorizedScopes []string
	TokenAccessPolicy    *TokenAccessPolicy
	CreateTime           time.Time
	CreatedBy            int64
	CreatorUsername      string
}

// PublishedApp is an entry of the read-only published-apps catalog.
type PublishedApp struct {
	AppID        string
	ClientID     string
	Name         string
	Description  string
	RedirectURLs []string
	Scopes       []string
}

// PublishedIntegration is an enabled published app (published-app-integrations).
type PublishedIntegration struct {
	IntegrationID     string
	AppID             string
	Name              string
	TokenAccessPolicy *TokenAccessPolicy
	CreateTime        time.Time
	CreatedBy         int64 // 0 for the integrations enabled by default
}

// OIDCPolicy is the oidc_policy object of a federation policy.
type OIDCPolicy struct {
	Issuer       string   `json:"issuer,omitempty"`
	Audiences    []string `json:"audiences,omitempty"`
	Subject      string   `json:"subject,omitempty"`
	SubjectClaim string   `json:"subject_claim,omitempty"`
	JwksURI      string   `json:"jwks_uri,omitempty"`
	JwksJSON     string   `json:"jwks_json,omitempty"`
}

// FederationPolicy is an account (ServicePrincipalID 0) or service principal
// federation policy.
type FederationPolicy struct {
	PolicyID           string
	UID                string
	Name               string
	Description        string
	ServicePrincipalID int64
	OIDCPolicy         *OIDCPolicy
	CreateTime         time.Time
	UpdateTime         time.Time
}

// Secret is a service principal OAuth secret. Secret holds the plaintext value,
// which the API returns from create only.
type Secret struct {
	ID                 string
	Secret             string
	SecretHash         string
	Status             string
	ServicePrincipalID int64
	CreateTime         time.Time
	UpdateTime         time.Time
	ExpireTime         time.Time
}

// rec wraps a stored object with its creation sequence number, which gives
// lists their stable creation order and page tokens their resume point.
type rec[T any] struct {
	seq uint64
	v   T
}

// putRec stores v under id: a new record at the end of the list order, or the stored
// record's value replaced in place (it keeps its list position). Callers hold e.mu.
func putRec[K comparable, T any](e *Emulator, m map[K]*rec[T], id K, v T) {
	if r, ok := m[id]; ok {
		r.v = v
		return
	}
	m[id] = &rec[T]{e.nextSeq(), v}
}

// updateRec applies fn to the value stored under id, then restore (which puts back
// what fn may not change, e.g. the id) and stores a clone, so that fn's slices are not
// shared with the caller. Callers hold e.mu.
func updateRec[K comparable, T interface{ clone() T }](m map[K]*rec[T], id K, fn func(*T), restore func(*T)) bool {
	r, ok := m[id]
	if !ok {
		return false
	}
	fn(&r.v)
	restore(&r.v)
	r.v = r.v.clone()
	return true
}

type policyKey struct {
	sp int64 // 0 = account policy
	id string
}

func (p *TokenAccessPolicy) clone() *TokenAccessPolicy {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func (p *OIDCPolicy) clone() *OIDCPolicy {
	if p == nil {
		return nil
	}
	c := *p
	c.Audiences = slices.Clone(p.Audiences)
	return &c
}

func (a CustomApp) clone() CustomApp {
	a.RedirectURLs = slices.Clone(a.RedirectURLs)
	a.Scopes = slices.Clone(a.Scopes)
	a.UserAuthorizedScopes = slices.Clone(a.UserAuthorizedScopes)
	a.TokenAccessPolicy = a.TokenAccessPolicy.clone()
	return a
}

func (a PublishedApp) clone() PublishedApp {
	a.RedirectURLs = slices.Clone(a.RedirectURLs)
	a.Scopes = slices.Clone(a.Scopes)
	return a
}

func (p PublishedIntegration) clone() PublishedIntegration {
	p.TokenAccessPolicy = p.TokenAccessPolicy.clone()
	return p
}

func (p FederationPolicy) clone() FederationPolicy {
	p.OIDCPolicy = p.OIDCPolicy.clone()
	return p
}

func (s Secret) clone() Secret { return s }

// sortedRecs returns the records of m that pass keep, in creation order.
func sortedRecs[K comparable, T any](m map[K]*rec[T], keep func(*T) bool) []*rec[T] {
	out := make([]*rec[T], 0, len(m))
	for _, r := range m {
		if keep == nil || keep(&r.v) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func recSeq[T any](r *rec[T]) uint64 { return r.seq }

// values copies the records' objects out with clone, so callers never alias
// stored slices.
func values[T any](rs []*rec[T], clone func(T) T) []T {
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = clone(r.v)
	}
	return out
}

// nextSeq must be called with e.mu held.
func (e *Emulator) nextSeq() uint64 {
	e.seq++
	return e.seq
}

// now returns the clock's time truncated to milliseconds, the precision the
// API prints, so stored and served times agree.
func (e *Emulator) now() time.Time { return e.clock.Now().UTC().Truncate(time.Millisecond) }

func (e *Emulator) seed() {
	for _, a := range seedCatalog() {
		e.catalog[a.AppID] = &rec[PublishedApp]{e.nextSeq(), a}
	}
	now := e.now()
	for _, app := range DefaultEnabledApps {
		id := e.opts.defaultIntegrationID(app)
		if id == "" {
			continue
		}
		e.published[id] = &rec[PublishedIntegration]{e.nextSeq(), PublishedIntegration{
			IntegrationID: id, AppID: app, Name: e.catalog[app].v.Name, CreateTime: now,
		}}
	}
	for _, sp := range DefaultServicePrincipals {
		e.sps[sp] = true
	}
}

// seedCatalog is a realistic published-apps catalog: first-party tools and
// partner apps, all public clients.
func seedCatalog() []PublishedApp {
	local := []string{"http://localhost:8020"}
	allAPIs := []string{"all-apis", "offline_access"}
	sql := []string{"sql", "offline_access"}
	return []PublishedApp{
		{"databricks-cli", "databricks-cli", "Databricks CLI", "Databricks command-line interface", local, allAPIs},
		{"power-bi", "power-bi", "Power BI Desktop", "Microsoft Power BI Desktop connector for Databricks SQL",
			[]string{"https://login.microsoftonline.com/common/oauth2/nativeclient", "https://oauth.powerbi.com/views/oauthredirect.html"}, sql},
		{"tableau-desktop", "tableau-desktop", "Tableau Desktop", "Tableau Desktop connector for Databricks SQL",
			[]string{"http://localhost:55555/Callback"}, sql},
		{"databricks-dbt-adapter", "databricks-dbt-adapter", "dbt adapter for Databricks", "dbt-databricks adapter used by dbt Core", local, allAPIs},
		{"databricks-sql-connector-python", "databricks-sql-connector-python", "Databricks SQL Connector for Python", "Python DB API 2.0 connector for Databricks SQL", local, sql},
		{"databricks-vscode", "databricks-vscode", "Databricks extension for Visual Studio Code", "Databricks extension for Visual Studio Code", local, allAPIs},
		{"databricks-jdbc", "databricks-jdbc", "Databricks JDBC Driver", "JDBC driver for Databricks SQL", local, sql},
		{"databricks-odbc", "databricks-odbc", "Databricks ODBC Driver", "ODBC driver for Databricks SQL", local, sql},
		{"dbt-cloud", "dbt-cloud", "dbt Cloud", "dbt Cloud partner integration",
			[]string{"https://cloud.getdbt.com/complete/databricks"}, sql},
	}
}

// ---- Out-of-band access. These bypass the API (no validation, no request
// log) so tests can create drift or inspect state. The fn callbacks run with
// the emulator locked: they must not call back into the Emulator.

// CustomApps returns every custom app integration in creation order.
func (e *Emulator) CustomApps() []CustomApp {
	e.mu.Lock()
	defer e.mu.Unlock()
	return values(sortedRecs(e.customApps, nil), CustomApp.clone)
}

// CustomApp returns one custom app integration.
func (e *Emulator) CustomApp(id string) (CustomApp, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.customApps[id]
	if !ok {
		return CustomApp{}, false
	}
	return r.v.clone(), true
}

// PutCustomApp inserts or replaces a custom app integration. An empty
// IntegrationID gets a fresh UUID, an empty ClientID copies IntegrationID and a
// zero CreateTime becomes now. A replaced app keeps its list position.
func (e *Emulator) PutCustomApp(a CustomApp) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if a.IntegrationID == "" {
		a.IntegrationID = uuid.NewString()
	}
	if a.ClientID == "" {
		a.ClientID = a.IntegrationID
	}
	if a.CreateTime.IsZero() {
		a.CreateTime = e.now()
	}
	putRec(e, e.customApps, a.IntegrationID, a.clone())
}

// UpdateCustomApp applies fn to the stored app; the IntegrationID cannot change.
func (e *Emulator) UpdateCustomApp(id string, fn func(*CustomApp)) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return updateRec(e.customApps, id, fn, func(a *CustomApp) { a.IntegrationID = id })
}

// DeleteCustomApp removes a custom app integration.
func (e *Emulator) DeleteCustomApp(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.customApps[id]
	delete(e.customApps, id)
	return ok
}

// PublishedApps returns the catalog in order.
func (e *Emulator) PublishedApps() []PublishedApp {
	e.mu.Lock()
	defer e.mu.Unlock()
	return values(sortedRecs(e.catalog, nil), PublishedApp.clone)
}

// AddPublishedApp inserts or replaces a catalog entry (by AppID).
func (e *Emulator) AddPublishedApp(a PublishedApp) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a = a.clone()
	if r, ok := e.catalog[a.AppID]; ok {
		r.v = a
		return
	}
	e.catalog[a.AppID] = &rec[PublishedApp]{e.nextSeq(), a}
}

// PublishedIntegrations returns the enabled published apps in creation order.
func (e *Emulator) PublishedIntegrations() []PublishedIntegration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return values(sortedRecs(e.published, nil), PublishedIntegration.clone)
}

// PublishedIntegration returns one published app integration.
func (e *Emulator) PublishedIntegration(id string) (PublishedIntegration, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.published[id]
	if !ok {
		return PublishedIntegration{}, false
	}
	return r.v.clone(), true
}

// PutPublishedIntegration inserts or replaces a published app integration. An
// empty IntegrationID uses AppID; an empty Name is copied from the catalog.
func (e *Emulator) PutPublishedIntegration(p PublishedIntegration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p.IntegrationID == "" {
		p.IntegrationID = p.AppID
	}
	if c, ok := e.catalog[p.AppID]; ok && p.Name == "" {
		p.Name = c.v.Name
	}
	if p.CreateTime.IsZero() {
		p.CreateTime = e.now()
	}
	putRec(e, e.published, p.IntegrationID, p.clone())
}

// UpdatePublishedIntegration applies fn to the stored integration; the
// IntegrationID cannot change.
func (e *Emulator) UpdatePublishedIntegration(id string, fn func(*PublishedIntegration)) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return updateRec(e.published, id, fn, func(p *PublishedIntegration) { p.IntegrationID = id })
}

// DeletePublishedIntegration removes a published app integration.
func (e *Emulator) DeletePublishedIntegration(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.published[id]
	delete(e.published, id)
	return ok
}

func (e *Emulator) policiesOf(sp int64) []FederationPolicy {
	e.mu.Lock()
	defer e.mu.Unlock()
	rs := sortedRecs(e.policies, func(p *FederationPolicy) bool { return p.ServicePrincipalID == sp })
	return values(rs, FederationPolicy.clone)
}

func (e *Emulator) policy(sp int64, id string) (FederationPolicy, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.policies[policyKey{sp, id}]
	if !ok {
		return FederationPolicy{}, false
	}
	return r.v.clone(), true
}

func (e *Emulator) updatePolicy(sp int64, id string, fn func(*FederationPolicy)) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return updateRec(e.policies, policyKey{sp, id}, fn, func(p *FederationPolicy) {
		p.PolicyID, p.ServicePrincipalID = id, sp
	})
}

func (e *Emulator) deletePolicy(sp int64, id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	k := policyKey{sp, id}
	_, ok := e.policies[k]
	delete(e.policies, k)
	return ok
}

// AccountPolicies returns the account federation policies in creation order.
func (e *Emulator) AccountPolicies() []FederationPolicy { return e.policiesOf(0) }

// AccountPolicy returns one account federation policy.
func (e *Emulator) AccountPolicy(id string) (FederationPolicy, bool) { return e.policy(0, id) }

// UpdateAccountPolicy applies fn to a stored account policy (PolicyID and
// ServicePrincipalID cannot change).
func (e *Emulator) UpdateAccountPolicy(id string, fn func(*FederationPolicy)) bool {
	return e.updatePolicy(0, id, fn)
}

// DeleteAccountPolicy removes an account federation policy.
func (e *Emulator) DeleteAccountPolicy(id string) bool { return e.deletePolicy(0, id) }

// ServicePrincipalPolicies returns one service principal's federation policies.
func (e *Emulator) ServicePrincipalPolicies(sp int64) []FederationPolicy { return e.policiesOf(sp) }

// ServicePrincipalPolicy returns one service principal federation policy.
func (e *Emulator) ServicePrincipalPolicy(sp int64, id string) (FederationPolicy, bool) {
	return e.policy(sp, id)
}

// UpdateServicePrincipalPolicy applies fn to a stored service principal policy.
func (e *Emulator) UpdateServicePrincipalPolicy(sp int64, id string, fn func(*FederationPolicy)) bool {
	return e.updatePolicy(sp, id, fn)
}

// DeleteServicePrincipalPolicy removes a service principal federation policy.
func (e *Emulator) DeleteServicePrincipalPolicy(sp int64, id string) bool {
	return e.deletePolicy(sp, id)
}

// AddServicePrincipal makes a service principal id known, so its policy and
// secret endpoints answer instead of 404.
func (e *Emulator) AddServicePrincipal(id int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sps[id] = true
}

// DeleteServicePrincipal forgets a service principal with its policies and
// secrets, as deleting it in the account would.
func (e *Emulator) DeleteServicePrincipal(id int64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	ok := e.sps[id]
	delete(e.sps, id)
	maps.DeleteFunc(e.policies, func(k policyKey, _ *rec[FederationPolicy]) bool { return k.sp == id })
	maps.DeleteFunc(e.secrets, func(_ string, r *rec[Secret]) bool { return r.v.ServicePrincipalID == id })
	return ok
}

// ServicePrincipals returns the known service principal ids, ascending.
func (e *Emulator) ServicePrincipals() []int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Sorted(maps.Keys(e.sps))
}

// Secrets returns all of a service principal's secrets, expired ones included,
// in creation order.
func (e *Emulator) Secrets(sp int64) []Secret {
	e.mu.Lock()
	defer e.mu.Unlock()
	rs := sortedRecs(e.secrets, func(s *Secret) bool { return s.ServicePrincipalID == sp })
	return values(rs, Secret.clone)
}

// DeleteSecret removes a secret.
func (e *Emulator) DeleteSecret(sp int64, id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.secrets[id]
	if !ok || r.v.ServicePrincipalID != sp {
		return false
	}
	delete(e.secrets, id)
	return true
}

// UpdateSecret applies fn to a stored secret (ID and ServicePrincipalID cannot
// change), e.g. to move its ExpireTime.
func (e *Emulator) UpdateSecret(sp int64, id string, fn func(*Secret)) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.secrets[id]
	if !ok || r.v.ServicePrincipalID != sp {
		return false
	}
	fn(&r.v)
	r.v.ID, r.v.ServicePrincipalID = id, sp
	return true
}
