package link

import (
	"strings"
	"testing"
)

const explainSeed = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

func parseOrFail(t *testing.T, raw string) *Link {
	t.Helper()
	l, err := Parse(raw, []string{"pay.example.com"})
	if err != nil {
		t.Fatalf("Parse(%q): %v", raw, err)
	}
	return l
}

// TestProblemsEachKind covers every kind of problem validate reports about
// a link that parses: one link per kind, the problem's parameter, value as
// Stripe reads it, severity, and words its message must hold.
func TestProblemsEachKind(t *testing.T) {
	tests := []struct {
		name     string
		query    string
		param    string
		value    string
		severity Severity
		words    []string
	}{
		{"'+' is a space after decoding", "utm_source=a+b", "utm_source", "a b", SeverityError,
			[]string{`"a b"`, "' ' is not allowed", "letters, digits, '-' and '_' only", "discard it silently", `use "a-b"`}},
		{"%20 is a space after decoding", "utm_medium=e%20mail", "utm_medium", "e mail", SeverityError,
			[]string{"' ' is not allowed", `use "e-mail"`}},
		{"UTM code over 150", "utm_campaign=" + strings.Repeat("a", 151), "utm_campaign", strings.Repeat("a", 151), SeverityError,
			[]string{"151 characters long", "limit of 150", "never truncates"}},
		{"empty UTM code", "utm_term=", "utm_term", "", SeverityError,
			[]string{"is empty"}},
		{"e-mail as client_reference_id", "client_reference_id=jenny%40example.com", "client_reference_id", "jenny@example.com", SeverityError,
			[]string{"'@' and '.' are not allowed", "drop it silently", "could not be reconciled"}},
		{"client_reference_id over 200", "client_reference_id=" + strings.Repeat("9", 201), "client_reference_id", strings.Repeat("9", 201), SeverityError,
			[]string{"201 characters long", "limit of 200"}},
		{"invalid prefilled_email", "prefilled_email=jenny", "prefilled_email", "jenny", SeverityError,
			[]string{"has no '@'", "disregard it"}},
		{"display name in locked_prefilled_email", "locked_prefilled_email=Jenny%20%3Cjenny%40example.com%3E", "locked_prefilled_email", "Jenny <jenny@example.com>", SeverityError,
			[]string{"not a bare e-mail address", `use "jenny@example.com"`}},
		{"'+' left unencoded in an e-mail", "prefilled_email=jenny+vip@example.com", "prefilled_email", "jenny vip@example.com", SeverityError,
			[]string{"a '+' in a URL query is a space", "percent-encode it: prefilled_email=jenny%2Bvip%40example.com"}},
		{"e-mail with a space", "prefilled_email=jenny%20vip%40example.com", "prefilled_email", "jenny vip@example.com", SeverityError,
			[]string{"contains a space", "give a bare address"}},
		{"e-mail with white space around it", "prefilled_email=%20jenny%40example.com", "prefilled_email", " jenny@example.com", SeverityError,
			[]string{"has white space around it", `use "jenny@example.com"`}},
		{"quoted e-mail gets no invalid suggestion", "prefilled_email=%22a%20b%22%40x.com", "prefilled_email", `"a b"@x.com`, SeverityError,
			[]string{"not a bare e-mail address", "give a bare address such as jenny@example.com"}},
		{"UTM code with nothing to keep", "utm_source=%E2%9C%93", "utm_source", "✓", SeverityError,
			[]string{"'✓' is not allowed", "replace it with a value made of letters, digits, '-' and '_'"}},
		{"promo code with '-'", "prefilled_promo_code=SPRING-25", "prefilled_promo_code", "SPRING-25", SeverityError,
			[]string{"'-' is not allowed", "letters and digits only", "disregard it"}},
		{"unknown locale with a suggestion", "locale=pt_BR", "locale", "pt_BR", SeverityError,
			[]string{"not a Stripe Checkout locale", "drop it", `did you mean "pt-BR"?`}},
		{"broken percent-encoding", "utm_source=100%", "utm_source", "100%", SeverityError,
			[]string{"not validly percent-encoded", "discard it silently"}},
		{"Google Analytics name", "utm_id=42", "utm_id", "42", SeverityWarning,
			[]string{"Google Analytics parameter", "does not record it", "utm_source, utm_medium"}},
		{"unknown utm_ name", "utm_campain=x", "utm_campain", "x", SeverityWarning,
			[]string{"not a UTM code Stripe reads"}},
		{"&amp; copied from HTML", "utm_source=a&amp;utm_medium=email", "amp;utm_medium", "email", SeverityError,
			[]string{`utm_medium written after "&amp;"`, "utm_medium is lost", "write '&'"}},
		{"repeated parameter", "utm_source=a&utm_source=b", "utm_source", "a", SeverityWarning,
			[]string{"appears 2 times", "which copy Stripe keeps is undefined"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := parseOrFail(t, explainSeed+"?"+tt.query).Problems()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			p := ps[0]
			if p.Param != tt.param || p.Value != tt.value || p.Severity != tt.severity {
				t.Errorf("got %s %q %s, want %s %q %s", p.Param, p.Value, p.Severity, tt.param, tt.value, tt.severity)
			}
			for _, w := range tt.words {
				if !strings.Contains(p.Message(), w) {
					t.Errorf("message %q lacks %q", p.Message(), w)
				}
			}
		})
	}
}

func TestProblemsAcceptDecodedValues(t *testing.T) {
	// %2D is a '-' and %5F a '_': after decoding they pass, whatever the
	// raw text looks like.
	l := parseOrFail(t, explainSeed+"?utm_source=news%2Dletter&utm_medium=e%5Fmail&prefilled_email=jenny%2Bvip%40example.com&amp=1&locale=pt-BR")
	if ps := l.Problems(); len(ps) != 0 {
		t.Errorf("got problems %v, want none", ps)
	}
}

func TestParseRefusesLookalike(t *testing.T) {
	_, err := Parse("https://buy.stripe.com.evil.example/abc", nil)
	if err == nil || !strings.Contains(err.Error(), `lookalike, owned by whoever owns "evil.example"`) {
		t.Errorf("got %v, want the lookalike named", err)
	}
}

func TestExplain(t *testing.T) {
	l := parseOrFail(t, explainSeed+"?utm_source=newsletter&utm_medium=e+mail&utm_id=42&foo=bar"+
		"&client_reference_id=order-1042&locale=fr&locale=de&prefilled_email=jenny%40example.com")
	want := []struct {
		name, value string
		status      Status
		reason      string
	}{
		{"utm_source", "newsletter", StatusRecorded, "redirect URL after payment, only when the link's confirmation behaviour is redirect"},
		{"utm_medium", "e mail", StatusDropped, `' ' is not allowed (letters, digits, '-' and '_' only, at most 150 characters); Stripe would discard it silently`},
		{"utm_id", "42", StatusIgnored, "is a Google Analytics parameter; Stripe does not record it"},
		{"foo", "bar", StatusUnused, "not a parameter Stripe reads"},
		{"client_reference_id", "order-1042", StatusRecorded, "checkout.session.completed webhook (not the redirect URL)"},
		{"locale", "fr", StatusIgnored, "language of the payment page; appears 2 times; which copy Stripe keeps is undefined"},
		{"locale", "de", StatusIgnored, "appears 2 times"},
		{"prefilled_email", "jenny@example.com", StatusRecorded, "pre-fills the editable e-mail field"},
	}
	got := l.Explain()
	if len(got) != len(want) {
		t.Fatalf("got %d verdicts, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Value != w.value || g.Status != w.status || !strings.Contains(g.Reason, w.reason) {
			t.Errorf("verdict %d:\n got %s %q %s %q\nwant %s %q %s containing %q", i, g.Name, g.Value, g.Status, g.Reason, w.name, w.value, w.status, w.reason)
		}
	}
	// The value is shown in its own column, not repeated in the reason.
	if strings.Contains(got[1].Reason, `"e mail"`) {
		t.Errorf("reason %q repeats the value", got[1].Reason)
	}
}

func TestExplainNoQuery(t *testing.T) {
	for _, raw := range []string{explainSeed, explainSeed + "?", explainSeed + "?&&#frag"} {
		if got := parseOrFail(t, raw).Explain(); len(got) != 0 {
			t.Errorf("Explain(%q) = %+v, want nothing", raw, got)
		}
	}
}

func TestLockedEmailOverridesPrefilled(t *testing.T) {
	l := parseOrFail(t, explainSeed+"?prefilled_email=a%40b.com&locked_prefilled_email=c%40d.com")
	ps := l.Problems()
	if len(ps) != 1 || ps[0].Param != "prefilled_email" || ps[0].Severity != SeverityWarning ||
		!strings.Contains(ps[0].Message(), "overridden by locked_prefilled_email") {
		t.Fatalf("problems %v", ps)
	}
	vs := l.Explain()
	if vs[0].Status != StatusIgnored || vs[1].Status != StatusRecorded {
		t.Errorf("verdicts %+v", vs)
	}
	// An invalid locked address overrides nothing: Stripe disregards it.
	l = parseOrFail(t, explainSeed+"?prefilled_email=a%40b.com&locked_prefilled_email=nope")
	if vs := l.Explain(); vs[0].Status != StatusRecorded || vs[1].Status != StatusDropped {
		t.Errorf("verdicts %+v", vs)
	}
}

// TestOneVocabulary: for every parameter, the severity of the status
// inspect shows is the most severe problem validate reports for it (none
// for recorded and unused), so the two commands never disagree.
func TestOneVocabulary(t *testing.T) {
	queries := []string{
		"utm_source=a&amp;utm_medium=email", // lost: an error in both
		"locale=xx&utm_source=ok",           // dropped
		"locale=he",                         // dropped, not "ignored"
		"utm_id=1&utm_campain=x",            // ignored: warnings
		"utm_source=a&utm_source=b",         // repeated: a warning
		"prefilled_email=a%40b.co&locked_prefilled_email=c%40d.co",
		"ref=x&client_reference_id=order-1",
		"prefilled_email=%zz",
	}
	rank := map[Severity]int{"": 0, SeverityWarning: 1, SeverityError: 2}
	for _, q := range queries {
		l := parseOrFail(t, explainSeed+"?"+q)
		worst := map[string]Severity{}
		for _, p := range l.Problems() {
			if rank[p.Severity] > rank[worst[p.Param]] {
				worst[p.Param] = p.Severity
			}
		}
		for _, v := range l.Explain() {
			if got, want := v.Status.Severity(), worst[v.Name]; got != want {
				t.Errorf("%s: %s is %q in inspect (severity %q) but %q in validate", q, v.Name, v.Status, got, want)
			}
		}
	}
	for _, row := range Statuses {
		if row.Status.Severity() != row.Severity {
			t.Errorf("status %q: table and Severity() disagree", row.Status)
		}
	}
}
