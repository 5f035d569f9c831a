package scan

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

const pl = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

func TestInLine(t *testing.T) {
	tests := []struct {
		name   string
		syntax Syntax
		line   string
		want   []string
	}{
		{"HTML &amp; decoded", Markup,
			`<a href="` + pl + `?utm_source=a&amp;utm_medium=b">Pay</a>`,
			[]string{pl + "?utm_source=a&utm_medium=b"}},
		{"HTML decimal reference", Markup,
			`<a href="` + pl + `?utm_source=a&#38;utm_medium=b">`,
			[]string{pl + "?utm_source=a&utm_medium=b"}},
		{"HTML hex reference", Markup,
			`<a href="` + pl + `?utm_source=a&#x26;utm_medium=b">`,
			[]string{pl + "?utm_source=a&utm_medium=b"}},
		{"legacy reference without ';' is a parameter", Markup,
			`<a href="` + pl + `?utm_source=a&copy=1">`,
			[]string{pl + "?utm_source=a&copy=1"}},
		{"unknown reference kept", Markup,
			`<a href="` + pl + `?a=1&nosuch;b=2">`,
			[]string{pl + "?a=1&nosuch;b=2"}},
		{"plain text keeps &amp; as written", Plain,
			pl + "?utm_source=a&amp;utm_medium=b",
			[]string{pl + "?utm_source=a&amp;utm_medium=b"}},
		{"double quote ends it", Plain,
			`x = "` + pl + `?utm_source=a"; y`,
			[]string{pl + "?utm_source=a"}},
		{"single quote ends it", Markup,
			`<a href='` + pl + `?utm_source=a'>`,
			[]string{pl + "?utm_source=a"}},
		{"quoted value runs to its quote, spaces encoded as a browser does", Markup,
			`<a href="` + pl + `?utm_source=news letter">`,
			[]string{pl + "?utm_source=news%20letter"}},
		{"quoted value in plain text keeps its space", Plain,
			`"` + pl + `?utm_source=news letter"`,
			[]string{pl + "?utm_source=news letter"}},
		{"Markdown link ends at ')'", Markup,
			`Buy [here](` + pl + `?utm_source=docs) today.`,
			[]string{pl + "?utm_source=docs"}},
		{"autolink ends at '>'", Markup,
			`<` + pl + `?utm_source=docs>`,
			[]string{pl + "?utm_source=docs"}},
		{"white space ends it", Plain,
			"see " + pl + "?utm_source=a\tand more",
			[]string{pl + "?utm_source=a"}},
		{"sentence full stop is not part of it", Plain,
			"Pay at " + pl + ".",
			[]string{pl}},
		{"a quote keeps trailing punctuation, which Stripe would get", Markup,
			`<a href="` + pl + `?utm_source=a.">`,
			[]string{pl + "?utm_source=a."}},
		{"CSV comma ends it", CSV,
			"1," + pl + "?utm_source=a,b",
			[]string{pl + "?utm_source=a"}},
		{"comma belongs to the link outside CSV", Plain,
			pl + "?utm_source=a,b",
			[]string{pl + "?utm_source=a,b"}},
		{"two links on a line", Markup,
			`<a href="` + pl + `?utm_source=a">1</a><a href="` + pl + `?utm_source=b">2</a>`,
			[]string{pl + "?utm_source=a", pl + "?utm_source=b"}},
		{"plain http found, to be refused", Plain,
			"http://buy.stripe.com/abc",
			[]string{"http://buy.stripe.com/abc"}},
		{"scheme and host in any case", Plain,
			"HTTPS://BUY.STRIPE.COM/abc",
			[]string{"HTTPS://BUY.STRIPE.COM/abc"}},
		{"lookalike host found, to be refused", Plain,
			"https://buy.stripe.com.evil.example/abc",
			[]string{"https://buy.stripe.com.evil.example/abc"}},
		{"user-info does not hide the host", Plain,
			"https://me@buy.stripe.com/abc",
			[]string{"https://me@buy.stripe.com/abc"}},
		{"other hosts are not payment links", Plain,
			"https://stripe.com/docs https://example.com/?to=buy.stripe.com",
			nil},
		{"a payment link inside another link's query is not one", Plain,
			"https://example.com/r?to=https://buy.stripe.com/abc",
			nil},
		{"allowed custom domain", Plain,
			"https://Pay.Example.com/b/abc?utm_source=a",
			[]string{"https://Pay.Example.com/b/abc?utm_source=a"}},
		{"no scheme, no link", Plain,
			"buy.stripe.com/abc",
			nil},
		{"bare scheme at the end of a line", Plain,
			"see https://",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Finder{Domains: []string{"pay.example.com"}, Syntax: tt.syntax}
			if got := f.InLine(tt.line); !slices.Equal(got, tt.want) {
				t.Errorf("InLine(%q)\n got %q\nwant %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestSyntaxOf(t *testing.T) {
	tests := map[string]Syntax{
		"site/index.html":        Markup,
		"mail/Welcome.HTM":       Markup,
		"README.md":              Markdown,
		"emails/receipt.hbs":     Markup,
		"links.csv":              CSV,
		"notes.txt":              Plain,
		"Makefile":               Plain,
		"templates/mail.tmpl":    Markup,
		"archive.tar.gz":         Plain,
		"docs/guide.markdown":    Markdown,
		"Views/Pay.cshtml":       Markup,
		"WEB-INF/pay.jsp":        Markup,
		"lib/pay_live.heex":      Markup,
		"templates/pay.twig":     Markup,
		"site/pay.njk":           Markup,
		"src/Pay.vue":            Markup,
		"src/Pay.svelte":         Markup,
		"src/pages/pay.astro":    Markup,
		"landing/index.liquid":   Markup,
		"without.extension.":     Plain,
		"config/payment.yaml":    Plain,
		"src/components/Buy.tsx": Markup,
	}
	for name, want := range tests {
		if got := SyntaxOf(name); got != want {
			t.Errorf("SyntaxOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMaskPlaceholders(t *testing.T) {
	const P = Placeholder
	tests := map[string]string{
		"?ref={{ order.id }}":                "?ref=" + P,
		"?ref={{order.id}}&x=1":              "?ref=" + P + "&x=1",
		"?ref={% id %}":                      "?ref=" + P,
		"?e=${email}":                        "?e=" + P,
		"?e=${ f({a: 1}) }&x":                "?e=" + P + "&x",
		"?e=${":                              "?e=" + P, // left open: the code goes on
		"?e=#{user.email}":                   "?e=" + P,
		"?id=<%= id %>":                      "?id=" + P,
		"?id=<?= $id ?>":                     "?id=" + P,
		"?id={!! $id !!}":                    "?id=" + P,
		"?id={user_id}":                      "?id=" + P,
		"?id={0}":                            "?id=" + P,
		"?id=%s&e=%(email)s&n=%1$s":          "?id=" + P + "&e=" + P + "&n=" + P,
		"?e=jenny%40example.com":             "?e=jenny%40example.com", // a percent-escape is a value
		"?e=$email":                          "?e=" + P,
		"?e=$user->email":                    "?e=" + P,
		"?id=:id":                            "?id=" + P,
		"?e=@Model.Email":                    "?e=" + P,
		"?e=jenny@example.com":               "?e=jenny@example.com", // '@' inside a value is a value
		"/...":                               "/" + P,
		"/test_...":                          "/test_" + P,
		"/…":                                 "/" + P,
		"/[PRODUCT_ID]":                      "/" + P,
		"/<your-link>":                       "/" + P,
		"/eVa5nPg1j1wmfXq5kr?utm_source=a.b": "/eVa5nPg1j1wmfXq5kr?utm_source=a.b",
		"/*****":                             "/" + P,
		"/•••?prefilled_email=●●●●":           "/" + P + "?prefilled_email=" + P,
		"/xxxxx?client_reference_id=XXXX&a=1": "/" + P + "?client_reference_id=" + P + "&a=1",
		"/test_xxxxx":                         "/test_xxxxx", // a slug that happens to end so
		"/eVa5?utm_source=xx":                 "/eVa5?utm_source=xx",
		"/eVa5?utm_source=boxxx":              "/eVa5?utm_source=boxxx",
		"/eVa5?utm_source=a*b*c":              "/eVa5?utm_source=a*b*c",
		"/eVa5nPg1j1wmfXq5kr?utm_source=a b}": "/eVa5nPg1j1wmfXq5kr?utm_source=a b}",
	}
	for in, want := range tests {
		if got := maskPlaceholders(in); got != want {
			t.Errorf("maskPlaceholders(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCandidatesCheck: what a scan judges (Check) next to what it shows
// (Link), and the links it leaves out.
func TestCandidatesCheck(t *testing.T) {
	const P = Placeholder
	tests := []struct {
		name   string
		syntax Syntax
		line   string
		link   string // "" when no link is found
		check  string
	}{
		{"emphasis trimmed", Markdown, "**" + pl + "?client_reference_id=a**", pl + "?client_reference_id=a", pl + "?client_reference_id=a"},
		{"balanced parentheses kept", Plain, "(" + pl + "?utm_content=a(b))", pl + "?utm_content=a(b)", pl + "?utm_content=a(b)"},
		{"Markdown table cell", Markdown, "|Pro|" + pl + "?utm_source=a|", pl + "?utm_source=a", pl + "?utm_source=a"},
		{"Markdown link text stops at ]", Markdown, "[" + pl + "](" + pl + ")", pl, pl},
		{"concatenated value is the code's", Plain, `"` + pl + `?prefilled_email=" + e`, pl + "?prefilled_email=", pl + "?prefilled_email=" + P},
		{"attribute value is complete", Markup, `<a href="` + pl + `?prefilled_email=">`, pl + "?prefilled_email=", pl + "?prefilled_email="},
		{"JS string in a component is code", Markup, `<a href={"` + pl + `?prefilled_email=" + e}>`, pl + "?prefilled_email=", pl + "?prefilled_email=" + P},
		{"Ruby interpolation is no fragment", Plain, `"` + pl + `?prefilled_email=#{email}"`, pl + "?prefilled_email=#{email}", pl + "?prefilled_email=" + P},
		{"placeholder never in the host", Markup, `<a href="https://buy.stripe.com.evil.example/x?r={{ id }}">`,
			"https://buy.stripe.com.evil.example/x?r={{%20id%20}}", "https://buy.stripe.com.evil.example/x?r=" + P},
		{"redacted slug", Plain, `"https://buy.stripe.com/*****"`, "https://buy.stripe.com/*****", "https://buy.stripe.com/" + P},
		{"redacted slug and e-mail", Markdown, "https://buy.stripe.com/•••?prefilled_email=xxxxx", "https://buy.stripe.com/•••?prefilled_email=xxxxx", "https://buy.stripe.com/" + P + "?prefilled_email=" + P},
		{"bare origin is a prefix", Plain, `"https://buy.stripe.com/"`, "", ""},
		{"test_ alone is a prefix", Plain, "https://buy.stripe.com/test_...", "", ""},
		{"recovery link", Plain, "https://buy.stripe.com/r/live_abc", "", ""},
		{"a lookalike prefix is still found", Plain, `"https://buy.stripe.com.evil.example/"`, "https://buy.stripe.com.evil.example/", "https://buy.stripe.com.evil.example/"},
		{"donate host", Plain, "https://donate.stripe.com/test_abc", "https://donate.stripe.com/test_abc", "https://donate.stripe.com/test_abc"},
		{"book host", Plain, "Book: https://book.stripe.com/5kA9BA2Nb3ME?utm_source=x.", "https://book.stripe.com/5kA9BA2Nb3ME?utm_source=x", "https://book.stripe.com/5kA9BA2Nb3ME?utm_source=x"},
		{"book host lookalike", Plain, "https://book.stripe.com.evil.example/x", "https://book.stripe.com.evil.example/x", "https://book.stripe.com.evil.example/x"},
		{"book recovery link", Plain, "https://book.stripe.com/r/live_abc", "", ""},
		{"homograph found by its skeleton", Plain, "https://buy.strİpe.com/x", "https://buy.strİpe.com/x", "https://buy.strİpe.com/x"},
		{"fence not decoded", Markdown, "```", "", ""},
		{"<script> not decoded", Markup, `<script>u = "` + pl + `?a=1&amp;b=2"</script>`, pl + "?a=1&amp;b=2", pl + "?a=1&amp;b=2"},
		{"attribute of <script> decoded", Markup, `<script src="` + pl + `?a=1&amp;b=2"></script>`, pl + "?a=1&b=2", pl + "?a=1&b=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Finder{Syntax: tt.syntax}
			cs := f.Candidates(tt.line)
			if tt.link == "" {
				if len(cs) != 0 {
					t.Errorf("found %+v, want nothing", cs)
				}
				return
			}
			if len(cs) == 0 || cs[0].Link != tt.link || cs[0].Check != tt.check {
				t.Errorf("got %+v\nwant link %q check %q", cs, tt.link, tt.check)
			}
		})
	}
}

// TestFenceState: a Markdown fence is not decoded until it closes.
func TestFenceState(t *testing.T) {
	f := &Finder{Syntax: Markdown}
	lines := []string{"```sh", "curl '" + pl + "?a=1&amp;b=2'", "```", "'" + pl + "?a=1&amp;b=2'"}
	var got []string
	for _, l := range lines {
		got = append(got, f.InLine(l)...)
	}
	want := []string{pl + "?a=1&amp;b=2", pl + "?a=1&b=2"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCandidatesInCode: links written inside string literals and JSON.
func TestCandidatesInCode(t *testing.T) {
	tests := []struct {
		name   string
		syntax Syntax
		line   string
		want   string
	}{
		{"\\n ends it", Plain, `print("Pay: ` + pl + `\n")`, pl},
		{"\\t ends it, quoted", Plain, `"` + pl + `?utm_source=a\tb"`, pl + "?utm_source=a"},
		{"\\u0026 is '&'", Plain, `{"url": "` + pl + `?utm_source=a\u0026utm_medium=b"}`, pl + "?utm_source=a&utm_medium=b"},
		{"\\/ is '/'", Plain, `"` + pl + `?next=a\/b"`, pl + "?next=a/b"},
		{"&quot; quotes in an attribute", Markup, `<div data-x="{&quot;url&quot;:&quot;` + pl + `?utm_source=a&amp;utm_medium=b&quot;}">`, pl + "?utm_source=a&utm_medium=b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Finder{Syntax: tt.syntax}
			got := f.InLine(tt.line)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want [%q]", got, tt.want)
			}
		})
	}
}

// TestIndexSchemeFromColons: going from colon to colon finds what trying
// every byte finds (the way indexScheme went before), on random text made
// of the letters schemes are written with.
func TestIndexSchemeFromColons(t *testing.T) {
	byteByByte := func(s string, from int) int {
		for i := from; i+7 <= len(s); i++ {
			if (s[i] == 'h' || s[i] == 'H') && isSchemeAt(s, i) {
				return i
			}
		}
		return -1
	}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"http", "https", "HtTpS", "h", "s", ":", "/", `\/`, `\`, "x", " ", ":/", "://", `:\/\/`}
	found := 0
	for range 200000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		from := r.IntN(len(s) + 1)
		got, want := indexScheme(s, from), byteByByte(s, from)
		if got != want {
			t.Fatalf("indexScheme(%q, %d) = %d, want %d", s, from, got, want)
		}
		if got >= 0 {
			found++
		}
	}
	if found < 5000 {
		t.Errorf("only %d of the random texts held a scheme: the test tries too little", found)
	}
	for _, s := range []string{"see https://buy.stripe.com/x", `{"u":"HTTPS:\/\/x"}`, "http:/\\/x", "ahttp://", "https:", "x:https://"} {
		if got, want := indexScheme(s, 0), byteByByte(s, 0); got != want || got < 0 && strings.Contains(s, "//") {
			t.Errorf("indexScheme(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestSchemeInReferences: a scheme written with character references is
// found as a browser reads it, where a browser decodes them (markup, a
// Markdown link), at the place it is written, and its written bytes map
// back for a repair; not in code no browser decodes, nor in plain text.
func TestSchemeInReferences(t *testing.T) {
	tests := []struct {
		syntax Syntax
		line   string
		links  []string
		starts []int
	}{
		{Markup, `<a href="https:&#47;&#47;buy.stripe.com/test_x?a=1">`, []string{"https://buy.stripe.com/test_x?a=1"}, []int{9}},
		{Markup, `<a href="&#x68;ttps&colon;&sol;&sol;buy.stripe.com/test_x">`, []string{"https://buy.stripe.com/test_x"}, []int{9}},
		// A plain link after an encoded one keeps its own place.
		{Markup, `<a href="https&#58;//buy.stripe.com/test_a">x</a> https://buy.stripe.com/test_b`, []string{"https://buy.stripe.com/test_a", "https://buy.stripe.com/test_b"}, []int{9, 50}},
		{Markdown, "[x](https&#58;//buy.stripe.com/test_x) and `https&#58;//buy.stripe.com/test_y`", []string{"https://buy.stripe.com/test_x"}, []int{4}},
		{Plain, "https&#58;//buy.stripe.com/test_x", nil, nil},
	}
	for _, tt := range tests {
		f := Finder{Syntax: tt.syntax}
		cands := f.Candidates(tt.line)
		var links []string
		var starts []int
		for _, c := range cands {
			links, starts = append(links, c.Link), append(starts, c.Start)
			if _, ok := c.Written().Spans(c.Joined()); !ok {
				t.Errorf("%q: %q does not map back to the line", tt.line, c.Joined())
			}
		}
		if !slices.Equal(links, tt.links) || !slices.Equal(starts, tt.starts) {
			t.Errorf("Candidates(%q) = %q at %v, want %q at %v", tt.line, links, starts, tt.links, tt.starts)
		}
	}
	// In a <script> element the text is not decoded: read as written.
	f := Finder{Syntax: Markup}
	if got := f.InLine(`<script>u = "https:&#47;&#47;buy.stripe.com/test_x"</script>`); len(got) != 0 {
		t.Errorf("in <script>: %q, want nothing", got)
	}
}
