package link

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// stripeDomain is the registrable domain of every Stripe host.
const stripeDomain = "stripe.com"

// Near is how a host that is not a payment host relates to Stripe's
// payment hosts, for links whose path is shaped like a payment link's (see
// SlugPath): a typo away from one, or another host of stripe.com.
type Near struct {
	// Meant is the payment host the link most likely meant: the nearest
	// of StripeHosts.
	Meant string
	// Owner is the registrable domain of the host: who really owns it.
	Owner string
	// Stripe is set for a host of stripe.com that serves no payment link
	// (bux.stripe.com, docs.stripe.com).
	Stripe bool
}

// NearStripe reports whether host (lower-case ASCII, not one of
// StripeHosts) reads like a Stripe payment host: within two edits of one
// (buy-stripe.com, buy.strlpe.com, bux.stripe.com), on a registrable
// domain within two edits of stripe.com (buy.stripe.co, strike.com), or on
// stripe.com itself. Such a host with a slug for path is a payment link
// mistyped or planted; it is never one to allow with --allow-domain.
func NearStripe(host string) (Near, bool) {
	host = strings.TrimSuffix(host, ".")
	if host == "" || len(host) > 64 || IsStripeHost(host) {
		return Near{}, false
	}
	meant, d := nearestStripeHost(host)
	owner, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		owner = host
	}
	switch {
	case owner == stripeDomain:
		return Near{Meant: meant, Owner: owner, Stripe: true}, true
	case d <= 2 || Distance(owner, stripeDomain) <= 2:
		return Near{Meant: meant, Owner: owner}, true
	}
	return Near{}, false
}

// nearestStripeHost is the payment host nearest to host, and how many
// edits away; the first of StripeHosts (buy.stripe.com) on a tie.
func nearestStripeHost(host string) (string, int) {
	best, dist := StripeHosts[0], Distance(host, StripeHosts[0])
	for _, h := range StripeHosts[1:] {
		if d := Distance(host, h); d < dist {
			best, dist = h, d
		}
	}
	return best, dist
}

// SlugPath reports whether tail (what follows the host: path, query,
// fragment) has a payment link's path (/SLUG, or /b/SLUG as on a custom
// domain): a slug is "test_" and letters and digits, or ten or more ASCII letters and digits, not all of them lower-case
// letters (Stripe's slugs are random; /development on docs.stripe.com is
// a word).
func SlugPath(tail string) bool {
	if i := strings.IndexAny(tail, "?#"); i >= 0 {
		tail = tail[:i]
	}
	seg, ok := strings.CutPrefix(tail, "/")
	if !ok {
		return false
	}
	seg = strings.TrimPrefix(seg, "b/") // a custom domain's /b/SLUG
	seg = strings.TrimSuffix(seg, "/")
	if rest, test := strings.CutPrefix(seg, "test_"); test {
		return rest != "" && isAlnum(rest)
	}
	return len(seg) >= 10 && isAlnum(seg) && strings.IndexFunc(seg, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
