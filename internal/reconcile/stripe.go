package reconcile

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v85"

	"github.com/paylink/paylink/internal/account"
)

// StripeQuery says which Checkout Sessions to list from an account.
type StripeQuery struct {
	Since, Until time.Time // created at or after Since, at or before Until; zero for no bound
	// PaymentLinks, when not empty, lists only the sessions of these
	// Payment Links (plink_...), one listing each.
	PaymentLinks []string
}

// sessionPage is the most sessions Stripe returns in one page.
const sessionPage = 100

// ListStripeSessions lists the complete Checkout Sessions q names, page
// after page (account.List), calling fn with each (and where: "Stripe,
// Checkout Session ID") and progress with the count so far after each.
func ListStripeSessions(ctx context.Context, c *account.Client, q StripeQuery, fn func(*Session, string) error, progress func(n int)) error {
	links := q.PaymentLinks
	if len(links) == 0 {
		links = []string{""}
	}
	n := 0
	for _, pl := range links {
		params := &stripe.CheckoutSessionListParams{Status: stripe.String("complete")}
		params.Limit = stripe.Int64(sessionPage)
		if pl != "" {
			params.PaymentLink = stripe.String(pl)
		}
		if !q.Since.IsZero() || !q.Until.IsZero() {
			params.CreatedRange = &stripe.RangeQueryParams{}
			if !q.Since.IsZero() {
				params.CreatedRange.GreaterThanOrEqual = q.Since.Unix()
			}
			if !q.Until.IsZero() {
				params.CreatedRange.LesserThanOrEqual = q.Until.Unix()
			}
		}
		for cs, err := range account.List[stripe.CheckoutSession](ctx, c, "/v1/checkout/sessions", params, "listing checkout sessions") {
			if err != nil {
				return err
			}
			amount := cs.AmountTotal
			s, err := CheckSession(cs.ID, string(cs.Status), string(cs.PaymentStatus), &amount, string(cs.Currency), cs.ClientReferenceID)
			if err != nil {
				return &InputError{"Stripe", err.Error()}
			}
			if err := fn(s, "Stripe, Checkout Session "+cs.ID); err != nil {
				return err
			}
			if n++; progress != nil {
				progress(n)
			}
		}
	}
	return nil
}

// PaymentLinkIDs finds the Payment Links (plink_...) of the links' bases
// (each link without its query, as Collect kept them) among the account's
// links. It returns nil, and the bases it could not find, unless it finds
// them all: filtering by only some would miss the others' sessions.
func PaymentLinkIDs(ctx context.Context, c *account.Client, bases []string) (ids, missing []string, err error) {
	links, err := c.ListLinks(ctx, true, nil)
	if err != nil {
		return nil, nil, err
	}
	byURL := map[string]string{}
	for _, l := range links {
		byURL[l.URL] = l.ID
	}
	for _, b := range bases {
		if id, ok := byURL[b]; ok {
			ids = append(ids, id)
		} else {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		return nil, missing, nil
	}
	return ids, nil, nil
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
