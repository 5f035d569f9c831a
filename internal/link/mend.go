package link

import "strings"

// Fix is one safe repair of a link's text: the bytes [Start, End) of the
// text replaced by Text. Old and New say what changed as a reader sees it
// (values as Stripe reads them).
type Fix struct {
	Rule     RuleID
	Param    string // the parameter repaired, "" for the link itself
	Old, New string
	Start    int
	End      int
	Text     string
}

// MendOptions are what decides a repair besides the link.
type MendOptions struct {
	Lowercase bool // the config's lowercase: true: UTM codes are written in lower case
	// Keep reports whether a value written so must be left as it is (it
	// holds a template placeholder: its value is known only later).
	Keep func(rawValue string) bool
	// Aliases are the config's aliases: a UTM code one maps to another is
	// written as the value it maps to, as build writes it.
	Aliases Aliases
	// Markup says the link is in HTML or Markdown, where an "&amp;" left
	// as written (in a <script>, a code fence) may be HTML source shown as
	// an example: it is reported, never repaired.
	Markup bool
}

// Segment is one '&'-separated parameter of a link's text, with where it
// stands in that text.
type Segment struct {
	RawParam
	RawKey     string
	Start      int // where the key starts
	ValueStart int // where the value starts (after '='), or End when there is none
	End        int
}

// Repair is a row of the table of safe repairs: a kind of problem and its
// one safe mend. A row mends the key (OnKey) or the value of a segment.
type Repair struct {
	Rule  RuleID
	OnKey bool
	// Mend returns the fix for s, and false when the row does not apply or
	// has no single safe answer.
	Mend func(s Segment, o MendOptions) (Fix, bool)
}

// Repairs is THE table of the repairs validate --fix makes: only those with
// exactly one safe answer. Never repaired, only reported: an id, an e-mail
// or a promotion code (paylink never rewrites one), the host or the slug (a
// lookalike is no typo to correct), a value holding a placeholder. A new
// safe repair is a new row. The first value row that applies to a segment
// wins; key rows run first, so a value behind a mended key is then judged
// under its real name.
var Repairs = []Repair{
	{Rule: RuleHTMLEscapedAmp, OnKey: true, Mend: mendEscapedAmp},
	// Before sanitizing: an alias may name a value as sanitized ("e mail"
	// is "e-mail", which the team maps to "email"), and build applies both.
	{Rule: RuleAlias, Mend: mendAlias},
	{Rule: RuleUTMInvalidChars, Mend: mendUTM},
	{Rule: RuleUTMNotLowercase, Mend: mendLowercase},
	{Rule: RuleUnsupportedLocale, Mend: mendLocale},
}

// Mend returns the safe repairs of text, a link as written (it may hold a
// space, as a link cut by one does once joined again): http:// on a Stripe
// host, and the rows of Repairs for each parameter. Fixes come in order and
// do not overlap. text need not parse as a link: only its scheme, host and
// query are read.
func Mend(text string, o MendOptions) []Fix {
	var out []Fix
	if rest, ok := cutPrefixFold(text, "http://"); ok {
		host := rest
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			host = rest[:i]
		}
		if IsStripeHost(asciiLower(host)) {
			// An 's' inserted, so "http:\/\/" in a JSON string keeps its escapes.
			out = append(out, Fix{Rule: RuleLinkHTTP, Old: "http://", New: "https://", Start: len("http"), End: len("http"), Text: "s"})
		}
	}
	for _, s := range Segments(text) {
		out = append(out, mendSegment(s, o)...)
	}
	return out
}

func mendSegment(s Segment, o MendOptions) []Fix {
	var out []Fix
	valueDone := false
	for _, r := range Repairs {
		if !r.OnKey && (valueDone || o.Keep != nil && o.Keep(s.RawValue)) {
			continue
		}
		f, ok := r.Mend(s, o)
		if !ok {
			continue
		}
		f.Rule = r.Rule
		out = append(out, f)
		if r.OnKey {
			s.Key = f.New // the value is judged under the key it now has
		} else {
			valueDone = true
		}
	}
	return out
}

// Segments returns the parameters of a link's text with their offsets:
// the query runs from the first '?' to the first '#' after it.
func Segments(text string) []Segment {
	q := strings.IndexByte(text, '?')
	if q < 0 {
		return nil
	}
	end := len(text)
	if h := strings.IndexByte(text[q:], '#'); h >= 0 {
		end = q + h
	}
	var out []Segment
	for i := q + 1; i < end; {
		j := strings.IndexByte(text[i:end], '&')
		segEnd := end
		if j >= 0 {
			segEnd = i + j
		}
		if seg := text[i:segEnd]; seg != "" {
			s := Segment{RawParam: parseSegment(seg), Start: i, End: segEnd, ValueStart: segEnd}
			s.RawKey, _, _ = strings.Cut(seg, "=")
			if s.HasValue {
				s.ValueStart = i + len(s.RawKey) + 1
			}
			out = append(out, s)
		}
		i = segEnd + 1
	}
	return out
}

// mendEscapedAmp writes "&amp;utm_medium" as "&utm_medium": the "amp;"
// left in a key by an HTML escape copied where nothing decodes it.
func mendEscapedAmp(s Segment, o MendOptions) (Fix, bool) {
	name := escapedAmp(s.Key)
	if o.Markup || name == "" || len(s.RawKey) < 4 || !strings.EqualFold(s.RawKey[:4], "amp;") {
		return Fix{}, false
	}
	return Fix{Param: s.Key, Old: s.Key, New: name, Start: s.Start, End: s.Start + 4}, true
}

// valueFix is the fix writing v as s's value.
func valueFix(s Segment, v, text string) Fix {
	return Fix{Param: s.Key, Old: s.Value, New: v, Start: s.ValueStart, End: s.End, Text: text}
}

// mendUTM sanitizes a UTM code Stripe would discard, with the function
// build sanitizes with (SanitizeUTM), so build and --fix never disagree.
// A value sanitizing leaves empty or too long has no safe repair.
func mendUTM(s Segment, o MendOptions) (Fix, bool) {
	p, ok := utmParam(s)
	if !ok {
		return Fix{}, false
	}
	if pr := Check(p, s.Value); pr == nil || pr.Rule != RuleUTMInvalidChars {
		return Fix{}, false
	}
	v := SanitizeUTM(s.Value, o.Lowercase).Value
	if v == "" || Check(p, v) != nil {
		return Fix{}, false
	}
	return valueFix(s, v, v), true // made of letters, digits, '-' and '_': nothing to encode
}

// mendAlias writes a UTM code the config's aliases map to another as the
// value it maps to, matched as written or as sanitized, exactly as build
// rewrites it (prepareUTM), so build and --fix never disagree.
func mendAlias(s Segment, o MendOptions) (Fix, bool) {
	p, ok := utmParam(s)
	if !ok || len(o.Aliases[p.Name]) == 0 {
		return Fix{}, false
	}
	to, ok := o.Aliases.Lookup(p.Name, s.Value)
	if !ok {
		if to, ok = o.Aliases.Lookup(p.Name, SanitizeUTM(s.Value, o.Lowercase).Value); !ok {
			return Fix{}, false
		}
	}
	v := SanitizeUTM(to, o.Lowercase).Value // to is a value Stripe records: only lower-cased, if at all
	if v == s.Value || Check(p, v) != nil {
		return Fix{}, false
	}
	return valueFix(s, v, v), true // letters, digits, '-' and '_': nothing to encode
}

// mendLowercase writes a UTM code in lower case when the config says
// lowercase: true. The text keeps its percent-escapes as written: only
// the letters outside them change.
func mendLowercase(s Segment, o MendOptions) (Fix, bool) {
	if _, ok := utmParam(s); !ok || !o.Lowercase || !hasUpper(s.Value) {
		return Fix{}, false
	}
	return valueFix(s, asciiLower(s.Value), lowerOutsideEscapes(s.RawValue)), true
}

// mendLocale writes a locale that is a spelling of a supported one
// (fr_CA, pt-br, EN) as Stripe lists it. A locale of another language's
// code (jp for ja) is a guess, not a spelling: reported, never repaired.
func mendLocale(s Segment, _ MendOptions) (Fix, bool) {
	if s.Key != Params[Locale].Name || !s.DecodeOK || Check(Params[Locale], s.Value) == nil {
		return Fix{}, false
	}
	v := SuggestLocale(s.Value)
	if v == "" || !strings.EqualFold(strings.ReplaceAll(s.Value, "_", "-"), v) {
		return Fix{}, false
	}
	return valueFix(s, v, v), true
}

// utmParam is the UTM parameter s sets, with a value read without error.
func utmParam(s Segment) (Param, bool) {
	id, ok := idByName[s.Key]
	if !ok || Params[id].Kind != KindUTM || !s.DecodeOK || !s.HasValue {
		return Param{}, false
	}
	return Params[id], true
}

// lowerOutsideEscapes lower-cases the ASCII letters of a raw value,
// keeping its percent-escapes escapes: %41 ('A') becomes %61 ('a'), and
// %C3%A9 stays as written.
func lowerOutsideEscapes(raw string) string {
	const hex = "0123456789ABCDEF"
	b := []byte(raw)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '%' && i+2 < len(b):
			if c := unhex(b[i+1])<<4 | unhex(b[i+2]); isHexDigit(b[i+1]) && isHexDigit(b[i+2]) && c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
				b[i+1], b[i+2] = hex[c>>4], hex[c&15]
			}
			i += 2
		case b[i] >= 'A' && b[i] <= 'Z':
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// unhex is the value of a hex digit (0xF for another byte, which callers
// rule out with isHexDigit).
func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0xF
}
