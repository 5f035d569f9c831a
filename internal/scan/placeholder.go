package scan

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/paylink/paylink/internal/link"
)

// judgeable returns the link to check, cand with every placeholder replaced
// by Placeholder (after the host only: a placeholder never excuses the host),
// and whether the link is to be checked at all. A prefix (the origin alone,
// or /test_ with nothing after it) and, on a Stripe host, a Checkout
// recovery link (/r/...) are not payment links. When the code completes the
// text, an empty last value is a placeholder too.
func judgeable(cand string, genuineHost bool, codeCompleted bool) (string, []string, bool) {
	n := schemeLen(cand)
	a := strings.IndexAny(cand[n:], "/?#")
	if a < 0 {
		return cand, nil, !genuineHost // the origin alone
	}
	head := cand[:n+a]
	tail, masked := maskKeeping(cand[n+a:])
	if tail == "" || strings.IndexByte("/?#", tail[0]) < 0 {
		// The placeholder took the delimiter ("https://buy.stripe.com#{path}"):
		// it stands for a path, and never joins the host.
		tail = "/" + tail
	}
	if codeCompleted && strings.HasSuffix(tail, "=") {
		tail += Placeholder
		masked = append(masked, "")
	}
	if genuineHost {
		path, hasQuery := tail, false
		if i := strings.IndexAny(tail, "?#"); i >= 0 {
			path, hasQuery = tail[:i], tail[i] == '?' && i+1 < len(tail)
		}
		switch {
		case strings.HasPrefix(path, "/r/") && link.IsStripeHost(hostOf(head)):
			return "", nil, false
		case (path == "" || path == "/" || path == "/test_") && !hasQuery:
			return "", nil, false
		}
	}
	return head + tail, masked, true
}

// hostOf returns the lower-case host of "scheme://[user@]host[:port]".
func hostOf(head string) string {
	h := head[schemeLen(head):]
	h = h[strings.LastIndexByte(h, '@')+1:]
	if i := strings.IndexByte(h, ':'); i >= 0 {
		h = h[:i]
	}
	return asciiLower(h)
}

// pairs are the template and interpolation expressions with an opener and a
// closer: Handlebars, Mustache, Liquid, Jinja, Twig, Blade, Go and Angular
// ({{ }}), Jinja and Liquid tags ({% %}, {# #}), Blade's raw {!! !!},
// JavaScript, JSP EL and shell (${ }), Ruby and Elixir (#{ }), ERB, EJS,
// JSP and ASP (<% %>, <%= %>), PHP (<? ?>, <?= ?>), Razor (@{ }, @( )).
// The longer opener comes first.
var pairs = []struct{ open, close string }{
	{"{{{", "}}}"}, {"{{", "}}"}, {"{%", "%}"}, {"{#", "#}"}, {"{!!", "!!}"},
	{"${", "}"}, {"#{", "}"}, {"<%", "%>"}, {"<?", "?>"}, {"@{", "}"}, {"@(", ")"}, {"[[", "]]"},
}

// maskPlaceholders replaces each placeholder in s with Placeholder: the
// expressions in pairs (one left open runs to the end: the code goes on
// past the text), single-brace fields ({user_id}, {0}, Svelte's {email}),
// printf verbs (%s, %d, %(name)s, %1$s), variables ($email, $user->email),
// route parameters and Razor expressions at the start of a value or path
// segment (:id, @Model.Email), and documentation placeholders (..., …,
// [PRODUCT_ID], <your-link>, and a slug or value redacted as *****, •••
// or xxxxx).
func maskPlaceholders(s string) string {
	masked, _ := maskKeeping(s)
	return masked
}

// maskKeeping is maskPlaceholders, also returning the placeholders it
// replaced, in order, as written.
func maskKeeping(s string) (string, []string) {
	if !mayHavePlaceholder(s) {
		return s, nil
	}
	var b strings.Builder
	var kept []string
	for i := 0; i < len(s); {
		if n := placeholderLen(s, i); n > 0 {
			b.WriteString(Placeholder)
			kept = append(kept, s[i:i+n])
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), kept
}

// Unmask returns a message about a masked link (Candidate.Check) with each
// Placeholder in it replaced by the placeholder it stands for (masked, in
// order), escaped as a quoted value in a message is: users see what they
// wrote, never the sentinel. A sentinel cut where a long quoted value was
// shortened ("…") is dropped.
func Unmask(msg string, masked []string) string {
	if !strings.Contains(msg, Placeholder[:4]) {
		return msg
	}
	var b strings.Builder
	for k := 0; ; k++ {
		i := strings.Index(msg, Placeholder)
		if i < 0 {
			break
		}
		orig := "…"
		if k < len(masked) {
			q := strconv.Quote(masked[k])
			orig = q[1 : len(q)-1]
		}
		b.WriteString(msg[:i])
		b.WriteString(orig)
		msg = msg[i+len(Placeholder):]
	}
	b.WriteString(msg)
	return dropCutSentinel(b.String())
}

// dropCutSentinel removes the start of a sentinel that a shortened quoted
// value ends with ("...PAYLINK_PLA"… (120 characters)).
func dropCutSentinel(msg string) string {
	const cut = "\"…"
	var b strings.Builder
	for {
		i := strings.Index(msg, cut)
		if i < 0 {
			break
		}
		head := msg[:i]
		for n := min(len(Placeholder)-1, len(head)); n >= 4; n-- {
			if strings.HasSuffix(head, Placeholder[:n]) {
				head = head[:len(head)-n]
				break
			}
		}
		b.WriteString(head)
		b.WriteString(cut)
		msg = msg[i+len(cut):]
	}
	b.WriteString(msg)
	return b.String()
}

// codePlaceholderLen is placeholderLen for the placeholders code and
// templates write (template tags, interpolation, format verbs, variables),
// not the ones documentation writes ("...", "…", [NAME], <name>): text such
// as "https://buy.stripe.com…" in prose builds no host.
func codePlaceholderLen(s string, i int) int {
	switch s[i] {
	case '{', '%', '$', '#', '<', '@', '[':
		if s[i] == '[' || s[i] == '<' {
			for _, p := range pairs {
				if strings.HasPrefix(s[i:], p.open) {
					return placeholderLen(s, i)
				}
			}
			return 0
		}
		return placeholderLen(s, i)
	}
	return 0
}

// mayHavePlaceholder is a quick no for the common link with none.
func mayHavePlaceholder(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '%', '$', '#', '<', '@', '[', ':', '.', '*', 0xe2:
			return true
		case 'x', 'X':
			if i+2 < len(s) && lowerByte(s[i+1]) == 'x' && lowerByte(s[i+2]) == 'x' {
				return true
			}
		}
	}
	return false
}

// redactions are the characters documentation masks a slug or a value
// with: https://buy.stripe.com/*****, •••, ●●●, xxxxx.
var redactions = []string{"*", "•", "●", "x", "X"}

// redactedLen is the length of the redaction s[i:] starts with: a whole
// path segment or value (after '/' or '=', up to the end or '?', '&', '#',
// '/') of at least three masking characters; or 0.
func redactedLen(s string, i int) int {
	if i == 0 || (s[i-1] != '/' && s[i-1] != '=') {
		return 0
	}
	j, n := i, 0
	for j < len(s) {
		k := 0
		for _, r := range redactions {
			if strings.HasPrefix(s[j:], r) {
				k = len(r)
				break
			}
		}
		if k == 0 {
			break
		}
		j, n = j+k, n+1
	}
	if n < 3 || j < len(s) && strings.IndexByte("?&#/", s[j]) < 0 {
		return 0
	}
	return j - i
}

// placeholderLen is the length of the placeholder at s[i:], or 0.
func placeholderLen(s string, i int) int {
	if n := redactedLen(s, i); n > 0 {
		return n
	}
	rest := s[i:]
	for _, p := range pairs {
		if strings.HasPrefix(rest, p.open) {
			return closerEnd(rest, p.open, p.close)
		}
	}
	switch c := rest[0]; {
	case c == '{':
		if j := strings.IndexByte(rest, '}'); j > 0 && j <= 100 && !strings.ContainsAny(rest[1:j], "{&?#/") {
			return j + 1
		}
	case c == '%':
		return printfLen(rest)
	case c == '$':
		return variableLen(rest)
	case c == '.' && strings.HasPrefix(rest, "..."):
		return len(rest) - len(strings.TrimLeft(rest, "."))
	case strings.HasPrefix(rest, "…"):
		return len("…")
	case c == '[' || c == '<':
		return bracketedNameLen(rest)
	case (c == ':' || c == '@') && i > 0 && (s[i-1] == '=' || s[i-1] == '/'):
		if n := identLen(rest[1:], true); n > 0 {
			return 1 + n
		}
	}
	return 0
}

// closerEnd is the length of the expression s starts with, up to and
// including its closer, or all of s when it is left open. Braces nest:
// ${ f({a: 1}) } ends at its own '}'.
func closerEnd(s, open, close string) int {
	if close == "}" || close == ")" {
		opener := byte('{')
		if close == ")" {
			opener = '('
		}
		depth := 0
		for j := len(open) - 1; j < len(s); j++ {
			switch s[j] {
			case opener:
				depth++
			case close[0]:
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(s)
	}
	if j := strings.Index(s[len(open):], close); j >= 0 {
		return len(open) + j + len(close)
	}
	return len(s)
}

// printfLen is the length of the printf verb s starts with (%s, %d,
// %(name)s, %1$s), or 0 for a percent-escape such as %40 or a lone '%'.
func printfLen(s string) int {
	if len(s) >= 3 && isHex(s[1]) && isHex(s[2]) {
		return 0
	}
	if len(s) < 2 {
		return 0
	}
	switch c := s[1]; {
	case strings.IndexByte("sdvifqxXou", c) >= 0:
		return 2
	case c == '(':
		if j := strings.IndexByte(s, ')'); j > 0 && j+1 < len(s) && isLetter(s[j+1]) {
			return j + 2
		}
	case c >= '1' && c <= '9':
		if len(s) >= 4 && s[2] == '$' && isLetter(s[3]) {
			return 4
		}
	}
	return 0
}

// variableLen is the length of the PHP or shell variable s starts with:
// $email, $user->email, $_GET['id'].
func variableLen(s string) int {
	n := identLen(s[1:], false)
	if n == 0 {
		return 0
	}
	j := 1 + n
	for j < len(s) {
		switch {
		case strings.HasPrefix(s[j:], "->"):
			m := identLen(s[j+2:], false)
			if m == 0 {
				return j
			}
			j += 2 + m
		case s[j] == '[':
			k := strings.IndexByte(s[j:], ']')
			if k < 0 {
				return j
			}
			j += k + 1
		default:
			return j
		}
	}
	return j
}

// bracketedNameLen is the length of a documentation placeholder such as
// [PRODUCT_ID] or <your-link> at the start of s, or 0.
func bracketedNameLen(s string) int {
	closer := byte(']')
	if s[0] == '<' {
		closer = '>'
	}
	for j := 1; j < len(s) && j <= 80; j++ {
		c := s[j]
		switch {
		case c == closer && j > 1:
			return j + 1
		case isLetter(c), c >= '0' && c <= '9', c == '_', c == '-', c == ' ':
			if j == 1 && !isLetter(c) && c != '_' {
				return 0
			}
		default:
			return 0
		}
	}
	return 0
}

// identLen is the length of the identifier s starts with; dotted allows
// member access (Model.Email).
func identLen(s string, dotted bool) int {
	j := 0
	for j < len(s) {
		c := s[j]
		switch {
		case isLetter(c), c == '_', c >= '0' && c <= '9' && j > 0:
		case c == '.' && dotted && j > 0 && j+1 < len(s) && isLetter(s[j+1]):
		default:
			return j
		}
		j++
	}
	return j
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// confusables maps letters that look like ASCII ones in host names (Cyrillic,
// Greek, Armenian and dotless Latin letters) to the ASCII letter a reader
// sees. Accents and full-width forms are handled by NFKD.
var confusables = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i',
	'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'к': 'k', 'м': 'm', 'т': 't', 'в': 'b',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ε': 'e',
	'օ': 'o', 'ս': 'u', 'ց': 'g', 'ı': 'i', 'ȷ': 'j', 'ɩ': 'i', 'ɡ': 'g', 'ℓ': 'l',
}

// skeleton is host as a reader sees it: decomposed (NFKD), accents and
// invisible characters dropped, lookalike letters mapped to ASCII, ASCII
// lower case. "buy.strİpe.com" and "buy.ѕtripe.com" both read buy.stripe.com.
func skeleton(host string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(host) {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			continue
		case confusables[r] != 0:
			r = confusables[r]
		case r == '。' || r == '．' || r == '｡':
			r = '.'
		}
		if r < 0x80 {
			b.WriteByte(lowerByte(byte(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// span is a byte range [from, to) of a line.
type span struct{ from, to int }

func inSpans(spans []span, i int) bool {
	for _, s := range spans {
		if i >= s.from && i < s.to {
			return true
		}
	}
	return false
}

// rawSpans returns the parts of line whose character references nobody
// decodes: a Markdown code fence, and the text of HTML <script> and <style>
// elements. It carries what is still open to the next line.
func (f *Finder) rawSpans(line string) []span {
	if f.Syntax == Markdown && f.fenceLine(line) {
		return []span{{0, len(line)}}
	}
	if f.Syntax != Markdown && f.Syntax != Markup {
		return nil
	}
	var spans []span
	from := -1
	if f.raw != "" {
		from = 0
	}
	for i := strings.IndexByte(line, '<'); i >= 0 && i < len(line); {
		name, closing, ok := rawTag(line[i:])
		switch {
		case ok && f.raw == "" && !closing:
			f.raw = name
			end := strings.IndexByte(line[i:], '>')
			if end < 0 {
				end = len(line) - i - 1
			}
			from = i + end + 1
		case ok && closing && name == f.raw:
			spans = append(spans, span{max(from, 0), i})
			f.raw, from = "", -1
		}
		j := strings.IndexByte(line[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if f.raw != "" {
		spans = append(spans, span{max(from, 0), len(line)})
	}
	return spans
}

// rawTag reports whether s starts with a <script>, <style>, </script> or
// </style> tag, in any case.
func rawTag(s string) (name string, closing, ok bool) {
	s = s[1:]
	if strings.HasPrefix(s, "/") {
		closing, s = true, s[1:]
	}
	for _, n := range []string{"script", "style"} {
		if len(s) > len(n) && asciiEqualFold(s[:len(n)], n) {
			if c := s[len(n)]; c == '>' || c == ' ' || c == '\t' || c == '/' {
				return n, closing, true
			}
		}
	}
	return "", false, false
}

// fenceLine reports whether line opens, closes or lies inside a Markdown
// code fence (``` or ~~~, indented at most three spaces).
func (f *Finder) fenceLine(line string) bool {
	t := strings.TrimLeft(line, " ")
	indented := len(line)-len(t) > 3
	if f.fence != "" {
		if !indented && strings.HasPrefix(t, f.fence) && strings.Trim(t, f.fence[:1]+" \t") == "" {
			f.fence = ""
		}
		return true
	}
	for _, m := range []string{"```", "~~~"} {
		if !indented && strings.HasPrefix(t, m) {
			f.fence = m
			return true
		}
	}
	return false
}

// Templated reports whether a value, as written, holds a placeholder (a
// template tag, a variable, a redaction): a value only known later, which
// no repair may touch.
func Templated(v string) bool { return maskPlaceholders(v) != v }
