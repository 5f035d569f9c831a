package link

import (
	"strings"
	"testing"
)

const seed = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

func mustParse(t *testing.T, raw string, domains ...string) *Link {
	t.Helper()
	l, err := Parse(raw, domains)
	if err != nil {
		t.Fatalf("Parse(%q): %v", raw, err)
	}
	return l
}

func values(kv ...string) *Values {
	var vs Values
	for i := 0; i < len(kv); i += 2 {
		p, ok := Lookup(kv[i])
		if !ok {
			panic("no parameter " + kv[i])
		}
		vs.Put(p.ID, kv[i+1])
	}
	return &vs
}

func TestBuildKeepsTheRawQuery(t *testing.T) {
	tests := []struct {
		name, in string
		set      *Values
		want     string
	}{
		{"seed example in table order", seed,
			values("utm_medium", "earned_email", "utm_source", "marketo", "utm_campaign", "campaign_a"),
			seed + "?utm_source=marketo&utm_medium=earned_email&utm_campaign=campaign_a"},
		{"existing bytes survive", seed + "?x=%E2%9C%93&y=a+b&flag",
			values("utm_source", "news"),
			seed + "?x=%E2%9C%93&y=a+b&flag&utm_source=news"},
		{"replaced in place, duplicates removed", seed + "?a=1&utm_source=old&b=2&utm_source=dup&c=3",
			values("utm_source", "new"),
			seed + "?a=1&utm_source=new&b=2&c=3"},
		{"key without '=' is replaced in place", seed + "?utm_source&a=1",
			values("utm_source", "new"),
			seed + "?utm_source=new&a=1"},
		{"percent-encoded key is the same parameter", seed + "?utm%5Fsource=old",
			values("utm_source", "new"),
			seed + "?utm_source=new"},
		{"fragment kept", seed + "?a=1#top?x=y",
			values("utm_term", "t"),
			seed + "?a=1&utm_term=t#top?x=y"},
		{"fragment kept without query", seed + "#top",
			values("utm_term", "t"),
			seed + "?utm_term=t#top"},
		{"empty value removes", seed + "?a=1&utm_source=old&b=2",
			values("utm_source", ""),
			seed + "?a=1&b=2"},
		{"removing the only parameter drops the '?'", seed + "?utm_source=old#f",
			values("utm_source", ""),
			seed + "#f"},
		{"removing what is absent changes nothing", seed + "?",
			values("utm_source", ""),
			seed + "?"},
		{"empty '?' gets the new parameters", seed + "?",
			values("utm_source", "a"),
			seed + "?utm_source=a"},
		{"empty segments kept", seed + "?&a=1&&",
			values("utm_source", "a"),
			seed + "?&a=1&&&utm_source=a"},
		{"other utm names are not touched", seed + "?utm_id=7&UTM_SOURCE=x",
			values("utm_source", "a"),
			seed + "?utm_id=7&UTM_SOURCE=x&utm_source=a"},
		{"all ten in table order", seed,
			values("locale", "fr", "prefilled_promo_code", "SPRING25", "locked_prefilled_email", "a@b.co",
				"prefilled_email", "jenny+vip@example.com", "client_reference_id", "order-1042",
				"utm_content", "hero", "utm_term", "shoes", "utm_campaign", "c", "utm_medium", "m", "utm_source", "s"),
			seed + "?utm_source=s&utm_medium=m&utm_campaign=c&utm_term=shoes&utm_content=hero&client_reference_id=order-1042" +
				"&prefilled_email=jenny%2Bvip%40example.com&locked_prefilled_email=a%40b.co&prefilled_promo_code=SPRING25&locale=fr"},
		{"scheme and host case kept", "HTTPS://Buy.Stripe.Com/abc?x=1",
			values("utm_source", "a"),
			"HTTPS://Buy.Stripe.Com/abc?x=1&utm_source=a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, problems := Build(mustParse(t, tt.in), tt.set, Options{})
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if res.Link != tt.want {
				t.Errorf("got  %s\nwant %s", res.Link, tt.want)
			}
		})
	}
}

func TestBuildSanitizesUTM(t *testing.T) {
	tests := []struct {
		in, want string
		lower    bool
		warn     string // part of the warning; "" for no warning
	}{
		{"spring_sale-2026", "spring_sale-2026", false, ""},
		{"Spring Sale 2026!", "Spring-Sale-2026", false, `utm_campaign: "Spring Sale 2026!" → "Spring-Sale-2026": ' ' and '!' replaced with '-'`},
		{"  padded\t", "padded", false, "surrounding white space trimmed"},
		{"Café Crème", "Cafe-Creme", false, "diacritics dropped"},
		{"ＡＢＣ", "ABC", false, "compatibility characters folded"}, // full-width letters fold under NFKD
		{"ﬁ①x", "fi1x", false, "compatibility characters folded"},
		{"Café\xffx", "Cafe-x", false, "diacritics dropped, invalid UTF-8 replaced"},
		{"a   b", "a-b", false, "' ' replaced"},
		{"a - b", "a---b", false, "' ' replaced"}, // a '-' typed by the user is kept
		{"!!x!!", "x", false, "'!' replaced"},
		{"-x-", "-x-", false, ""}, // only a '-' made by sanitizing is trimmed
		{"Google", "Google", false, ""},
		{"Google", "google", true, "lower-cased"},
		{"Spring Sale", "spring-sale", true, "lower-cased"},
		{"a\xffb", "a-b", false, "invalid UTF-8 replaced"},
		{"日本", "", false, ""}, // nothing left: error, tested below
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			res, problems := Build(mustParse(t, seed), values("utm_campaign", tt.in), Options{Lowercase: tt.lower})
			if tt.want == "" {
				if len(problems) != 1 || !strings.Contains(problems[0].Error(), "has no letter Stripe accepts: a UTM code takes only ASCII letters") ||
					!strings.Contains(problems[0].Error(), "transliteration") {
					t.Fatalf("want one 'only ASCII letters' problem suggesting a transliteration, got %v", problems)
				}
				return
			}
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if want := seed + "?utm_campaign=" + tt.want; res.Link != want {
				t.Errorf("got %s, want %s", res.Link, want)
			}
			switch {
			case tt.warn == "" && len(res.Warnings) > 0:
				t.Errorf("unexpected warnings %q", res.Warnings)
			case tt.warn != "" && (len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], tt.warn)):
				t.Errorf("warnings %q, want one containing %q", res.Warnings, tt.warn)
			}
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	long := strings.Repeat("a", 151)
	tests := []struct {
		name string
		set  *Values
		opt  Options
		want []string // parts of the one problem's message
	}{
		{"utm over 150, never truncated", values("utm_source", long), Options{},
			[]string{"utm_source", "151 characters", "limit of 150", "never truncates"}},
		{"utm over 150 after sanitizing", values("utm_source", strings.Repeat("é", 151)), Options{},
			[]string{"after sanitizing"}},
		{"utm of white space only", values("utm_source", "   "), Options{},
			[]string{"nothing left after sanitizing", "empty value to remove"}},
		{"strict refuses what needs sanitizing", values("utm_campaign", "Spring Sale 2026!"), Options{Strict: true},
			[]string{`utm_campaign "Spring Sale 2026!"`, "' ' and '!' are not allowed", "discard it silently", `"Spring-Sale-2026"`, "--strict"}},
		{"strict refuses padding", values("utm_campaign", " x"), Options{Strict: true},
			[]string{"' ' is not allowed"}},
		{"client_reference_id is never rewritten", values("client_reference_id", "jenny@example.com"), Options{},
			[]string{`client_reference_id "jenny@example.com"`, "'@' and '.' are not allowed", "letters, digits, '-' and '_' only, at most 200",
				"drop it silently", "customer or order id"}},
		{"client_reference_id with a space", values("client_reference_id", "order 42"), Options{},
			[]string{"' ' is not allowed"}},
		{"client_reference_id over 200", values("client_reference_id", strings.Repeat("x", 201)), Options{},
			[]string{"201 characters", "limit of 200"}},
		{"e-mail with a display name", values("prefilled_email", "Jenny <jenny@example.com>"), Options{},
			[]string{"not a bare e-mail address", `"jenny@example.com"`}},
		{"not an e-mail", values("locked_prefilled_email", "jenny@"), Options{},
			[]string{"not a valid e-mail address", "disregard"}},
		{"promo code with '-'", values("prefilled_promo_code", "SPRING-25"), Options{},
			[]string{"'-' is not allowed", "letters and digits only"}},
		{"unknown locale with a did-you-mean", values("locale", "en_gb"), Options{},
			[]string{`locale "en_gb"`, "not a Stripe Checkout locale", `did you mean "en-GB"?`}},
		{"locale typo", values("locale", "frr"), Options{},
			[]string{`did you mean "fr"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, problems := Build(mustParse(t, seed), tt.set, tt.opt)
			if res.Link != "" {
				t.Errorf("printed a link despite problems: %s", res.Link)
			}
			if len(problems) != 1 {
				t.Fatalf("want 1 problem, got %v", problems)
			}
			msg := problems[0].Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	_, problems := Build(mustParse(t, seed+"?utm_medium=a+b"),
		values("utm_source", "", "client_reference_id", "a@b", "locale", "xx-YY"), Options{})
	var params []string
	for _, p := range problems {
		params = append(params, p.Param)
	}
	if got := strings.Join(params, ","); got != "client_reference_id,locale,utm_medium" {
		t.Errorf("problems for %s, want client_reference_id,locale,utm_medium (the existing bad value too)", got)
	}
}

func TestBuildWarnsAboutIgnoredAndRepeated(t *testing.T) {
	res, problems := Build(mustParse(t, seed+"?utm_id=1&a=1&a=2&utm_source=x&utm_source=y"),
		values("utm_source", "z"), Options{})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := strings.Join(res.Warnings, "\n")
	if !strings.Contains(got, "utm_id") || !strings.Contains(got, "Stripe does not record it") {
		t.Errorf("no warning for utm_id in %q", got)
	}
	if !strings.Contains(got, "a \"1\": appears 2 times") {
		t.Errorf("no warning for the repeated a in %q", got)
	}
	if strings.Contains(got, `utm_source "`) {
		t.Errorf("utm_source is being set, its copies are removed, no warning expected: %q", got)
	}
}

func TestPrepareEncodesEmails(t *testing.T) {
	for in, want := range map[string]string{
		"jenny+vip@example.com": "jenny%2Bvip%40example.com",
		"a.b@example.co.uk":     "a.b%40example.co.uk",
		"o'neil@example.com":    "o%27neil%40example.com",
	} {
		got, _, p := Prepare(Params[PrefilledEmail], in, Options{})
		if p != nil || got != want {
			t.Errorf("Prepare(%q) = %q, %v; want %q", in, got, p, want)
		}
	}
}

func TestBuildIsIdempotent(t *testing.T) {
	l := mustParse(t, seed+"?a=1&utm_source=old#x")
	set := values("utm_source", "Spring Sale", "utm_medium", "", "prefilled_email", "a+b@c.de")
	first, _ := Build(l, set, Options{})
	second, problems := Build(mustParse(t, first.Link), set, Options{})
	if len(problems) > 0 || second.Link != first.Link {
		t.Errorf("second build %q (%v), first %q", second.Link, problems, first.Link)
	}
}

func TestSuggestLocale(t *testing.T) {
	for in, want := range map[string]string{
		"en_gb": "en-GB", "EN-gb": "en-GB", "PT_br": "pt-BR", "fr_FR": "fr", "de-AT": "de",
		"frr": "fr", "es-491": "es", "zh-tw": "zh-TW", "xx": "", "english": "", "": "",
		"EN": "en", "pt-br": "pt-BR", "fr_CA": "fr-CA", "deu": "de", "jp": "ja", "cn": "zh",
		// Another language is never suggested, however close its code.
		"he": "", "ar": "", "hi": "", "he-IL": "", "uk": "", "heb": "",
	} {
		if got := SuggestLocale(in); got != want {
			t.Errorf("SuggestLocale(%q) = %q, want %q", in, got, want)
		}
	}
}

// sanitizedUTM is SanitizeUTM's value by a shorter road for ASCII: the two
// must agree on every value, ASCII or not.
func TestSanitizedUTMAgrees(t *testing.T) {
	for _, v := range []string{
		"", "spring_sale", "Spring Sale 2026", "  Spring Sale! ", "!!!", "a--b", "-a-", "a b\tc",
		"x\x00y\x7f", "Été Sale", "ﬁsh", "Straße", "日本語セール", "a\xffb", " ", "a  ,, b",
	} {
		if got, want := sanitizedUTM(v), SanitizeUTM(v, false).Value; got != want {
			t.Errorf("sanitizedUTM(%q) = %q, SanitizeUTM gives %q", v, got, want)
		}
	}
}

// A bidi or zero-width character, or a "##vso[" workflow command, kept from
// the link's own query or fragment is percent-encoded in the built link, as
// a browser would send it; the rest of the link keeps its bytes.
func TestBuildEncodesInvisibleCharacters(t *testing.T) {
	var vals Values
	vals.Put(UTMSource, "news")
	for raw, want := range map[string]string{
		seed + "?ref=a\u202eb#x\u200b":      seed + "?ref=a%E2%80%AEb&utm_source=news#x%E2%80%8B",
		seed + "?ref=1##vso[task.complete]": seed + "?ref=1&utm_source=news##vso%5Btask.complete]",
		seed + "?ref=caf%C3%A9&x=é":         seed + "?ref=caf%C3%A9&x=é&utm_source=news",
	} {
		res, problems := Build(mustParse(t, raw), &vals, Options{})
		if len(problems) > 0 || res.Link != want {
			t.Errorf("Build(%q) = %q %v, want %q", raw, res.Link, problems, want)
		}
	}
}

// TestSanitizeSpellsLatinLetters: the Latin letters NFKD cannot fold are
// spelled in ASCII (Straße is Strasse, not Stra-e), and the warning says
// how; invalid bytes beside them stay for replaceDisallowed.
func TestSanitizeSpellsLatinLetters(t *testing.T) {
	tests := []struct{ in, want, change string }{
		{"Straße", "Strasse", `'ß' written "ss"`},
		{"Ærø", "AEro", `'Æ' written "AE", 'ø' written "o"`},
		{"Łódź", "Lodz", `diacritics dropped, 'Ł' written "L"`},
		{"œuvre", "oeuvre", `'œ' written "oe"`},
		{"þing-đak", "thing-dak", `'þ' written "th", 'đ' written "d"`},
		{"ß\xffß", "ss-ss", `'ß' written "ss", invalid UTF-8 replaced with '-' (letters, digits, '-' and '_' only)`},
	}
	for _, tt := range tests {
		got := SanitizeUTM(tt.in, false)
		if got.Value != tt.want || strings.Join(got.Changes, ", ") != tt.change {
			t.Errorf("SanitizeUTM(%q) = %q, changes %q; want %q, %q", tt.in, got.Value, got.Changes, tt.want, tt.change)
		}
	}
}

// TestTooLongAfterSanitizingCountsBoth: a value shown as given ("… (193
// characters)") and a length after sanitizing must not read as a
// contradiction: the message gives both, in characters.
func TestTooLongAfterSanitizingCountsBoth(t *testing.T) {
	p, _ := Lookup("utm_campaign")
	_, _, problem := Prepare(p, strings.Repeat("a", 192)+"🎉", Options{})
	want := "is 192 characters long after sanitizing (193 as given), over Stripe's limit of 150"
	if problem == nil || problem.Reason != want || !strings.Contains(problem.Fix, "at most 150 characters") {
		t.Fatalf("got %v, want reason %q", problem, want)
	}
	if msg := problem.Error(); !strings.Contains(msg, "(193 characters): "+want) {
		t.Errorf("message: %s", msg)
	}
}

// TestOtherScriptFix: a value in another script is letters to its author;
// the message says Stripe takes only ASCII letters and what to write.
func TestOtherScriptFix(t *testing.T) {
	p, _ := Lookup("utm_campaign")
	if problem := Check(p, "日本語セール"); problem == nil || !strings.Contains(problem.Fix, "transliteration") || !strings.Contains(problem.Fix, "only ASCII letters") {
		t.Errorf("validate's fix for 日本語セール: %v", problem)
	}
	if _, _, problem := Prepare(p, "!!!", Options{}); problem == nil || strings.Contains(problem.Error(), "transliteration") {
		t.Errorf("punctuation only is no other script: %v", problem)
	}
}
