// Package scan finds Stripe payment links in text files and folders: HTML,
// Markdown, templates, CSV and plain text. It only finds links; checking
// them is internal/link's job. Files are streamed line by line, one at a
// time, so a large tree costs no more memory than its longest line.
package scan

import (
	"html"
	"path/filepath"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// Syntax is how a file's text is read.
type Syntax int

const (
	Plain  Syntax = iota // plain text: a link ends at white space or a delimiter
	Markup               // HTML, Markdown, templates: character references such as &amp; are decoded
	CSV                  // comma-separated: a ',' also ends an unquoted link
)

// markupExt are the extensions of files whose links are written with HTML
// character references: HTML itself, Markdown (which decodes them too) and
// the template languages e-mails and landing pages are written in.
var markupExt = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xml": true, ".svg": true,
	".md": true, ".markdown": true, ".mdx": true,
	".mjml": true, ".hbs": true, ".handlebars": true, ".mustache": true, ".liquid": true,
	".njk": true, ".jinja": true, ".j2": true, ".erb": true, ".tmpl": true, ".tpl": true,
	".gohtml": true, ".php": true, ".vue": true, ".svelte": true, ".astro": true,
	".jsx": true, ".tsx": true,
}

// SyntaxOf picks the syntax of a file from its name.
func SyntaxOf(name string) Syntax {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case markupExt[ext]:
		return Markup
	case ext == ".csv":
		return CSV
	}
	return Plain
}

// Finder finds payment links in lines of text.
type Finder struct {
	Domains []string // custom payment-link hosts besides buy.stripe.com
	Syntax  Syntax
}

// InLine returns the payment links in one line, in order, as Stripe would
// receive them: in markup, character references decoded and, in a quoted
// attribute value, spaces percent-encoded as a browser does.
//
// A link starts at http:// or https:// (plain http is found so that it can
// be reported). After a quote it runs to the matching quote, as an
// attribute value does, spaces included; otherwise it ends at white space,
// a quote, '<', '>' or ')' (and ',' in CSV), and trailing sentence
// punctuation is not part of it.
func (f *Finder) InLine(line string) []string {
	var out []string
	f.eachInLine(line, func(_ int, link string) { out = append(out, link) })
	return out
}

// eachInLine calls fn with each payment link in line (as InLine returns
// them) and the byte offset in line where it starts.
func (f *Finder) eachInLine(line string, fn func(start int, link string)) {
	for i := 0; i < len(line); {
		start := indexScheme(line, i)
		if start < 0 {
			break
		}
		end, quoted := f.linkEnd(line, start)
		cand := line[start:end]
		i = max(end, start+1)
		if !quoted {
			cand = strings.TrimRight(cand, ".,;:!?")
		}
		if !f.isPaymentHost(cand) {
			continue
		}
		if f.Syntax == Markup {
			cand = decodeRefs(cand)
			if quoted {
				// A browser percent-encodes the spaces of an href before
				// following it, so Stripe gets the value with %20 in it.
				cand = strings.ReplaceAll(cand, " ", "%20")
			}
		}
		fn(start, cand)
	}
}

// indexScheme returns the index of the next "http://" or "https://" at or
// after from, in any case, or -1.
func indexScheme(s string, from int) int {
	for i := from; i+7 <= len(s); i++ {
		if s[i] != 'h' && s[i] != 'H' {
			continue
		}
		if schemeLen(s[i:]) > 0 {
			return i
		}
	}
	return -1
}

// schemeLen is the length of the "http://" or "https://" s starts with, or 0.
func schemeLen(s string) int {
	for _, scheme := range []string{"https://", "http://"} {
		if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			return len(scheme)
		}
	}
	return 0
}

// linkEnd returns where the link starting at start ends, and whether a
// quote opened it.
func (f *Finder) linkEnd(line string, start int) (end int, quoted bool) {
	if start > 0 && isQuote(line[start-1]) {
		q := line[start-1]
		if j := strings.IndexByte(line[start:], q); j >= 0 {
			return start + j, true
		}
		return start + len(strings.TrimRight(line[start:], " \t\r\n")), true
	}
	for j := start; j < len(line); j++ {
		switch c := line[j]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v',
			isQuote(c), c == '<', c == '>', c == ')',
			c == ',' && f.Syntax == CSV:
			return j, false
		}
	}
	return len(line), false
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// isPaymentHost reports whether the link is on buy.stripe.com, an allowed
// domain, or a lookalike of buy.stripe.com such as buy.stripe.com.example.net
// (found so that link.Parse can refuse it). User-info and a port do not
// hide a host: link.Parse reports them.
func (f *Finder) isPaymentHost(cand string) bool {
	rest := cand[schemeLen(cand):]
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		rest = rest[:end]
	}
	host := rest[strings.LastIndexByte(rest, '@')+1:]
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if strings.EqualFold(host, link.StripeHost) || hasPrefixFold(host, link.StripeHost+".") {
		return true
	}
	for _, d := range f.Domains {
		if strings.EqualFold(host, d) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// decodeRefs decodes the character references that end with ';' (&amp;,
// &#38;, &#x26;, &quot;, ...). A legacy reference without ';' such as
// "&copy=1" is left alone: in an attribute value a browser leaves it too, so
// it is a query parameter, not a character.
func decodeRefs(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		n := refLen(s[i:])
		if n == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(html.UnescapeString(s[i : i+n]))
		i += n
	}
	return b.String()
}

// refLen is the length of the character reference s starts with ("&name;",
// "&#38;" or "&#x26;"), or 0 when s does not start with one.
func refLen(s string) int {
	const longest = 33 // the longest entity name, &CounterClockwiseContourIntegral;, has 31 letters
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	for j := 1; j < len(s) && j <= longest; j++ {
		c := s[j]
		switch {
		case c == ';' && j > 1:
			if html.UnescapeString(s[:j+1]) == s[:j+1] {
				return 0 // not a reference HTML knows
			}
			return j + 1
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '#' && j == 1:
		default:
			return 0
		}
	}
	return 0
}

// placeholders open the template expressions of the languages e-mails and
// pages are written in: Handlebars, Mustache, Liquid, Jinja and Go ({{ }},
// {% %}), JavaScript and shell (${ }), ERB, EJS and ASP (<% %>).
var placeholders = []string{"{{", "{%", "${", "<%"}

// HasPlaceholder reports whether v holds a template expression. Such a
// value is only known once the template is rendered, so a scan cannot
// judge it.
func HasPlaceholder(v string) bool {
	for _, p := range placeholders {
		if strings.Contains(v, p) {
			return true
		}
	}
	return false
}
