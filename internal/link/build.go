package link

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paylink/paylink/internal/safe"
)

// Options are the choices that shape how values are written.
type Options struct {
	Lowercase bool    // lower-case UTM codes
	Strict    bool    // refuse a UTM code that needs sanitizing instead of rewriting it
	Aliases   Aliases // values rewritten to the team's spelling (UTM codes)
}

// Values are the parameters a build sets. A parameter whose Set is true is
// written with Value, or removed from the link when Value is "".
type Values struct {
	Set   [NumParams]bool
	Value [NumParams]string
}

// Put sets parameter id to v ("" removes it).
func (vs *Values) Put(id ID, v string) {
	vs.Set[id], vs.Value[id] = true, v
}

// Result is a built link and the warnings to show about it.
type Result struct {
	Link     string
	Warnings []string
	// Kinds says what each warning says whatever the value: the parameter
	// and what was changed or is wrong, for grouping the warnings of many
	// links ("utm_campaign: ' ' replaced with '-'" once for 300,000 rows).
	Kinds []string
}

// Build sets vals on l. It returns every problem it finds rather than the
// first: the value being set that Stripe would drop, and the parameters
// already on the link that Stripe would drop. On any problem of severity
// error it returns no link, so nothing unsafe is printed.
func Build(l *Link, vals *Values, opt Options) (Result, []*Problem) {
	var res Result
	var problems []*Problem
	var enc [NumParams]string
	for id := range ID(NumParams) {
		if !vals.Set[id] || vals.Value[id] == "" {
			continue
		}
		s, warn, kind, p := prepare(Params[id], vals.Value[id], opt)
		if p != nil {
			problems = append(problems, p)
			continue
		}
		enc[id] = s
		if warn != "" {
			res.Warnings = append(res.Warnings, warn)
			res.Kinds = append(res.Kinds, kind)
		}
	}
	for _, p := range l.problems(&vals.Set) {
		if p.Severity == SeverityError {
			problems = append(problems, p)
		} else {
			res.Warnings = append(res.Warnings, p.Error())
			res.Kinds = append(res.Kinds, p.Param+" "+p.Reason)
		}
	}
	if len(problems) > 0 {
		return Result{}, problems
	}
	if l.plainHTTP {
		res.Warnings = append(res.Warnings, "link: http:// written as https:// (browsers upgrade stripe.com to https anyway)")
		res.Kinds = append(res.Kinds, "link: http:// written as https://")
	}
	res.Link = l.with(&enc, &vals.Set)
	if l.unusual {
		// A bidi or zero-width character kept from the link's own query or
		// fragment is percent-encoded, as a browser sends it: printed raw
		// it would hide or reorder what the reader sees. Only the link's own
		// bytes can hold one: paylink percent-encodes what it appends.
		res.Link = safe.Link(res.Link)
	}
	return res, nil
}

// Prepare turns a value given by the user into the text written on the link:
// UTM codes sanitized (or, with opt.Strict, refused when they need it), other
// values checked, e-mail addresses percent-encoded. warn describes a change
// made, "" when there was none.
func Prepare(p Param, v string, opt Options) (written, warn string, problem *Problem) {
	written, warn, _, problem = prepare(p, v, opt)
	return written, warn, problem
}

// prepare is Prepare, also returning the warning's kind (see Result.Kinds).
func prepare(p Param, v string, opt Options) (written, warn, kind string, problem *Problem) {
	if p.Kind == KindUTM {
		return prepareUTM(p, v, opt)
	}
	if problem = Check(p, v); problem != nil {
		return "", "", "", problem
	}
	if p.Kind == KindEmail {
		return escapeAll(v), "", "", nil
	}
	return v, "", "", nil
}

func prepareUTM(p Param, v string, opt Options) (written, warn, kind string, problem *Problem) {
	given := v
	var aliased []string
	if to, ok := opt.Aliases.Lookup(p.Name, v); ok {
		if opt.Strict {
			return "", "", "", aliasStrict(p.Name, v, to)
		}
		aliased, v = append(aliased, aliasChange(p.Name, v, to)), to
	}
	// --strict refuses a value to sanitize before sanitizing it: the check
	// works out the suggestion itself, and a bulk run refuses every row.
	if opt.Strict {
		if problem := Check(p, v); problem != nil {
			if problem.Fix != "" {
				problem.Fix += ", or drop --strict to let paylink sanitize it"
			}
			return "", "", "", problem
		}
	}
	s := SanitizeUTM(v, opt.Lowercase)
	if s.Value == "" {
		return "", "", "", nothingLeft(p, v)
	}
	if problem := Check(p, s.Value); problem != nil {
		if s.Value != v {
			problem.Value = v
			problem.Reason += " after sanitizing"
			if problem.Rule == RuleUTMTooLong {
				// The value shown is the one given, so say both lengths.
				problem.Reason = fmt.Sprintf("is %d characters long after sanitizing (%d as given), over Stripe's limit of %d",
					len(s.Value), utf8.RuneCountInString(v), p.Max)
				problem.Fix = fmt.Sprintf("shorten it to at most %d characters (paylink never truncates)", p.Max)
			}
		}
		return "", "", "", problem
	}
	// An alias also matches the value as sanitized: "e mail" becomes
	// "e-mail", which the team may map to "email".
	if to, ok := opt.Aliases.Lookup(p.Name, s.Value); ok && len(aliased) == 0 {
		if opt.Lowercase {
			to = asciiLower(to) // as the value an alias given as written maps to is
		}
		aliased, s.Value = append(aliased, aliasChange(p.Name, s.Value, to)), to
	}
	changes := append(s.Changes, aliased...)
	if len(changes) == 0 {
		return s.Value, "", "", nil
	}
	all := strings.Join(changes, ", ")
	return s.Value, p.Name + ": " + quote(given) + " → " + quote(s.Value) + ": " + all, p.Name + ": " + all, nil
}

// aliasStrict refuses, under --strict, a value an alias would rewrite.
func aliasStrict(name, from, to string) *Problem {
	pr := aliasProblem(name, from, to, SeverityError)
	pr.Fix = "write " + quote(to) + ", or drop --strict to let paylink rewrite it"
	return pr
}

// nothingLeft is the problem of a UTM code sanitizing empties. Letters of
// another script are letters to the value's author, but Stripe takes only
// ASCII ones: say so, and what to write instead.
func nothingLeft(p Param, v string) *Problem {
	pr := &Problem{Rule: RuleUTMEmpty, Param: p.Name, Value: v, Severity: SeverityError,
		Reason: "has nothing left after sanitizing (" + p.Rule + ")",
		Fix:    "give a value with letters or digits, or an empty value to remove the parameter"}
	if strings.IndexFunc(v, isOtherScript) >= 0 {
		pr.Reason = "has no letter Stripe accepts: a UTM code takes only ASCII letters (A-Z, a-z), digits, '-' and '_', so nothing is left after sanitizing"
		pr.Fix = "write it in Latin letters (a transliteration, such as nihongo-sale for 日本語セール) or use an id such as campaign_2026_04"
	}
	return pr
}

// escapeAll percent-encodes every byte outside the unreserved set of RFC
// 3986, so '@' becomes %40 and '+' becomes %2B as Stripe asks for e-mails.
func escapeAll(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if utmByte[c] || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

var idByName = func() map[string]ID {
	m := make(map[string]ID, NumParams)
	for _, p := range Params {
		m[p.Name] = p.ID
	}
	return m
}()

// with returns the link with the parameters in set written from enc ("" to
// remove). A parameter already on the link is replaced where it stands and
// its other copies removed; new ones are appended in table order. Every
// other byte is copied as it is.
func (l *Link) with(enc *[NumParams]string, set *[NumParams]bool) string {
	// One allocation, of the exact size when nothing is replaced: the link
	// is the result of every bulk row.
	size := len(l.Raw) + 1
	for id, e := range enc {
		if set[id] && e != "" {
			size += len(Params[id].Name) + len(e) + 2
		}
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(l.base)
	b.WriteByte('?')
	var done [NumParams]bool
	kept := 0
	if l.query != "" {
		for seg := range strings.SplitSeq(l.query, "&") {
			if id, ok := idByName[segmentKey(seg)]; ok && set[id] {
				if done[id] || enc[id] == "" {
					continue
				}
				done[id] = true
				seg = Params[id].Name + "=" + enc[id]
			}
			if kept > 0 {
				b.WriteByte('&')
			}
			b.WriteString(seg)
			kept++
		}
	}
	for id := range ID(NumParams) {
		if set[id] && !done[id] && enc[id] != "" {
			if kept > 0 {
				b.WriteByte('&')
			}
			b.WriteString(Params[id].Name)
			b.WriteByte('=')
			b.WriteString(enc[id])
			kept++
		}
	}
	out := b.String()
	if len(out) == len(l.base)+1 && !(l.hasQuery && l.query == "") {
		out = l.base // nothing is left of the query: no bare '?' (unless it came so)
	}
	return out + l.fragment
}

func segmentKey(seg string) string {
	k, _, _ := strings.Cut(seg, "=")
	return decodeKey(k)
}
