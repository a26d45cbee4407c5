package emulator

import (
	"encoding/base64"
	"hash/crc32"
	"net/url"
	"strconv"
	"strings"
)

// defaultPageSize is the API's documented default and the published-apps cap.
const defaultPageSize = 100

// Page tokens are opaque to clients but simply encode the list they belong to
// and the creation sequence number of the last item served. Resuming "after
// seq N" keeps pages stable when items are created or deleted between calls,
// which an offset would not.
const tokenPrefix = "emu1:"

func encodePageToken(scope string, seq uint64) string {
	body := tokenPrefix + scope + ":" + strconv.FormatUint(seq, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(body + ":" + checksum(body)))
}

// checksum makes edited tokens fail like garbage instead of resuming elsewhere.
func checksum(s string) string { return strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(s))), 36) }

func decodePageToken(tok, scope string) (uint64, *apiError) {
	bad := errInvalid("Invalid page_token: '%s'", tok)
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, bad
	}
	i := strings.LastIndexByte(string(raw), ':')
	if i < 0 || checksum(string(raw[:i])) != string(raw[i+1:]) {
		return 0, bad
	}
	s, ok := strings.CutPrefix(string(raw[:i]), tokenPrefix+scope+":")
	if !ok {
		return 0, bad
	}
	seq, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, bad
	}
	return seq, nil
}

// pageSize resolves the page_size query parameter. limit is the largest page
// the emulator serves (Options.PageSize, or 100): larger requests are clamped
// rather than rejected, which clients must cope with anyway since only
// next_page_token signals the end.
func pageSize(q url.Values, limit int) (int, *apiError) {
	v := q.Get("page_size")
	if v == "" {
		return limit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errInvalid("Invalid page_size: '%s'", v)
	}
	if n == 0 || n > limit {
		return limit, nil
	}
	return n, nil
}

// pageLimit is how a list pages: at most max items a page, and with shortFirst
// (Variants.ShortFirstPage) one less on the first page.
type pageLimit struct {
	max        int
	shortFirst bool
}

func (e *Emulator) pageLimit(largest int) pageLimit {
	return pageLimit{max: largest, shortFirst: e.opts.ShortFirstPage}
}

// paginate returns one page of items (sorted by seq ascending) and the token
// for the next page, or "" on the last page so SDK iterators stop.
func paginate[T any](q url.Values, scope string, limit pageLimit, items []T, seqOf func(T) uint64) ([]T, string, *apiError) {
	size, aerr := pageSize(q, limit.max)
	if aerr != nil {
		return nil, "", aerr
	}
	start := 0
	var after uint64
	tok := q.Get("page_token")
	if tok != "" {
		if after, aerr = decodePageToken(tok, scope); aerr != nil {
			return nil, "", aerr
		}
		for start < len(items) && seqOf(items[start]) <= after {
			start++
		}
	} else if limit.shortFirst {
		size-- // may be 0: an empty first page with a token is still not the end
	}
	end := min(start+size, len(items))
	page := items[start:end]
	next := ""
	if end < len(items) {
		if len(page) > 0 {
			after = seqOf(page[len(page)-1])
		}
		next = encodePageToken(scope, after)
	}
	return page, next, nil
}
