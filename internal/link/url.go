package link

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// HostKind says whether a link is on Stripe's own host or a custom domain.
type HostKind string

const (
	HostStripe HostKind = "stripe"
	HostCustom HostKind = "custom"
)

// Mode is the Stripe mode a link belongs to.
type Mode string

const (
	ModeLive Mode = "live"
	ModeTest Mode = "test"
)

// Link is a parsed payment link. It keeps the raw text of every part, so a
// built link differs from the input only in the parameters being set.
type Link struct {
	Raw      string // the link, with surrounding white space trimmed
	Host     string // host name in lower case
	HostKind HostKind
	Slug     string // last path segment, e.g. "test_eVa5nPg1j1wmfXq5kr"
	Mode     Mode

	base     string // scheme, authority and path: everything before '?' or '#'
	query    string // raw query without its '?'
	hasQuery bool   // the link has a '?', even with an empty query
	fragment string // from '#' on, or ""
}

// Parse checks that raw is a payment link paylink may extend: absolute https,
// no user-info, no port, no control characters, on buy.stripe.com (one
// non-empty slug as path) or on one of the custom domains. Domains are
// compared without case.
func Parse(raw string, domains []string) (*Link, error) {
	s := strings.TrimSpace(raw)
	l := &Link{Raw: s}
	if err := checkText(s); err != nil {
		return nil, err
	}
	rest, ok := cutScheme(s)
	if !ok {
		return nil, linkErr(RuleLinkNotHTTPS, s, "not an absolute https URL", "payment links start with https://buy.stripe.com/")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if err := l.setHost(rest[:end], domains); err != nil {
		return nil, err
	}
	l.split(s)
	path := l.base[len(s)-len(rest)+end:]
	if err := l.setSlug(path); err != nil {
		return nil, err
	}
	if needsURLParse(s) {
		if _, err := url.Parse(s); err != nil {
			return nil, linkErr(RuleLinkMalformed, s, "not a valid URL ("+unwrapURLError(err)+")", "copy the link again from the Stripe Dashboard")
		}
	}
	return l, nil
}

// checkText refuses text that cannot be a link at all.
func checkText(s string) error {
	if s == "" {
		return linkErr(RuleLinkMalformed, s, "empty", "give a payment link such as https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr")
	}
	if !needsURLParse(s) {
		return nil // plain bytes only: ASCII, no space, no control character
	}
	if !utf8.ValidString(s) {
		return linkErr(RuleLinkMalformed, s, "not valid UTF-8", "copy the link again from the Stripe Dashboard")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == ' ' {
			return linkErr(RuleLinkMalformed, s, "contains a space or control character", "remove it or percent-encode it")
		}
	}
	return nil
}

func cutScheme(s string) (string, bool) {
	const scheme = "https://"
	if len(s) < len(scheme) || !strings.EqualFold(s[:len(scheme)], scheme) {
		return "", false
	}
	return s[len(scheme):], true
}

func (l *Link) setHost(authority string, domains []string) error {
	switch {
	case strings.Contains(authority, "@"):
		return linkErr(RuleLinkUserInfo, l.Raw, "has user-info before the host", "remove everything between https:// and '@'")
	case strings.Contains(authority, ":"):
		return linkErr(RuleLinkPort, l.Raw, "has a port", "payment links have no port; remove ':' and what follows it")
	case authority == "":
		return linkErr(RuleLinkMalformed, l.Raw, "has no host", "payment links start with https://buy.stripe.com/")
	}
	host := strings.ToLower(authority)
	if host == StripeHost {
		l.Host, l.HostKind = host, HostStripe
		return nil
	}
	for _, d := range domains {
		if strings.EqualFold(d, host) {
			l.Host, l.HostKind = host, HostCustom
			return nil
		}
	}
	if host == StripeHost+"." {
		return linkErr(RuleHostNotAllowed, l.Raw, "host "+quote(authority)+" ends with a '.'", "write the host as buy.stripe.com")
	}
	if strings.HasPrefix(host, StripeHost+".") {
		return linkErr(RuleLookalikeHost, l.Raw, "host "+quote(authority)+" is not buy.stripe.com nor an allowed custom domain but a lookalike, owned by whoever owns "+quote(host[len(StripeHost)+1:]),
			"never pay through it; copy the link again from the Stripe Dashboard")
	}
	return linkErr(RuleHostNotAllowed, l.Raw, "host "+quote(authority)+" is not buy.stripe.com nor an allowed custom domain",
		"use a buy.stripe.com link, or allow your own payment domain with --allow-domain or the config's domains")
}

// split cuts s into base, query and fragment. A '#' ends the query; a '?'
// after the '#' belongs to the fragment.
func (l *Link) split(s string) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s, l.fragment = s[:i], s[i:]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, l.query, l.hasQuery = s[:i], s[i+1:], true
	}
	l.base = s
}

func (l *Link) setSlug(path string) error {
	if l.HostKind == HostStripe {
		slug, ok := strings.CutPrefix(path, "/")
		if !ok || slug == "" || strings.Contains(slug, "/") {
			return linkErr(RuleLinkPath, l.Raw, "path "+quote(path)+" is not one payment-link slug", "a link on buy.stripe.com looks like https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr")
		}
		for i := 0; i < len(slug); i++ {
			if !utmByte[slug[i]] {
				return linkErr(RuleLinkPath, l.Raw, "slug "+quote(slug)+" has characters other than letters, digits, '-' and '_'", "copy the link again from the Stripe Dashboard")
			}
		}
		l.Slug = slug
	} else {
		trimmed := strings.TrimRight(path, "/")
		l.Slug = trimmed[strings.LastIndexByte(trimmed, '/')+1:]
		if l.Slug == "" {
			return linkErr(RuleLinkPath, l.Raw, "has no payment-link path", "a link on a custom domain looks like https://pay.example.com/b/eVa5nPg1j1wmfXq5kr")
		}
	}
	l.Mode = ModeLive
	if strings.HasPrefix(l.Slug, "test_") {
		l.Mode = ModeTest
	}
	return nil
}

// needsURLParse reports whether s has bytes whose validity only url.Parse
// can judge (escapes, non-ASCII). Links made of plain bytes skip it: the hot
// path of bulk builds parses nothing twice.
func needsURLParse(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainURLByte[s[i]] {
			return true
		}
	}
	return false
}

// plainURLByte holds the bytes that url.Parse accepts anywhere in a link
// whose structure Parse has already checked.
var plainURLByte = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/?#&=+!$'()*,;:@") {
		t[c] = true
	}
	return t
}()

func unwrapURLError(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// RawParam is one '&'-separated segment of a link's query.
type RawParam struct {
	Key      string // decoded key
	RawValue string // value exactly as written, "" when absent
	Value    string // value as Stripe reads it: '+' and %20 are spaces
	HasValue bool   // the segment has a '='
	DecodeOK bool   // RawValue is validly percent-encoded
}

// Query returns the link's query parameters in order, with empty segments
// left out.
func (l *Link) Query() []RawParam {
	var out []RawParam
	for seg := range strings.SplitSeq(l.query, "&") {
		if seg == "" {
			continue
		}
		out = append(out, parseSegment(seg))
	}
	if !l.hasQuery {
		return nil
	}
	return out
}

func parseSegment(seg string) RawParam {
	rawKey, rawValue, hasValue := strings.Cut(seg, "=")
	p := RawParam{Key: decodeKey(rawKey), RawValue: rawValue, HasValue: hasValue, DecodeOK: true}
	v, err := url.QueryUnescape(rawValue)
	if err != nil {
		p.DecodeOK = false
		v = rawValue
	}
	p.Value = v
	return p
}

// decodeKey decodes a query key as Stripe would, keeping a key that is not
// validly encoded as it is.
func decodeKey(raw string) string {
	if strings.IndexByte(raw, '%') < 0 && strings.IndexByte(raw, '+') < 0 {
		return raw
	}
	if k, err := url.QueryUnescape(raw); err == nil {
		return k
	}
	return raw
}

// CheckDomain reports whether d can be a custom payment-link domain: a bare
// host name such as pay.example.com. A URL or a name with a port would never
// match a link's host, so it is refused rather than silently useless.
func CheckDomain(d string) *Problem {
	ok := d != "" && strings.Contains(d, ".") && !strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".") &&
		!strings.HasPrefix(d, "-") && !strings.Contains(d, "..")
	for i := 0; ok && i < len(d); i++ {
		ok = utmByte[d[i]] && d[i] != '_' || d[i] == '.'
	}
	if !ok {
		return &Problem{Rule: RuleDomainInvalid, Param: "domain", Value: d, Severity: SeverityError,
			Reason: "is not a host name", Fix: "give the host only, e.g. pay.example.com"}
	}
	return nil
}
