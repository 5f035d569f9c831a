// Package scan finds Stripe payment links in text files and folders: HTML,
// Markdown, templates, source code, CSV and plain text. It only finds links;
// checking them is internal/link's job. Files are streamed line by line, one
// at a time, so a large tree costs no more memory than its longest line.
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
	Plain    Syntax = iota // plain text and code: a link ends at white space or a delimiter
	Markup                 // HTML and templates: character references such as &amp; are decoded
	CSV                    // comma-separated: a ',' also ends an unquoted link
	Markdown               // Markup, except in code fences and code spans, which Markdown shows as written
)

// markupExt are the extensions of files whose links are written with HTML
// character references: HTML itself and the template languages pages and
// e-mails are written in, whose output a browser decodes.
var markupExt = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xml": true, ".svg": true,
	".mjml": true, ".hbs": true, ".handlebars": true, ".mustache": true, ".liquid": true,
	".njk": true, ".jinja": true, ".j2": true, ".erb": true, ".tmpl": true, ".tpl": true,
	".gohtml": true, ".php": true, ".vue": true, ".svelte": true, ".astro": true,
	".jsx": true, ".tsx": true, ".cshtml": true, ".razor": true, ".jsp": true, ".jspx": true,
	".heex": true, ".eex": true, ".leex": true, ".twig": true, ".ejs": true,
}

var markdownExt = map[string]bool{".md": true, ".markdown": true, ".mdx": true}

// SyntaxOf picks the syntax of a file from its name.
func SyntaxOf(name string) Syntax {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case markdownExt[ext]:
		return Markdown
	case markupExt[ext]:
		return Markup
	case ext == ".csv":
		return CSV
	}
	return Plain
}

// Finder finds payment links in lines of text. A Finder keeps what it has
// seen of a file (a Markdown code fence, an HTML <script> block still open),
// so one Finder reads one file, line after line.
type Finder struct {
	Domains []string // custom payment-link hosts besides Stripe's
	Syntax  Syntax
	// OnCustom, when set, is called with each link that looks like a payment
	// link on a custom domain that is not in Domains (https://HOST/b/SLUG):
	// a scan that is not told about a custom domain can say so.
	OnCustom func(host string)

	fence string // the open Markdown code fence ("```" or "~~~"), or ""
	raw   string // the open HTML element whose text is not decoded ("script", "style"), or ""
}

// Candidate is one payment link found in a line.
type Candidate struct {
	Start int    // byte offset of the link in the line
	Link  string // as Stripe would receive it: character references decoded in markup
	// Check is Link with every template placeholder replaced by
	// Placeholder, and a value the code completes after the text ends
	// (`"...?prefilled_email=" + email`) given one: what can be judged.
	Check string
	// Masked are the placeholders Check holds, in order, as written ("" for
	// a value the code completes): Unmask shows them in messages.
	Masked []string
	// HostTemplate is set when a placeholder sits in the host of a link
	// that starts like a payment host (https://buy.stripe.com.{{ x }}/...):
	// such a link is not judged, it is a problem with its host.
	HostTemplate HostTemplate
	// End is where the link ends in the line, as written.
	End int
	// Cut is set when a space ended a bare link whose query the text after
	// it goes on with ("...&utm_campaign=spring sale&utm_medium=post"):
	// Cut is that text, read as Link is, and Gap the white space before it.
	Cut, Gap string
	// CutEnd is where Cut ends in the line, as written.
	CutEnd int

	// How Link was read from the line, and the bytes it was read from, to
	// map it back (see Written.Spans).
	decode, encodeSpaces bool
	text                 string
}

// Joined is the link as its author meant it: Link, and for a link cut by
// a space the space and the rest of its query.
func (c Candidate) Joined() string {
	if c.Cut == "" {
		return c.Link
	}
	return c.Link + c.Gap + c.Cut
}

// HostTemplate is a host built by a template from a payment host it starts
// like.
type HostTemplate struct {
	Written string // the host as written, placeholder included
	Base    string // the payment host it starts like
}

// Placeholder stands, in Candidate.Check, for a part of a link that is only
// known once the template is rendered or the code runs. It is made of bytes
// valid in a slug and in any code, so it makes no problem by itself: a
// problem whose value holds it is one about an unknown value.
const Placeholder = "PAYLINK_PLACEHOLDER"

// HasPlaceholder reports whether v holds Placeholder.
func HasPlaceholder(v string) bool { return strings.Contains(v, Placeholder) }

// InLine returns the payment links in one line, in order, as Stripe would
// receive them (see Candidates).
func (f *Finder) InLine(line string) []string {
	var out []string
	for _, c := range f.Candidates(line) {
		out = append(out, c.Link)
	}
	return out
}

// Candidates returns the payment links in one line, in order: links on a
// Stripe host, an allowed domain or a lookalike of either (found so that
// link.Parse refuses them). Prefixes (https://buy.stripe.com/ alone, or
// /test_ with nothing after it) and Stripe's Checkout recovery links (/r/...)
// are not payment links and are left out.
//
// A link starts at http:// or https://. After a quote it runs to the
// matching quote, as an attribute value or a string does, spaces included;
// otherwise it ends at white space, a quote, '<', '>', or a ')' or ']'
// without its opening one (and ',' in CSV, '|' in Markdown tables), and,
// as GitHub's autolinks do, trailing punctuation and emphasis (?!.,:;*_~)
// are not part of it. In
// markup, outside <script>, <style> and Markdown code, character references
// are decoded and, in a quoted attribute value, spaces percent-encoded as a
// browser does.
func (f *Finder) Candidates(line string) []Candidate {
	rawSpans := f.rawSpans(line)
	if f.Syntax == Markup || f.Syntax == Markdown {
		// A browser reads "https&#58;&#47;&#47;" as "https://": a link
		// whose scheme is written with character references is found as
		// one written plainly, or a lookalike would hide behind them.
		if plain, reps := plainSchemes(line, rawSpans); reps != nil {
			return reps.toRaw(line, f.candidates(plain, reps.spansIn(rawSpans)))
		}
	}
	return f.candidates(line, rawSpans)
}

// candidates is Candidates once the line's raw spans are known.
func (f *Finder) candidates(line string, rawSpans []span) []Candidate {
	var out []Candidate
	for i := 0; i < len(line); {
		start := indexScheme(line, i)
		if start < 0 {
			break
		}
		e := f.linkEnd(line, start)
		i = max(e.end, start+1)
		cand := cutEscapes(line[start:e.end])
		if !e.quoted {
			cand = trimTrailing(cand, start > 0 && line[start-1] == '_')
		}
		end := start + rawLen(line[start:e.end], cand)
		found, genuine := f.isPaymentHost(cand)
		tmpl := HostTemplate{}
		if !found {
			if tmpl = f.templatedHost(cand); tmpl.Written == "" {
				continue
			}
		}
		decode := f.Syntax == Markup || f.Syntax == Markdown
		if decode && (inSpans(rawSpans, start) || f.Syntax == Markdown && e.quote == '`') {
			decode = false
		}
		check, masked, ok := cand, []string(nil), true
		if tmpl.Written == "" {
			check, masked, ok = judgeable(cand, genuine, e.codeCompleted(line, f.Syntax))
		}
		if !ok {
			continue
		}
		if decode {
			cand, check = decodeRefs(cand), decodeRefs(check)
			if e.quoted {
				// A browser percent-encodes the spaces of an href before
				// following it, so Stripe gets the value with %20 in it.
				cand, check = strings.ReplaceAll(cand, " ", "%20"), strings.ReplaceAll(check, " ", "%20")
			}
		}
		c := Candidate{Start: start, End: end, Link: cand, Check: check, Masked: masked, HostTemplate: tmpl,
			decode: decode, encodeSpaces: decode && e.quoted}
		if !e.quoted && end == e.end && tmpl.Written == "" {
			f.cutBySpace(line, &c)
		}
		c.text = line[start:max(c.End, c.CutEnd)]
		out = append(out, c)
	}
	return out
}

// rawLen is how many bytes of written, the text a link was read from,
// the link cand (escapes read, trailing punctuation trimmed) takes up.
func rawLen(written, cand string) int {
	if len(cand) == len(written) || strings.IndexByte(written, '\\') < 0 {
		return len(cand)
	}
	// One pass, as cutEscapes reads: each escape is one byte of cand.
	i := 0
	for n := 0; n < len(cand) && i < len(written); n++ {
		if written[i] != '\\' {
			i++
			continue
		}
		k, _ := escapeLen(written[i:])
		if k == 0 {
			break
		}
		i += k
	}
	return i
}

// cutBySpace sets c.Cut when the text after the white space that ended a
// bare link goes on with its query: "...&utm_campaign=spring sale&utm_medium=post."
// Markdown and text render the link up to "spring", so utm_medium never
// reaches Stripe. The text must set a parameter Stripe reads, so prose
// after a link ("… and more") is never taken for its query.
func (f *Finder) cutBySpace(line string, c *Candidate) {
	if !strings.Contains(c.Link, "?") || strings.Contains(c.Link, "#") {
		return
	}
	rest := line[c.End:]
	next := strings.TrimLeft(rest, " \t")
	gap := len(rest) - len(next)
	if gap == 0 || next == "" || schemeLen(next) > 0 {
		return
	}
	e := f.linkEnd(line, c.End+gap)
	token := trimTrailing(line[c.End+gap:e.end], false)
	if !setsParam(token) {
		return
	}
	c.Gap, c.Cut, c.CutEnd = rest[:gap], token, c.End+gap+len(token)
	if c.decode {
		c.Cut = decodeRefs(token)
	}
}

// setsParam reports whether text, the rest of a query, sets a parameter
// Stripe reads: "sale&utm_medium=post", "&locale=fr".
func setsParam(text string) bool {
	_, rest, ok := strings.Cut(text, "&")
	for ok {
		var seg string
		seg, rest, ok = strings.Cut(rest, "&")
		if seg = strings.TrimPrefix(seg, "amp;"); strings.Contains(seg, "=") {
			key, _, _ := strings.Cut(seg, "=")
			if _, known := link.Lookup(key); known || strings.HasPrefix(key, "utm_") {
				return true
			}
		}
	}
	return false
}

// indexScheme returns the index of the next "http://" or "https://" at or
// after from, in any case, or -1. JSON's escaped form "https:\/\/" counts
// too: cutEscapes reads the '/' it stands for.
//
// It goes from colon to colon, as every scheme ends in one ("http" and
// "https" hold no escape cutEscapes reads), looking back for the name:
// most lines a scan reads whole, in Markdown and markup, hold none.
func indexScheme(s string, from int) int {
	for i := from; i < len(s); i++ {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			return -1
		}
		i += j
		for _, start := range [...]int{i - len("https"), i - len("http")} {
			if start >= from && isSchemeAt(s, start) {
				return start
			}
		}
	}
	return -1
}

// isSchemeAt reports whether an "http://" or "https://" starts at i in s,
// in any case, its slashes maybe escaped.
func isSchemeAt(s string, i int) bool {
	return schemeLen(s[i:]) > 0 || schemeLen(cutEscapes(prefix(s[i:], len(`https:\/\/`)))) > 0
}

func prefix(s string, n int) string { return s[:min(n, len(s))] }

// schemeLen is the length of the "http://" or "https://" s starts with, or 0.
func schemeLen(s string) int {
	for _, scheme := range []string{"https://", "http://"} {
		if len(s) >= len(scheme) && asciiEqualFold(s[:len(scheme)], scheme) {
			return len(scheme)
		}
	}
	return 0
}

// linkExtent is where a link ends and what ended it.
type linkExtent struct {
	start, end int
	quoted     bool
	quote      byte // the opening quote, when quoted
	closed     bool // a matching quote ended it (not the end of the line)
	// openLen and closeLen are the lengths of the quotes as written: 1, or
	// that of a character reference such as &quot;.
	openLen, closeLen int
}

// entityQuote is a quote written as a character reference.
type entityQuote struct {
	ref  string
	char byte
}

var entityQuotes = []entityQuote{
	{"&quot;", '"'}, {"&#34;", '"'}, {"&#x22;", '"'}, {"&apos;", '\''}, {"&#39;", '\''}, {"&#x27;", '\''},
}

// entityQuoteBefore reports whether text ends with a quote written as a
// character reference.
func entityQuoteBefore(text string) (entityQuote, bool) {
	if !strings.HasSuffix(text, ";") {
		return entityQuote{}, false
	}
	for _, q := range entityQuotes {
		if strings.HasSuffix(text, q.ref) {
			return q, true
		}
	}
	return entityQuote{}, false
}

// linkEnd returns where the link starting at start ends.
func (f *Finder) linkEnd(line string, start int) linkExtent {
	e := linkExtent{start: start}
	if start > 0 && isQuote(line[start-1]) {
		e.quoted, e.quote, e.openLen, e.closeLen = true, line[start-1], 1, 1
		if j := strings.IndexByte(line[start:], e.quote); j >= 0 {
			e.end, e.closed = start+j, true
			return e
		}
		e.end = start + len(strings.TrimRight(line[start:], " \t\r\n"))
		return e
	}
	if f.Syntax == Markdown && start >= 2 && line[start-2:start] == "(<" {
		// A CommonMark link destination in angle brackets,
		// [Buy](<https://...?utm_campaign=spring sale>): spaces allowed,
		// it ends at '>'.
		if j := strings.IndexAny(line[start:], "<>"); j >= 0 && line[start+j] == '>' {
			e.quoted, e.quote, e.openLen, e.closeLen, e.end, e.closed = true, '>', 1, 1, start+j, true
			return e
		}
	}
	if f.Syntax == Markup || f.Syntax == Markdown {
		if q, ok := entityQuoteBefore(line[:start]); ok {
			// JSON or a string in an attribute: data-x="{&quot;url&quot;:&quot;https://...&quot;}".
			e.quoted, e.quote, e.openLen = true, q.char, len(q.ref)
			if j := strings.Index(line[start:], q.ref); j >= 0 {
				e.end, e.closed, e.closeLen = start+j, true, len(q.ref)
				return e
			}
		}
	}
	parens, brackets := 0, 0
	for j := start; j < len(line); j++ {
		switch c := line[j]; {
		case c == '(':
			parens++
		case c == '[':
			brackets++
		case c == ')' && parens > 0:
			parens--
		case c == ']' && brackets > 0:
			brackets--
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v',
			isQuote(c), c == '<', c == '>', c == ')', c == ']',
			c == ',' && f.Syntax == CSV,
			c == '|' && f.Syntax == Markdown: // a table cell ends before its link is read
			e.end = j
			return e
		}
	}
	e.end = len(line)
	return e
}

// codeCompleted reports whether the text of the link stops where code takes
// over, so that an empty last value is filled in at run time: a string that
// the code continues (`"...?prefilled_email=" + email`, a template literal
// going on on the next line) or a template tag right after the link. An
// HTML attribute value (`href="..."`) is complete: nothing is added to it.
func (e linkExtent) codeCompleted(line string, syntax Syntax) bool {
	if !e.quoted {
		next := line[e.end:]
		return strings.HasPrefix(next, "<%") || strings.HasPrefix(next, "<?")
	}
	if !e.closed {
		return true
	}
	if e.quote == '>' {
		return false // a Markdown destination is the whole link
	}
	if syntax == Plain || syntax == CSV || e.quote == '`' {
		return true
	}
	after := strings.TrimLeft(line[e.end+e.closeLen:], " \t")
	if after != "" && strings.IndexByte("+.&|<", after[0]) >= 0 {
		return true // concatenated: + (JS, Java, C#), . (PHP), & (VB), || (SQL), <> (Elixir)
	}
	// In markup, the opening quote of an attribute value follows '='
	// directly; anything else (a JavaScript string in a component) is code.
	q := e.start - e.openLen
	return q == 0 || line[q-1] != '='
}

// cutEscapes reads a link written inside a string literal of code: the
// escapes JSON and JavaScript use for '&', '=' and '/' (\u0026, \u003d,
// \x26, \/) are the characters they stand for, and any other backslash
// (\n, \t, \", \\ ...) ends the link, as the string's text does there. A
// backslash is never part of a link a browser sends.
func cutEscapes(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		rest := s[i:]
		switch {
		case hasPrefixFold(rest, `\u0026`), hasPrefixFold(rest, `\x26`):
			b.WriteByte('&')
		case hasPrefixFold(rest, `\u003d`), hasPrefixFold(rest, `\x3d`):
			b.WriteByte('=')
		case strings.HasPrefix(rest, `\/`):
			b.WriteByte('/')
			i++
			continue
		default:
			return b.String()
		}
		if rest[1] == 'u' || rest[1] == 'U' {
			i += 5
		} else {
			i += 3
		}
	}
	return b.String()
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix)
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// trimTrailing drops what GitHub's autolinks leave out of a bare link:
// trailing punctuation and Markdown emphasis (**link**, ~~link~~, and
// _link_ when a '_' opened it: a slug may end with one, as test_ does).
// A trailing ellipsis ("https://buy.stripe.com…" in prose) is left out too.
func trimTrailing(s string, underscored bool) string {
	cut := "?!.,:;*~"
	if underscored {
		cut = "?!.,:;*_~"
	}
	for {
		t := strings.TrimSuffix(strings.TrimRight(s, cut), "…")
		if t == s {
			return s
		}
		s = t
	}
}

// isPaymentHost reports whether the link is on a Stripe host, an allowed
// domain, or a lookalike of one (buy.stripe.com.evil.example, or a host
// written with characters that read like one, such as buy.strİpe.com).
// User-info and a port do not hide a host: link.Parse reports them. A link
// that is none of these but looks like a payment link on a custom domain
// is passed to OnCustom.
func (f *Finder) isPaymentHost(cand string) (found, genuine bool) {
	rest := cand[schemeLen(cand):]
	path := ""
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		rest, path = rest[:end], rest[end:]
	}
	host := rest[strings.LastIndexByte(rest, '@')+1:]
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if f.isPaymentHostName(host) {
		lower := asciiLower(host)
		return true, isPlainHost(host) && (link.IsStripeHost(lower) || f.isDomain(lower))
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 && f.startsLikePaymentHost(rest[:at]) {
		// https://buy.stripe.com@evil.example/...: reads as Stripe's host,
		// goes to evil.example. link.Parse refuses the user-info.
		return true, false
	}
	// Only a payment link's path makes a near miss matter: with another
	// path the link is another site's either way, and the edit distances
	// (4% of the CPU of a scan of source code, with its many links) are spared.
	if isPlainHost(host) && (link.SlugPath(path) || isCustomPaymentPath(path)) {
		if _, near := link.NearStripe(asciiLower(host)); near {
			// buy-stripe.com/SLUG, bux.stripe.com/SLUG: a payment link
			// mistyped or planted (link.Parse says which); with another
			// path, another site. Never a custom domain to allow.
			return link.SlugPath(path), false
		}
	}
	if f.OnCustom != nil && isCustomPaymentPath(path) {
		f.OnCustom(host)
	}
	return false, false
}

// templatedHost returns the host of cand when a template or code
// placeholder sits in it and the text before the placeholder starts like a
// payment host: https://buy.stripe.com.{{ x }}/..., https://buy.stripe.com{{ x }}/...
// Whatever it renders to, paylink cannot vouch for that host, and any text
// added to a payment host's name makes another domain. A placeholder right
// after the exact host that ends the link ("https://buy.stripe.com${path}")
// stands for the path, as "https://buy.stripe.com/" + slug does, and is
// left alone.
func (f *Finder) templatedHost(cand string) HostTemplate {
	rest := cand[schemeLen(cand):]
	first, firstEnd, end := -1, 0, len(rest)
	for i := 0; i < len(rest); {
		if n := codePlaceholderLen(rest, i); n > 0 {
			if first < 0 {
				first, firstEnd = i, i+n
			}
			i += n
			continue
		}
		if strings.IndexByte("/?#", rest[i]) >= 0 {
			end = i
			break
		}
		i++
	}
	if first < 0 {
		return HostTemplate{}
	}
	literal := rest[:first]
	literal = asciiLower(literal[strings.LastIndexByte(literal, '@')+1:])
	for _, base := range append(link.StripeHosts[:len(link.StripeHosts):len(link.StripeHosts)], f.Domains...) {
		base = asciiLower(base)
		if !strings.HasPrefix(literal, base) {
			continue
		}
		if literal == base && firstEnd == len(rest) {
			return HostTemplate{} // the path, completed by code
		}
		return HostTemplate{Written: rest[strings.LastIndexByte(rest[:first], '@')+1 : end], Base: base}
	}
	return HostTemplate{}
}

// startsLikePaymentHost reports whether s starts with a Stripe host or an
// allowed domain, in any ASCII case.
func (f *Finder) startsLikePaymentHost(s string) bool {
	lower := asciiLower(s)
	for _, h := range link.StripeHosts {
		if strings.HasPrefix(lower, h) {
			return true
		}
	}
	for _, d := range f.Domains {
		if strings.HasPrefix(lower, asciiLower(d)) {
			return true
		}
	}
	return false
}

func (f *Finder) isDomain(lower string) bool {
	for _, d := range f.Domains {
		if asciiLower(d) == lower {
			return true
		}
	}
	return false
}

func (f *Finder) isPaymentHostName(host string) bool {
	if !isPlainHost(host) {
		return f.isUnplainPaymentHost(host)
	}
	lower := asciiLower(host)
	return link.IsStripeHost(strings.TrimSuffix(lower, ".")) || link.IsStripeLookalike(lower) || f.isDomain(lower)
}

// isUnplainPaymentHost judges a host written with more than ASCII letters,
// digits, '-' and '.': by the host a browser would visit, and by what it
// looks like to a reader (its skeleton), so that a homograph of a payment
// host is found and refused rather than skipped.
func (f *Finder) isUnplainPaymentHost(host string) bool {
	if host == "" {
		return false
	}
	if visit, ok := link.BrowserHost(host); ok && isPlainHost(visit) && f.isPaymentHostName(visit) {
		return true
	}
	sk := skeleton(host)
	return isPlainHost(sk) && f.isPaymentHostName(sk)
}

// isCustomPaymentPath reports whether a path looks like a payment link's on
// a custom domain: /b/ and one slug of at least 10 letters and digits (an
// optional test_ prefix).
func isCustomPaymentPath(path string) bool {
	slug, ok := strings.CutPrefix(path, "/b/")
	if !ok {
		return false
	}
	if i := strings.IndexAny(slug, "?#"); i >= 0 {
		slug = slug[:i]
	}
	slug = strings.TrimPrefix(slug, "test_")
	if len(slug) < 10 {
		return false
	}
	for i := 0; i < len(slug); i++ {
		c := slug[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
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

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

// isPlainHost reports whether s is made of ASCII letters, digits, '-', '_'
// and '.': bytes a browser keeps as written in a host (a_b.example.com).
func isPlainHost(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
