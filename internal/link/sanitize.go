package link

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// utmByte answers "may this byte appear in a UTM code or client_reference_id?"
// with one array load: Stripe allows letters, digits, '-' and '_'.
var utmByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
	}
	return t
}()

// allAllowed reports whether every byte of s passes Stripe's UTM rule.
func allAllowed(s string) bool {
	for i := 0; i < len(s); i++ {
		if !utmByte[s[i]] {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// Sanitized is the outcome of SanitizeUTM.
type Sanitized struct {
	Value   string
	Changes []string // why the value changed, for the warning; nil if it did not
}

// SanitizeUTM rewrites v into a value Stripe records: surrounding white space
// trimmed, diacritics dropped (NFKD, combining marks removed), each run of
// other characters outside [A-Za-z0-9_-] replaced by one '-', a '-' so made
// at either end removed, and lower-cased when lower is set. It does not check
// the length or emptiness of the result; Prepare does.
func SanitizeUTM(v string, lower bool) Sanitized {
	if allAllowed(v) && !(lower && hasUpper(v)) {
		return Sanitized{Value: v} // the common case costs one pass and no allocation
	}
	var changes []string
	s := strings.TrimSpace(v)
	if len(s) != len(v) {
		changes = append(changes, "surrounding white space trimmed")
	}
	if !allAllowed(s) {
		if folded := foldValid(s, norm.NFD); folded != s {
			changes = append(changes, "diacritics dropped")
			s = folded
		}
		if folded := foldValid(s, norm.NFKD); folded != s {
			changes = append(changes, "compatibility characters folded (NFKD, as ﬁ → fi, ① → 1)")
			s = folded
		}
		if spelled, done := spellLatin(s); len(done) > 0 {
			changes = append(changes, describeSpelled(done))
			s = spelled
		}
		var bad []rune
		s, bad = replaceDisallowed(s)
		if len(bad) > 0 {
			changes = append(changes, describeRunes(bad)+" replaced with '-' (letters, digits, '-' and '_' only)")
		}
	}
	if lower && hasUpper(s) {
		s = strings.ToLower(s)
		changes = append(changes, "lower-cased")
	}
	return Sanitized{Value: s, Changes: changes}
}

var diacriticFolder = runes.Remove(runes.In(unicode.Mn))

// latinSpelling gives the ASCII spelling of the Latin letters that are no
// letter with a mark, so NFKD cannot fold them: Straße is Strasse, not
// Stra-e.
var latinSpelling = map[rune]string{
	'ß': "ss", 'ẞ': "SS",
	'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE",
	'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D",
	'ð': "d", 'Ð': "D",
	'þ': "th", 'Þ': "Th",
	'ı': "i",
}

// spellLatin writes each letter of latinSpelling in s with its spelling and
// returns the letters it replaced, in order of first use. Other bytes,
// invalid UTF-8 included, stay as they are.
func spellLatin(s string) (string, []rune) {
	if isASCII(s) {
		return s, nil
	}
	var done []rune
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if sp, ok := latinSpelling[r]; ok {
			if done == nil {
				b.Grow(len(s) + 4)
				b.WriteString(s[:i])
			}
			done = addRune(done, r)
			b.WriteString(sp)
		} else if done != nil {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if done == nil {
		return s, nil
	}
	return b.String(), done
}

// describeSpelled says which letters were spelled how: 'ß' written "ss".
func describeSpelled(done []rune) string {
	parts := make([]string, len(done))
	for i, r := range done {
		parts[i] = "'" + string(r) + "' written \"" + latinSpelling[r] + "\""
	}
	return strings.Join(parts, ", ")
}

// foldValid decomposes s with form and drops the combining marks (é → e),
// one run of valid UTF-8 at a time: an invalid byte stays where it is, for
// replaceDisallowed to turn into '-', and does not stop the folding of the
// rest ("Café\xffx" → "Cafe\xffx").
func foldValid(s string, form norm.Form) string {
	if isASCII(s) {
		// Nothing to fold, and building the chain below would cost more than
		// the rest of a bulk row ("Spring Sale 2026" takes this path).
		return s
	}
	var b strings.Builder
	fold := transform.Chain(form, diacriticFolder, norm.NFC) // one chain: it holds buffers, and String resets it
	for len(s) > 0 {
		n := validPrefix(s)
		if n == 0 {
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		out := s[:n]
		if !isASCII(out) { // ASCII has nothing to fold
			if folded, _, err := transform.String(fold, out); err == nil {
				out = folded
			}
		}
		b.WriteString(out)
		s = s[n:]
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validPrefix is the length of the longest valid UTF-8 prefix of s.
func validPrefix(s string) int {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return i
}

// replaceDisallowed turns each run of disallowed characters into one '-',
// dropping such a '-' at either end, and returns the distinct characters
// it replaced (utf8.RuneError for invalid bytes).
func replaceDisallowed(s string) (string, []rune) {
	var b strings.Builder
	b.Grow(len(s))
	var bad []rune
	pending := false // a run of disallowed characters awaits its '-'
	for i := 0; i < len(s); {
		c := s[i]
		if utmByte[c] {
			if pending && b.Len() > 0 {
				b.WriteByte('-')
			}
			pending = false
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		bad = addRune(bad, r)
		pending = true
		i += size
	}
	return b.String(), bad
}

func addRune(set []rune, r rune) []rune {
	for _, x := range set {
		if x == r {
			return set
		}
	}
	return append(set, r)
}

// describeRune names one character for a message.
func describeRune(r rune) string {
	switch {
	case r == utf8.RuneError:
		return "invalid UTF-8"
	case r == ' ':
		return "' '"
	case unicode.IsPrint(r):
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("%U", r)
}

// describeRunes names characters for a message: ' ', '!' and invalid UTF-8.
func describeRunes(rs []rune) string {
	const most = 6
	if len(rs) == 1 {
		return describeRune(rs[0]) // the common case ("Spring Sale"), with no slice
	}
	var parts []string
	for i, r := range rs {
		if i == most {
			parts = append(parts, "others")
			break
		}
		parts = append(parts, describeRune(r))
	}
	switch len(parts) {
	case 1:
		return parts[0]
	default:
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
}

// CheckLowercase returns a warning for each UTM code in params (values as
// Stripe reads them) with an upper-case letter: what a team whose config
// says lowercase: true wants to hear, since Spring and spring are two
// campaigns to Google Analytics.
func CheckLowercase(params []RawParam) []*Problem {
	var out []*Problem
	for _, rp := range params {
		id, ok := idByName[rp.Key]
		if !ok || Params[id].Kind != KindUTM || !rp.DecodeOK || !hasUpper(rp.Value) {
			continue
		}
		out = append(out, &Problem{Rule: RuleUTMNotLowercase, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
			Reason: "has upper-case letters, and the config says lowercase: true",
			Effect: "Google Analytics counts it apart from its lower-case spelling",
			Fix:    "use " + quote(SanitizeUTM(rp.Value, true).Value)})
	}
	return out
}
