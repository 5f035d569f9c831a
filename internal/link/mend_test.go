package link

import (
	"strings"
	"testing"
)

// apply writes fixes into text.
func apply(text string, fixes []Fix) string {
	var b strings.Builder
	at := 0
	for _, f := range fixes {
		b.WriteString(text[at:f.Start])
		b.WriteString(f.Text)
		at = f.End
	}
	return b.String() + text[at:]
}

// TestMend: the repairs with one safe answer, and what is never repaired.
func TestMend(t *testing.T) {
	const pl = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
	keep := func(v string) bool { return strings.Contains(v, "{{") }
	tests := []struct {
		name, in  string
		lowercase bool
		want      string // the text once mended
	}{
		{"UTM sanitized as build does", pl + "?utm_campaign=Spring+Sale+2026!&x=1", false, pl + "?utm_campaign=Spring-Sale-2026&x=1"},
		{"UTM sanitized, lower case", pl + "?utm_campaign=Spring%20Sale", true, pl + "?utm_campaign=spring-sale"},
		{"UTM with a space, a link cut by one joined", pl + "?utm_campaign=spring sale&utm_medium=post", false, pl + "?utm_campaign=spring-sale&utm_medium=post"},
		{"trailing space before &", pl + "?utm_campaign=spring &utm_medium=post", false, pl + "?utm_campaign=spring&utm_medium=post"},
		{"diacritics", pl + "?utm_source=caf%C3%A9", false, pl + "?utm_source=cafe"},
		{"lowercase keeps escapes", pl + "?utm_source=News%5FLetter", true, pl + "?utm_source=news%5Fletter"},
		{"lowercase an escaped letter, still escaped", pl + "?utm_source=%41b", true, pl + "?utm_source=%61b"},
		{"upper case kept without lowercase", pl + "?utm_source=News", false, pl + "?utm_source=News"},
		{"escaped amp", pl + "?utm_source=a&amp;utm_medium=email", false, pl + "?utm_source=a&utm_medium=email"},
		{"escaped amp and a bad value behind it", pl + "?utm_source=a&amp;utm_medium=e+mail", false, pl + "?utm_source=a&utm_medium=e-mail"},
		{"locale spellings", pl + "?locale=fr_CA&x=1", false, pl + "?locale=fr-CA&x=1"},
		{"locale case", pl + "?locale=pt-br", false, pl + "?locale=pt-BR"},
		{"locale EN", pl + "?locale=EN", false, pl + "?locale=en"},
		{"locale of another code: a guess, not repaired", pl + "?locale=jp", false, pl + "?locale=jp"},
		{"http on a Stripe host", "http://book.stripe.com/x?utm_source=a", false, "https://book.stripe.com/x?utm_source=a"},
		{"http elsewhere: not repaired", "http://pay.example.com/b/x", false, "http://pay.example.com/b/x"},
		{"client_reference_id never", pl + "?client_reference_id=jenny@example.com", false, pl + "?client_reference_id=jenny@example.com"},
		{"e-mail never", pl + "?prefilled_email=jenny+vip@example.com", false, pl + "?prefilled_email=jenny+vip@example.com"},
		{"promo code never", pl + "?prefilled_promo_code=SPRING-25", false, pl + "?prefilled_promo_code=SPRING-25"},
		{"host never", "https://buy.stripe.com.evil.example/x?utm_source=a", false, "https://buy.stripe.com.evil.example/x?utm_source=a"},
		{"placeholder never", pl + "?utm_source={{ src }}", true, pl + "?utm_source={{ src }}"},
		{"nothing left: no repair", pl + "?utm_source=%21%21", false, pl + "?utm_source=%21%21"},
		{"fragment untouched", pl + "?utm_source=a b#x y", false, pl + "?utm_source=a-b#x y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := MendOptions{Lowercase: tt.lowercase, Keep: keep}
			fixes := Mend(tt.in, o)
			got := apply(tt.in, fixes)
			if got != tt.want {
				t.Errorf("mended %q, want %q (fixes %+v)", got, tt.want, fixes)
			}
			if again := Mend(got, o); len(again) != 0 {
				t.Errorf("a second Mend changes %+v", again)
			}
		})
	}
}

// TestMendAliases: --fix writes what the config's aliases map a UTM code
// to, matched as written or as sanitized, as build does; twice changes
// nothing.
func TestMendAliases(t *testing.T) {
	const pl = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
	aliases := Aliases{"utm_source": {"Facebook": "facebook", "fb": "facebook", "IG": "Instagram"}, "utm_medium": {"e-mail": "email"}}
	tests := []struct {
		name, in  string
		lowercase bool
		want      string
	}{
		{"as written", pl + "?utm_source=Facebook&utm_medium=cpc", false, pl + "?utm_source=facebook&utm_medium=cpc"},
		{"case matters", pl + "?utm_source=FB", false, pl + "?utm_source=FB"},
		{"lower-cased first with lowercase", pl + "?utm_source=FB", true, pl + "?utm_source=facebook"},
		{"as sanitized", pl + "?utm_medium=e+mail", false, pl + "?utm_medium=email"},
		{"the value mapped to, lower-cased with lowercase", pl + "?utm_source=IG", true, pl + "?utm_source=instagram"},
		{"not an alias: sanitized only", pl + "?utm_medium=e+mail+blast", false, pl + "?utm_medium=e-mail-blast"},
		{"only UTM codes", pl + "?client_reference_id=fb", false, pl + "?client_reference_id=fb"},
		{"placeholder never", pl + "?utm_source={{fb}}", false, pl + "?utm_source={{fb}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := MendOptions{Lowercase: tt.lowercase, Aliases: aliases, Keep: func(v string) bool { return strings.Contains(v, "{{") }}
			fixes := Mend(tt.in, o)
			if got := apply(tt.in, fixes); got != tt.want {
				t.Errorf("mended %q, want %q (fixes %+v)", got, tt.want, fixes)
			}
			if again := Mend(apply(tt.in, fixes), o); len(again) != 0 {
				t.Errorf("a second Mend changes %+v", again)
			}
			// build writes the same value.
			q := tt.in[strings.IndexByte(tt.in, '?')+1:]
			key, raw, _ := strings.Cut(q, "=")
			if p, ok := Lookup(key); ok && p.Kind == KindUTM && !strings.Contains(raw, "{{") {
				v := strings.ReplaceAll(strings.Split(raw, "&")[0], "+", " ")
				built, _, problem := Prepare(p, v, Options{Lowercase: tt.lowercase, Aliases: aliases})
				wantV := strings.Split(tt.want[strings.IndexByte(tt.want, '=')+1:], "&")[0]
				if problem != nil || built != wantV {
					t.Errorf("build writes %q (%v), --fix %q", built, problem, wantV)
				}
			}
		})
	}
	if fixes := Mend(pl+"?utm_source=fb", MendOptions{Aliases: aliases}); len(fixes) != 1 || fixes[0].Rule != RuleAlias ||
		fixes[0].Old != "fb" || fixes[0].New != "facebook" {
		t.Errorf("fix %+v, want one alias fix fb → facebook", fixes)
	}
}

// TestMendReports: each fix says what changed, as a reader sees it.
func TestMendReports(t *testing.T) {
	fixes := Mend("http://buy.stripe.com/x?utm_campaign=spring+sale&locale=fr_CA", MendOptions{})
	want := []Fix{
		{Rule: RuleLinkHTTP, Param: "", Old: "http://", New: "https://", Start: 4, End: 4, Text: "s"},
		{Rule: RuleUTMInvalidChars, Param: "utm_campaign", Old: "spring sale", New: "spring-sale", Start: 37, End: 48, Text: "spring-sale"},
		{Rule: RuleUnsupportedLocale, Param: "locale", Old: "fr_CA", New: "fr-CA", Start: 56, End: 61, Text: "fr-CA"},
	}
	if len(fixes) != len(want) {
		t.Fatalf("fixes %+v, want %+v", fixes, want)
	}
	for i := range want {
		if fixes[i] != want[i] {
			t.Errorf("fix %d = %+v, want %+v", i, fixes[i], want[i])
		}
	}
}

// TestCutBySpace: an error for the value a space cuts and for each
// parameter after it, saying where the link ends.
func TestCutBySpace(t *testing.T) {
	ps := CutBySpace("https://buy.stripe.com/x?utm_source=blog&utm_campaign=spring", " ", "sale&utm_medium=post")
	want := []string{
		`utm_campaign "spring sale": is cut by a space: the link ends at the space after "…blog&utm_campaign=spring"; Stripe receives "spring"; write "spring-sale"`,
		`utm_medium "post": is after the link's end: the link ends at the space after "…blog&utm_campaign=spring"; Stripe never receives it; remove the space so the link goes on`,
	}
	if len(ps) != len(want) {
		t.Fatalf("problems %v, want %d", ps, len(want))
	}
	for i, p := range ps {
		if p.Error() != want[i] || p.Rule != RuleLinkCut || p.Severity != SeverityError {
			t.Errorf("problem %d:\n%s\nwant\n%s", i, p.Error(), want[i])
		}
	}
	ps = CutBySpace("https://buy.stripe.com/x?client_reference_id=a", " ", "&locale=fr")
	if len(ps) != 1 || ps[0].Param != "locale" {
		t.Errorf("a cut before '&': %v, want only locale", ps)
	}
}

// FuzzMend: for any text, the fixes are in order, inside it and apart, and
// mending twice changes nothing the first time did not (--fix is
// idempotent).
func FuzzMend(f *testing.F) {
	for _, s := range []string{
		"http://buy.stripe.com/x?utm_source=a b&amp;locale=fr_CA",
		"https://buy.stripe.com/x?utm_campaign=Caf%C3%A9 Sale!&utm_term=%zz#f",
		"HTTP://BOOK.stripe.com?amp;amp;utm_medium=E+Mail&locale=pt-br&&",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, lower bool) {
		o := MendOptions{Lowercase: lower}
		fixes := Mend(text, o)
		at := 0
		for _, fx := range fixes {
			if fx.Start < at || fx.End < fx.Start || fx.End > len(text) {
				t.Fatalf("Mend(%q): fix %+v out of order or bounds", text, fx)
			}
			at = fx.End
		}
		once := apply(text, fixes)
		if again := Mend(once, o); len(again) != 0 {
			t.Fatalf("Mend(%q) = %q, which Mend changes again: %+v", text, once, again)
		}
	})
}
