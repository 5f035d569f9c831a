package link

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestPolicyCheck(t *testing.T) {
	pol := &Policy{
		Required: []string{"utm_source", "utm_campaign"},
		Allowed:  map[string][]string{"utm_medium": {"email", "cpc"}},
		Patterns: map[string]*regexp.Regexp{"utm_campaign": regexp.MustCompile(`^[a-z0-9_]+$`)},
	}
	for _, tc := range []struct {
		query string
		want  []string // each problem's Error(), in order
	}{
		{"utm_source=news&utm_medium=email&utm_campaign=spring_2026", nil},
		{"utm_medium=email&utm_campaign=spring", []string{
			`utm_source is missing; policy.required lists utm_source, utm_campaign; set it with --utm-source (paylink build, paylink create) or a preset`}},
		// An empty value is as good as missing.
		{"utm_source=&utm_campaign=spring", []string{`utm_source is missing`}},
		{"utm_source=news&utm_medium=social&utm_campaign=Spring", []string{
			`utm_medium "social": is not allowed by policy.allowed.utm_medium (allowed: email, cpc); use one of the allowed values, or add this one to the policy in the config file`,
			`utm_campaign "Spring": does not match policy.patterns.utm_campaign ^[a-z0-9_]+$; change the value to match the pattern`}},
		// Values are checked as Stripe reads them: decoded.
		{"utm_source=news&utm_campaign=spring%5F2026", nil},
		// Every copy of a parameter is checked.
		{"utm_source=news&utm_campaign=a&utm_campaign=B", []string{`utm_campaign "B": does not match`}},
	} {
		l, err := Parse("https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?"+tc.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := pol.CheckLink(l)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %d problems %v, want %d", tc.query, len(got), got, len(tc.want))
			continue
		}
		for i, p := range got {
			if p.Severity != SeverityError || !strings.HasPrefix(p.Error(), tc.want[i]) {
				t.Errorf("%s: problem %d = %s %q, want an error starting %q", tc.query, i, p.Severity, p.Error(), tc.want[i])
			}
		}
	}
}

// The nil Policy, used when no config file is in use, allows everything.
func TestNilPolicy(t *testing.T) {
	var pol *Policy
	l, err := Parse("https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := pol.CheckLink(l); got != nil {
		t.Errorf("nil policy: %v", got)
	}
}

func TestCheckBuiltReadsOnlyTheQuery(t *testing.T) {
	p := &Policy{Required: []string{"utm_source"}}
	if got := p.CheckBuilt("https://buy.stripe.com/x?utm_source=a#utm_medium=b"); len(got) != 0 {
		t.Errorf("a link with utm_source: %v", got)
	}
	if got := p.CheckBuilt("https://buy.stripe.com/x#utm_source=a"); len(got) != 1 {
		t.Errorf("utm_source only in the fragment must be missing, got %v", got)
	}
	if got := (*Policy)(nil).CheckBuilt("https://buy.stripe.com/x"); got != nil {
		t.Errorf("no policy: %v", got)
	}
}

// A policy pattern of a megabyte is quoted cut in the error of a failing
// value, not copied whole into every failing row's message; so is a long
// list of allowed values.
func TestPolicyMessagesCutLongText(t *testing.T) {
	huge := "^(" + strings.Repeat("a|", 500_000) + "b)$"
	allowed := make([]string, 5000)
	for i := range allowed {
		allowed[i] = fmt.Sprintf("medium%d", i)
	}
	p := &Policy{
		Patterns: map[string]*regexp.Regexp{"utm_campaign": regexp.MustCompile(huge)},
		Allowed:  map[string][]string{"utm_medium": allowed},
	}
	for name, v := range map[string]string{"utm_campaign": "zzz", "utm_medium": "print"} {
		prob := p.checkValue(name, v)
		if prob == nil {
			t.Fatalf("%s=%s passed the policy", name, v)
		}
		if msg := prob.Error(); len(msg) > 600 {
			t.Errorf("%s: message of %d bytes: %.200s…", name, len(msg), msg)
		}
	}
	if msg := p.checkValue("utm_campaign", "zzz").Error(); !strings.Contains(msg, "… (1000005 characters)") {
		t.Errorf("the cut pattern does not say its length: %.300s", msg)
	}
	if msg := p.checkValue("utm_medium", "print").Error(); !strings.Contains(msg, "medium19 and 4980 more)") {
		t.Errorf("the allowed list is not cut with a count: %.300s", msg)
	}
}
