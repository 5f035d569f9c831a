package account

import (
	"net/url"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// Index holds an account's payment links by URL and by slug, so that
// checking a link is a map look-up: the API filters payment links only by
// active, so paylink lists them once per run instead of asking per link.
type Index struct {
	mode   Mode // the key's: it sees only links of its own mode
	byURL  map[string]*PaymentLink
	bySlug map[string]*PaymentLink
}

// NewIndex indexes links listed with a key of mode.
func NewIndex(links []PaymentLink, mode Mode) *Index {
	ix := &Index{mode: mode, byURL: map[string]*PaymentLink{}, bySlug: map[string]*PaymentLink{}}
	for i := range links {
		host, slug, ok := hostSlug(links[i].URL)
		if !ok {
			continue
		}
		ix.byURL[host+"/"+slug] = &links[i]
		ix.bySlug[slug] = &links[i]
	}
	return ix
}

// hostSlug is the lower-case host and the last path segment of a link URL
// from the API.
func hostSlug(raw string) (host, slug string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	path := strings.TrimRight(u.Path, "/")
	slug = path[strings.LastIndexByte(path, '/')+1:]
	return strings.ToLower(u.Hostname()), slug, slug != ""
}

// Lookup finds the account's link for l: by its URL, else by its slug,
// which is the same on every Stripe payment host (link.StripeHosts) and the account's
// custom domains.
func (ix *Index) Lookup(l *link.Link) (*PaymentLink, bool) {
	if pl, ok := ix.byURL[l.Host+"/"+l.Slug]; ok {
		return pl, true
	}
	pl, ok := ix.bySlug[l.Slug]
	return pl, ok
}

// Checkable reports whether a link of l's mode can be looked up with the
// index's key: a test key sees only test links, a live key live ones.
func (ix *Index) Checkable(l *link.Link) bool {
	return string(l.Mode) == string(ix.mode)
}

// Check returns the problems the account shows with l: deactivated (error);
// UTM codes on a link whose confirmation is not a redirect (warning); not in
// the account (warning); or, when l's mode is not the key's, that it could
// not be checked (warning) rather than that it is missing.
func (ix *Index) Check(l *link.Link) []*link.Problem {
	pl, found := ix.Lookup(l)
	switch {
	case !found && !ix.Checkable(l):
		return []*link.Problem{problem(link.RuleStripeNotCheckable, l,
			"not checkable: a "+string(l.Mode)+"-mode link, and the API key reads "+string(ix.mode)+"-mode data",
			"check it with a "+string(l.Mode)+"-mode key")}
	case !found:
		return []*link.Problem{problem(link.RuleStripeNotFound, l,
			"not found in this Stripe account (another account's link, or a mistyped slug)",
			"compare it with the link in the Dashboard")}
	case !pl.Active:
		return []*link.Problem{problem(link.RuleStripeInactive, l,
			"deactivated in the Stripe account ("+pl.ID+"): its page says the link is no longer available",
			"reactivate it in the Dashboard or replace the link")}
	case pl.Confirmation != ConfirmationRedirect && hasUTM(l):
		return []*link.Problem{problem(link.RuleStripeUTMNotPassed, l,
			"UTM codes are not passed on: the link's confirmation is "+confirmationName(pl.Confirmation)+", not a redirect",
			"run: paylink links update "+pl.ID+" --redirect URL")}
	}
	return nil
}

func problem(rule link.RuleID, l *link.Link, reason, fix string) *link.Problem {
	r, _ := link.LookupRule(rule)
	return &link.Problem{Rule: rule, Value: l.Raw, Severity: r.Severity(), Reason: reason, Fix: fix}
}

func confirmationName(c string) string {
	if c == ConfirmationHosted {
		return "Stripe's hosted page"
	}
	if c == "" {
		return "not given"
	}
	return c
}

// hasUTM reports whether l carries a UTM code.
func hasUTM(l *link.Link) bool {
	for _, p := range l.Query() {
		if strings.HasPrefix(p.Key, "utm_") {
			return true
		}
	}
	return false
}

// HoldsSessionID reports whether a redirect URL passes the Checkout
// Session's id on ({CHECKOUT_SESSION_ID}), which reconciling payments needs.
func HoldsSessionID(redirectURL string) bool {
	return strings.Contains(redirectURL, "{CHECKOUT_SESSION_ID}")
}

// Facts are what the account says about one link, for inspect.
type Facts struct {
	// Status is "found", "not_found", or "not_checkable" (the link's mode
	// is not the key's).
	Status       string `json:"status"`
	ID           string `json:"id,omitempty"`
	Active       bool   `json:"active"`
	Confirmation string `json:"confirmation,omitempty"`
	RedirectURL  string `json:"redirect_url,omitempty"`
	// SessionID is set when the redirect URL holds {CHECKOUT_SESSION_ID}.
	SessionID bool `json:"session_id_in_redirect"`
}

// Facts looks l up in the account.
func (ix *Index) Facts(l *link.Link) Facts {
	pl, found := ix.Lookup(l)
	switch {
	case !found && !ix.Checkable(l):
		return Facts{Status: "not_checkable"}
	case !found:
		return Facts{Status: "not_found"}
	}
	return Facts{
		Status: "found", ID: pl.ID, Active: pl.Active, Confirmation: pl.Confirmation,
		RedirectURL: pl.RedirectURL, SessionID: HoldsSessionID(pl.RedirectURL),
	}
}

// Mode is the mode of the key the links were listed with.
func (ix *Index) Mode() Mode { return ix.mode }
