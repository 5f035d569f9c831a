package link

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRulesTable: ids are unique kebab-case words (SARIF and CI configs
// refer to them), and every row says what, why and what to do.
func TestRulesTable(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[RuleID]bool{}
	for _, r := range Rules {
		if !kebab.MatchString(string(r.ID)) || seen[r.ID] {
			t.Errorf("rule id %q: not kebab-case or repeated", r.ID)
		}
		seen[r.ID] = true
		if r.Short == "" || r.Full == "" || r.Help == "" {
			t.Errorf("rule %q lacks a description or help: %+v", r.ID, r)
		}
	}
	// The ids the issue names are part of the contract.
	for _, id := range []RuleID{"utm-invalid-chars", "client-reference-id-invalid", "html-escaped-amp",
		"lookalike-host", "unsupported-locale", "ignored-parameter"} {
		if !seen[id] {
			t.Errorf("rule %q missing from Rules", id)
		}
	}
}

// TestProblemRules: each kind of problem carries its rule id, and that id
// is a row of Rules.
func TestProblemRules(t *testing.T) {
	const pl = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
	tests := []struct {
		link string
		want RuleID
	}{
		{"", RuleLinkMalformed},
		{"https://buy.stripe.com/a b", RuleLinkMalformed},
		{"http://buy.stripe.com/x", RuleLinkHTTP},
		{"ftp://buy.stripe.com/x", RuleLinkNotHTTPS},
		{"https://me@buy.stripe.com/x", RuleLinkUserInfo},
		{"https://buy.stripe.com:443/x", RuleLinkPort},
		{"https://buy.stripe.com.example.net/x", RuleLookalikeHost},
		{"https://example.com/x", RuleHostNotAllowed},
		{"https://buy.stripe.com./x", RuleHostNotAllowed},
		{"https://buy.stripe.com/a/b", RuleLinkPath},
		{pl + "?utm_source=a+b", RuleUTMInvalidChars},
		{pl + "?utm_medium=", RuleUTMEmpty},
		{pl + "?utm_campaign=" + strings.Repeat("a", 151), RuleUTMTooLong},
		{pl + "?client_reference_id=jenny@example.com", RuleRefIDInvalid},
		{pl + "?client_reference_id=", RuleRefIDInvalid},
		{pl + "?prefilled_email=jenny", RuleEmailInvalid},
		{pl + "?prefilled_email=a%40example.com&locked_prefilled_email=b%40example.com", RuleEmailOverridden},
		{pl + "?prefilled_promo_code=SPRING-25", RulePromoCodeInvalid},
		{pl + "?locale=fr_CA", RuleUnsupportedLocale},
		{pl + "?utm_source=%zz", RuleBadPercentEncoding},
		{pl + "?utm_source=a&amp;utm_medium=email", RuleHTMLEscapedAmp},
		{pl + "?utm_id=x", RuleIgnoredParameter},
		{pl + "?utm_sourc=x", RuleIgnoredParameter},
		{pl + "?utm_source=a&utm_source=b", RuleRepeatedParameter},
		{pl + "?customer_email=jenny%40example.com", RuleSessionField},
		{pl + "?prefill_email=jenny%40example.com", RuleNearMissParameter},
		{"http://buy.stripe.com/x", RuleLinkHTTP},
	}
	for _, tt := range tests {
		got := rulesOf(t, tt.link)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: rules %q, want [%q]", tt.link, got, tt.want)
		}
	}
}

func rulesOf(t *testing.T, raw string) []RuleID {
	t.Helper()
	var ps []*Problem
	l, err := Parse(raw, nil)
	if err != nil {
		ps = []*Problem{err.(*Problem)}
	} else {
		ps = l.Problems()
	}
	var ids []RuleID
	for _, p := range ps {
		r, ok := LookupRule(p.Rule)
		if !ok || p.Rule == RuleOther {
			t.Errorf("%q: problem %q has rule %q, not a specific row of Rules", raw, p.Error(), p.Rule)
		}
		if r.Severity() != p.Severity {
			t.Errorf("%q: problem %q is an %s, its rule %q says %s", raw, p.Error(), p.Severity, p.Rule, r.Severity())
		}
		ids = append(ids, p.Rule)
	}
	return ids
}

func TestPolicyRules(t *testing.T) {
	pol := &Policy{
		Required: []string{"utm_source"},
		Allowed:  map[string][]string{"utm_medium": {"email"}},
		Patterns: map[string]*regexp.Regexp{"utm_campaign": regexp.MustCompile(`^[a-z]+$`)},
	}
	ps := pol.Check([]RawParam{{Key: "utm_medium", Value: "cpc", DecodeOK: true}, {Key: "utm_campaign", Value: "A", DecodeOK: true}})
	var got []RuleID
	for _, p := range ps {
		got = append(got, p.Rule)
	}
	want := []RuleID{RulePolicyRequired, RulePolicyAllowed, RulePolicyPattern}
	if !slices.Equal(got, want) {
		t.Errorf("rules %q, want %q", got, want)
	}
	if p := CheckDomain("https://pay.example.com"); p == nil || p.Rule != RuleDomainInvalid {
		t.Errorf("CheckDomain: %+v, want rule %q", p, RuleDomainInvalid)
	}
	if (&Problem{}).RuleID() != RuleOther {
		t.Error("a problem without a rule should report RuleOther")
	}
}
