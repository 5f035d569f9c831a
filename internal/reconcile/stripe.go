package reconcile

import (
	"fmt"
	"strings"
	"time"
)

// PaymentLinkIDs finds the Payment Links (plink_...) of the links' bases
// (each link without its query, as Collect kept them) in byURL, the
// account's links by URL. It returns nil, and the bases it could not find,
// unless it finds them all: filtering by only some would miss the others'
// sessions.
func PaymentLinkIDs(byURL map[string]string, bases []string) (ids, missing []string) {
	for _, b := range bases {
		if id, ok := byURL[b]; ok {
			ids = append(ids, id)
		} else {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		return nil, missing
	}
	return ids, nil
}

// maxBases is the most distinct payment links the index keeps for --stripe:
// beyond it, one listing per payment link costs more requests than one
// listing of all sessions.
const maxBases = 20

// CollectBases makes the index keep each link's base (the link without
// query and fragment), up to maxBases distinct ones, for Bases.
func (ix *Index) CollectBases() { ix.bases = map[string]struct{}{} }

// Bases are the distinct bases of the links read since CollectBases, or nil
// when there were more than maxBases.
func (ix *Index) Bases() []string {
	if ix.tooManyBases {
		return nil
	}
	out := make([]string, 0, len(ix.bases))
	for b := range ix.bases {
		out = append(out, b)
	}
	return out
}

func (ix *Index) addBase(raw string) {
	if ix.bases == nil || ix.tooManyBases {
		return
	}
	base, _, _ := strings.Cut(raw, "#")
	base, _, _ = strings.Cut(base, "?")
	if _, ok := ix.bases[base]; ok {
		return
	}
	if len(ix.bases) == maxBases {
		ix.tooManyBases = true
		return
	}
	ix.bases[strings.Clone(base)] = struct{}{}
}

// ParseTime reads a --since or --until value: a date (2026-03-01, the start
// of that day in UTC, or with end set its last second) or an RFC 3339 time.
func ParseTime(s string, end bool) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if end {
			t = t.Add(24*time.Hour - time.Second)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: not a date (2026-03-01) or an RFC 3339 time (2026-03-01T09:00:00Z, 2026-03-01T10:00:00+01:00)", s)
	}
	return t, nil
}
