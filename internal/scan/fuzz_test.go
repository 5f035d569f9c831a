package scan

import (
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
		`"https://`, "https://&", "https://buy.stripe.com/&#", "\x00https://buy.stripe.com/\xff",
	} {
		f.Add(seed, uint8(Markup))
	}
	f.Fuzz(func(t *testing.T, line string, syntax uint8) {
		fd := Finder{Domains: []string{"pay.example.com"}, Syntax: Syntax(syntax % 3)}
		for _, found := range fd.InLine(line) {
			if schemeLen(found) == 0 {
				t.Fatalf("InLine(%q) found %q, which has no scheme", line, found)
			}
			if fd.Syntax != Markup && !strings.Contains(line, found) {
				t.Fatalf("InLine(%q) found %q, which is not in the line", line, found)
			}
			if l, err := link.Parse(found, fd.Domains); err == nil {
				_ = l.Problems()
				_ = l.Explain()
			}
		}
	})
}
