package scan

import (
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// mendLine repairs the links of one line the way validate --fix does: the
// fixes link.Mend finds in each link as read, written back through
// Written.Spans.
func mendLine(t *testing.T, syntax Syntax, line string) string {
	t.Helper()
	f := &Finder{Syntax: syntax}
	out, at := "", 0
	for _, c := range f.Candidates(line) {
		span, ok := c.Written().Spans(c.Joined())
		if !ok {
			t.Fatalf("%q: the line does not read as %q", line, c.Joined())
		}
		for _, fix := range link.Mend(c.Joined(), link.MendOptions{}) {
			from, to := span(fix.Start, fix.End)
			out += line[at:from] + fix.Text
			at = to
		}
	}
	return out + line[at:]
}

// TestSpansRepairOnlyLinkBytes: a repair changes the bytes of the value it
// mends and nothing else: &amp; stays &amp; in an attribute, escapes of a
// JSON string stay escapes, percent-escapes of other values stay.
func TestSpansRepairOnlyLinkBytes(t *testing.T) {
	tests := []struct {
		name   string
		syntax Syntax
		line   string
		want   string
	}{
		{"attribute keeps &amp;", Markup,
			`<a href="` + pl + `?utm_source=news&amp;utm_campaign=Spring Sale&amp;locale=fr_CA">Buy</a>`,
			`<a href="` + pl + `?utm_source=news&amp;utm_campaign=Spring-Sale&amp;locale=fr-CA">Buy</a>`},
		{"entity inside a value", Markup,
			`<a href='` + pl + `?utm_campaign=caf&eacute;&amp;x=1'>`,
			`<a href='` + pl + `?utm_campaign=cafe&amp;x=1'>`},
		{"JSON escapes kept", Plain,
			`{"url": "http:\/\/buy.stripe.com\/test_abc?utm_source=a b\u0026prefilled_email=jenny%40example.com"}`,
			`{"url": "https:\/\/buy.stripe.com\/test_abc?utm_source=a-b\u0026prefilled_email=jenny%40example.com"}`},
		{"&amp; in a text file", Plain,
			"Buy: " + pl + "?utm_source=a&amp;utm_medium=email now",
			"Buy: " + pl + "?utm_source=a&utm_medium=email now"},
		{"cut by a space", Markdown,
			"Buy at " + pl + "?utm_source=blog&utm_campaign=spring sale&utm_medium=post.",
			"Buy at " + pl + "?utm_source=blog&utm_campaign=spring-sale&utm_medium=post."},
		{"CommonMark destination", Markdown,
			"[Buy](<" + pl + "?utm_campaign=spring sale>)",
			"[Buy](<" + pl + "?utm_campaign=spring-sale>)"},
		{"two links", Plain,
			pl + "?locale=EN " + pl + "?utm_term=a+b",
			pl + "?locale=en " + pl + "?utm_term=a-b"},
		{"ids never", Plain,
			pl + "?client_reference_id=jenny@example.com&prefilled_promo_code=A-1",
			pl + "?client_reference_id=jenny@example.com&prefilled_promo_code=A-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mendLine(t, tt.syntax, tt.line)
			if got != tt.want {
				t.Errorf("mended\n%s\nwant\n%s", got, tt.want)
			}
			if again := mendLine(t, tt.syntax, got); again != got {
				t.Errorf("a second repair changes it:\n%s", again)
			}
		})
	}
}

// TestCutBySpace: a bare link a space ends, when the text after the space
// goes on with its query; a CommonMark destination in angle brackets is one
// link, spaces included.
func TestCutBySpace(t *testing.T) {
	tests := []struct {
		name, line string
		syntax     Syntax
		link, cut  string
	}{
		{"cut", "See " + pl + "?utm_source=blog&utm_campaign=spring sale&utm_medium=post.", Markdown,
			pl + "?utm_source=blog&utm_campaign=spring", "sale&utm_medium=post"},
		{"cut before &", pl + "?utm_campaign=spring &locale=fr", Plain, pl + "?utm_campaign=spring", "&locale=fr"},
		{"cut in markup, decoded", pl + "?utm_campaign=a b&amp;utm_medium=c", Markdown, pl + "?utm_campaign=a", "b&utm_medium=c"},
		{"prose after a link", pl + "?utm_source=blog and more & more=1", Plain, pl + "?utm_source=blog", ""},
		{"a site's own keys", pl + "?utm_source=blog x&ref=2", Plain, pl + "?utm_source=blog", ""},
		{"no query", pl + " sale&utm_medium=post", Plain, pl, ""},
		{"ends with punctuation", pl + "?utm_source=blog. sale&utm_medium=post", Plain, pl + "?utm_source=blog", ""},
		{"quoted: the quote ends it", `"` + pl + `?utm_source=a" b&utm_medium=c`, Plain, pl + "?utm_source=a", ""},
		{"destination", "[Buy](<" + pl + "?utm_campaign=spring sale>)", Markdown, pl + "?utm_campaign=spring%20sale", ""},
		{"destination, empty value complete", "[Buy](<" + pl + "?prefilled_email=>)", Markdown, pl + "?prefilled_email=", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := (&Finder{Syntax: tt.syntax}).Candidates(tt.line)
			if len(cs) != 1 || cs[0].Link != tt.link || cs[0].Cut != tt.cut {
				t.Fatalf("found %+v, want %q cut by %q", cs, tt.link, tt.cut)
			}
			if strings.HasPrefix(tt.name, "destination") && cs[0].Check != tt.link {
				t.Errorf("check %q: the value is no placeholder", cs[0].Check)
			}
		})
	}
}
