package scan

import (
	"errors"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// FuzzInLine feeds arbitrary lines to the finder and the checks behind
// validate --scan: nothing may panic, every link found starts with its
// scheme, and one found outside markup is a substring of the line.
func FuzzInLine(f *testing.F) {
	for _, seed := range []string{
		`<a href="` + pl + `?utm_source=a&amp;utm_medium=b">`,
		`<a href='` + pl + `?utm_source=a b&#38;x=&#x26;&nosuch;'>`,
		"[x](" + pl + "?utm_id=1). https://buy.stripe.com.evil/x, http://me@BUY.STRIPE.COM:1/a",
		`"https://`, "https://&", "**https://buy.stripe.com/x?a={{ b }}**", "https://buy.strİpe.com/${x",
		`"https://buy.stripe.com/x?prefilled_email=" + e`, `<a href="https://buy.stripe.com.{{ x }}/t">`, "https://buy.stripe.com{{ x }}/t https://buy.stripe.com/t/{{ x }}",
		`"https:\/\/buy.stripe.com\/t/%s?a={b}"`, "https://buy.stripe.com/" + strings.Repeat("a", 70) + "/{{ x }}", "```\nhttps://donate.stripe.com/r/x?%s&:id", `"https://buy.stripe.com/x?a=1\u0026b=2\n"`, "https://buy.stripe.com/&#", "\x00https://buy.stripe.com/\xff",
		`<a href="https&#58;&#47;&#47;buy.stripe.com/t?a=1">`, "[x](&#104;ttps&colon;&sol;&sol;buy.stripe.com/t) `https&#58;//x` https:&#47;/&#x2f;buy.stripe.com/u",
	} {
		f.Add(seed, uint8(Markup))
		f.Add(seed, uint8(Markdown))
	}
	f.Fuzz(func(t *testing.T, line string, syntax uint8) {
		fd := Finder{Domains: []string{"pay.example.com"}, Syntax: Syntax(syntax % 4)}
		for _, c := range fd.Candidates(line) {
			found := c.Link
			if schemeLen(found) == 0 {
				t.Fatalf("Candidates(%q) found %q, which has no scheme", line, found)
			}
			decoded := fd.Syntax == Markup || fd.Syntax == Markdown || strings.Contains(line, `\`) // references, escapes
			if !decoded && !strings.Contains(line, found) {
				t.Fatalf("Candidates(%q) found %q, which is not in the line", line, found)
			}
			// A placeholder never excuses the link itself: what is checked
			// has the scheme and host of what was found.
			if head(c.Check) != head(found) {
				t.Fatalf("Candidates(%q): checks %q for %q: not the same scheme and host", line, c.Check, found)
			}
			if !strings.Contains(line, Placeholder[:4]) {
				noSentinel(t, line, c)
			}
			// A link maps back to the bytes it was read from, so --fix can
			// repair it there.
			if _, ok := c.Written().Spans(c.Joined()); !ok {
				t.Fatalf("Candidates(%q): %q does not map back to the line", line, c.Joined())
			}
			for _, s := range []string{found, c.Check} {
				if l, err := link.Parse(s, fd.Domains); err == nil {
					_ = l.Problems()
					_ = l.Explain()
				}
			}
		}
	})
}

// head is a link's scheme and authority.
func head(s string) string {
	n := schemeLen(s)
	if i := strings.IndexAny(s[n:], "/?#"); i >= 0 {
		return s[:n+i]
	}
	return s
}

// noSentinel fails when a message about what was found, as validate --scan
// shows it, holds Placeholder: users see what they wrote, never the
// stand-in (unless they wrote it themselves, which the caller rules out).
func noSentinel(t *testing.T, line string, c Candidate) {
	t.Helper()
	var ps []*link.Problem
	l, err := link.Parse(c.Check, []string{"pay.example.com"})
	var p *link.Problem
	switch {
	case errors.As(err, &p):
		ps = []*link.Problem{p}
	case err == nil:
		ps = l.Problems()
	}
	for _, p := range ps {
		if p.Param != "" && (HasPlaceholder(p.Value) || HasPlaceholder(p.Param)) {
			continue // not shown: a value only known once the template is rendered
		}
		for _, m := range []string{p.Reason, p.Effect, p.Fix} {
			if got := Unmask(m, c.Masked); strings.Contains(got, Placeholder[:8]) {
				t.Fatalf("Candidates(%q): message %q shows the sentinel", line, got)
			}
		}
	}
}
