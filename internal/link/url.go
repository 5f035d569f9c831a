package link

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
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
	// plainHTTP: the link was written http:// (on a Stripe host, where it
	// works); base holds it as https://, which Build writes.
	plainHTTP bool
	// unusual: the link has bytes outside plainURLByte (non-ASCII,
	// '%', '[', ...), so url.Parse checks it and Build escapes what it must
	// not print raw; most links have none and skip both.
	unusual bool
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
	rest, https := cutScheme(s)
	if !https {
		if rest, l.plainHTTP = cutPrefixFold(s, "http://"); !l.plainHTTP {
			return nil, notHTTPS(s)
		}
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if err := l.setHost(rest[:end], rest[end:], domains); err != nil {
		if l.plainHTTP {
			return nil, notHTTPS(s) // http to a host that is not a payment host: the first thing wrong
		}
		return nil, err
	}
	if l.plainHTTP && l.HostKind != HostStripe {
		// stripe.com is HSTS-preloaded, so browsers upgrade its links;
		// nothing says a custom domain is.
		return nil, linkErr(RuleLinkNotHTTPS, s, "not an https URL: "+l.Host+" is a custom domain, which browsers need not upgrade to https", "write https://")
	}
	l.split(s)
	path := l.base[len(s)-len(rest)+end:]
	if err := l.setSlug(path); err != nil {
		return nil, err
	}
	if l.plainHTTP {
		l.base = "https://" + l.base[len("http://"):]
	}
	l.unusual = needsURLParse(s)
	if l.unusual {
		if _, err := url.Parse(s); err != nil {
			return nil, linkErr(RuleLinkMalformed, s, "not a valid URL ("+unwrapURLError(err)+")", "copy the link again from the Stripe Dashboard")
		}
	}
	return l, nil
}

func notHTTPS(s string) *Problem {
	return linkErr(RuleLinkNotHTTPS, s, "not an absolute https URL", "payment links start with https://buy.stripe.com/")
}

// MaxLen is the longest link paylink accepts, in bytes. A payment link's
// slug is under 100 bytes, and every parameter at Stripe's limits adds under
// 3 KiB; browsers cap URLs near 2 MB. The limit keeps a link of a gigabyte
// from being "valid" and copied into messages and output.
const MaxLen = 16 << 10

// checkText refuses text that cannot be a link at all.
func checkText(s string) error {
	if s == "" {
		return linkErr(RuleLinkMalformed, s, "empty", "give a payment link such as https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr")
	}
	if len(s) > MaxLen {
		return linkErr(RuleLinkMalformed, s, fmt.Sprintf("is %d bytes long, over paylink's limit of %d", len(s), MaxLen),
			"a payment link with every parameter at Stripe's limits is under 3 KiB; copy the link again from the Stripe Dashboard")
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
	return cutPrefixFold(s, "https://")
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return s[len(prefix):], true
}

// PlainHTTP reports whether the link was written with http:// (on a
// Stripe host): it works, and Build writes it with https://.
func (l *Link) PlainHTTP() bool { return l.plainHTTP }

// setHost sets the host from authority, or refuses it; tail is what
// follows it in the link (path, query, fragment), which tells a mistyped
// payment link from another site.
func (l *Link) setHost(authority, tail string, domains []string) error {
	switch {
	case strings.Contains(authority, "@"):
		return linkErr(RuleLinkUserInfo, l.Raw, "has user-info before the host", "remove everything between https:// and '@'")
	case strings.Contains(authority, ":"):
		return linkErr(RuleLinkPort, l.Raw, "has a port", "payment links have no port; remove ':' and what follows it")
	case authority == "":
		return linkErr(RuleLinkMalformed, l.Raw, "has no host", "payment links start with https://buy.stripe.com/")
	case !isPlainHost(authority) && !visitedAsWritten(authority):
		return l.unplainHost(authority, domains)
	}
	host := asciiLower(authority)
	if IsStripeHost(host) {
		l.Host, l.HostKind = host, HostStripe
		return nil
	}
	if isAllowedDomain(host, domains) {
		l.Host, l.HostKind = host, HostCustom
		return nil
	}
	if IsStripeHost(strings.TrimSuffix(host, ".")) {
		return linkErr(RuleHostNotAllowed, l.Raw, "host "+quote(authority)+" ends with a '.'", "write the host as "+strings.TrimSuffix(host, "."))
	}
	if owner, ok := stripeLookalike(host); ok {
		return linkErr(RuleLookalikeHost, l.Raw, "host "+quote(authority)+" is not "+stripeHostList+", nor an allowed custom domain, but a lookalike, owned by whoever owns "+quote(owner),
			"never pay through it; copy the link again from the Stripe Dashboard")
	}
	if near, ok := NearStripe(host); ok {
		return nearStripeProblem(l.Raw, authority, near, SlugPath(tail))
	}
	return linkErr(RuleHostNotAllowed, l.Raw, "host "+quote(authority)+" is not "+stripeHostList+", nor an allowed custom domain",
		"use a buy.stripe.com link, or allow your own payment domain with --allow-domain or the config's domains")
}

// nearStripeProblem refuses a host that reads like a Stripe payment host
// (see NearStripe). With a payment link's path it is a mistyped or planted
// link: a lookalike, or a host of stripe.com that serves no payment link.
// Whatever the path, the fix never offers --allow-domain: allowing a host
// a typo away from Stripe's would let every such link pass.
func nearStripeProblem(raw, authority string, near Near, slug bool) *Problem {
	switch {
	case slug && near.Stripe:
		return linkErr(RuleHostNotAllowed, raw, "host "+quote(authority)+" is Stripe's but not a payment-link host",
			"did you mean "+near.Meant+"? Copy the link again from the Stripe Dashboard")
	case slug:
		return linkErr(RuleLookalikeHost, raw, "host "+quote(authority)+" is not "+stripeHostList+", nor an allowed custom domain, but a lookalike of "+near.Meant+", owned by whoever owns "+quote(near.Owner),
			"never pay through it; copy the link again from the Stripe Dashboard")
	}
	return linkErr(RuleHostNotAllowed, raw, "host "+quote(authority)+" is not "+stripeHostList+", nor an allowed custom domain",
		"use a link on "+StripeHost+": copy it again from the Stripe Dashboard")
}

// unplainHost refuses a host written with bytes other than ASCII letters,
// digits, '-' and '.': a browser maps it (percent-decoding, IDNA UTS #46)
// before visiting it, so the host that looks like buy.stripe.com may be
// another one. The message names the host the browser would visit.
func (l *Link) unplainHost(authority string, domains []string) error {
	visit, ok := BrowserHost(authority)
	switch {
	case !ok:
		return linkErr(RuleLinkMalformed, l.Raw, "host "+quote(authority)+" is not a valid host name", "copy the link again from the Stripe Dashboard")
	case IsStripeHost(visit) || isAllowedDomain(visit, domains):
		return linkErr(RuleHostNotAllowed, l.Raw, "host "+quote(authority)+" is written with characters other than ASCII letters, digits, '-' and '.' (a browser reads it as "+quote(visit)+")",
			"write the host as "+visit)
	}
	return linkErr(RuleLookalikeHost, l.Raw, "host "+quote(authority)+" is a lookalike: a browser would visit "+quote(visit)+", which is not "+stripeHostList+", nor an allowed custom domain",
		"never pay through it; copy the link again from the Stripe Dashboard")
}

// TemplatedHost is the problem with a link found in a template or in code
// whose host a placeholder completes (https://buy.stripe.com.{{ x }}/...):
// it starts like the payment host base, but the host a browser visits is
// known only once the template is rendered, and any text added to base's
// name makes another domain. written is the host as written.
func TemplatedHost(raw, written, base string) *Problem {
	return linkErr(RuleLookalikeHost, raw,
		"host "+quote(written)+" is completed by a template placeholder, so paylink cannot vouch for it: it starts like "+base+", but anything added to that name is another domain (a lookalike)",
		"write the host as "+base+" and keep placeholders to the slug and parameter values")
}

// visitedAsWritten reports whether a browser visits the host exactly as
// written (ASCII case aside), such as a_b.example.com: a browser accepts '_'
// and a few other ASCII bytes in host names and maps nothing, so the host is
// judged as it is, never called a lookalike of itself.
func visitedAsWritten(authority string) bool {
	visit, ok := BrowserHost(authority)
	return ok && visit == asciiLower(authority)
}

// StripeHosts are the hosts Stripe serves payment links on: buy.stripe.com,
// donate.stripe.com for links whose button says Donate and book.stripe.com
// for those whose button says Book (submit_type donate, book; the same
// slugs, test_ included). Adding a host is one entry here: every command,
// the scan and the messages read this list.
var StripeHosts = []string{StripeHost, "donate.stripe.com", "book.stripe.com"}

// stripeHostList names StripeHosts for messages: "buy.stripe.com,
// donate.stripe.com or book.stripe.com".
var stripeHostList = strings.Join(StripeHosts[:len(StripeHosts)-1], ", ") + " or " + StripeHosts[len(StripeHosts)-1]

// IsStripeHost reports whether host, in lower case, is one of StripeHosts.
func IsStripeHost(host string) bool {
	for _, h := range StripeHosts {
		if host == h {
			return true
		}
	}
	return false
}

// stripeLookalike reports whether host (lower case) is a Stripe host
// followed by more labels, such as buy.stripe.com.evil.example, and returns
// the domain that really owns it.
func stripeLookalike(host string) (owner string, ok bool) {
	for _, h := range StripeHosts {
		if rest, found := strings.CutPrefix(host, h+"."); found && rest != "" {
			return rest, true
		}
	}
	return "", false
}

// IsStripeLookalike reports whether host (any case, ASCII) starts with a
// Stripe host and a '.': buy.stripe.com.evil.example.
func IsStripeLookalike(host string) bool {
	_, ok := stripeLookalike(asciiLower(host))
	return ok
}

func isAllowedDomain(host string, domains []string) bool {
	for _, d := range domains {
		if asciiLower(d) == host {
			return true
		}
	}
	return false
}

// isPlainHost reports whether s is made of the bytes a host name is written
// with and nothing a browser would map: ASCII letters, digits, '-' and '.'.
func isPlainHost(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// asciiLower lower-cases the ASCII letters of s only. Unicode rules would
// turn U+0130 (İ) into 'i' and make buy.strİpe.com read as buy.stripe.com,
// a host the browser does not visit.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// browserIDNA maps a host as a browser's URL parser does (WHATWG URL: UTS #46
// processing, non-transitional, no STD3 rules).
var browserIDNA = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(false), idna.BidiRule())

// BrowserHost returns the host a browser visits for the host as written:
// percent-escapes decoded, then mapped to ASCII with IDNA UTS #46
// ("buy.strİpe.com" → "buy.xn--stripe-syd.com", "buy.ｓtripe.com" →
// "buy.stripe.com"). ok is false when a browser would refuse the host.
func BrowserHost(written string) (host string, ok bool) {
	s := written
	if strings.Contains(s, "%") {
		u, err := url.PathUnescape(s)
		if err != nil {
			return "", false
		}
		s = u
	}
	if !utf8.ValidString(s) {
		return "", false
	}
	a, err := browserIDNA.ToASCII(s)
	if err != nil || a == "" {
		return "", false
	}
	return asciiLower(a), true
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
		switch {
		case strings.HasPrefix(path, "/r/"):
			return linkErr(RuleLinkPath, l.Raw, "is a Checkout recovery link (/r/...), not a payment link", "recovery links cannot take payment-link parameters; link to the payment link itself")
		case !ok || slug == "" || strings.Contains(slug, "/"):
			return linkErr(RuleLinkPath, l.Raw, "path "+quote(path)+" is not one payment-link slug", "a link on "+l.Host+" looks like https://"+l.Host+"/test_eVa5nPg1j1wmfXq5kr")
		case slug == "test_":
			return linkErr(RuleLinkPath, l.Raw, "has no slug after the test-mode prefix \"test_\"", "copy the whole link from the Stripe Dashboard")
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
	if !l.hasQuery {
		return nil
	}
	return rawParams(l.query)
}

// QueryOf returns the query parameters of a raw link, in order, read as
// Link.Query reads them, without parsing or checking the rest of the link:
// for links paylink built itself and only needs to read back (reconcile).
func QueryOf(raw string) []RawParam {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw = raw[:i]
	}
	_, query, ok := strings.Cut(raw, "?")
	if !ok {
		return nil
	}
	return rawParams(query)
}

// rawParams splits a raw query into its parameters, leaving out empty
// segments.
func rawParams(query string) []RawParam {
	var out []RawParam
	for seg := range strings.SplitSeq(query, "&") {
		if seg == "" {
			continue
		}
		out = append(out, parseSegment(seg))
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
	// '_' is allowed: browsers visit hosts such as a_b.example.com as written.
	for i := 0; ok && i < len(d); i++ {
		ok = utmByte[d[i]] || d[i] == '.'
	}
	if !ok {
		return &Problem{Rule: RuleDomainInvalid, Param: "domain", Value: d, Severity: SeverityError,
			Reason: "is not a host name", Fix: "give the host only, e.g. pay.example.com"}
	}
	return nil
}
