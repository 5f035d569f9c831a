package link

import (
	"strings"
	"testing"
)

// TestNearStripeLinks: hosts a typo away from a payment host, or on
// stripe.com, with a payment link's path are refused naming the host
// meant; with a path of their own they are just not payment hosts; no
// such refusal offers --allow-domain. Distances worked out by hand:
// buy-stripe.com and buy.strlpe.com are one substitution from
// buy.stripe.com, buy.stripe.co one deletion, strike.com one substitution
// from stripe.com.
func TestNearStripeLinks(t *testing.T) {
	const slug = "/eVa5nPg1j1wmfXq5kr"
	for _, tc := range []struct{ link, rule, want string }{
		{"https://buy-stripe.com" + slug, "lookalike-host", `a lookalike of buy.stripe.com, owned by whoever owns "buy-stripe.com"`},
		{"https://buy.stripe.co/test_eVa5nPg1j1wmfXq5kr", "lookalike-host", `a lookalike of buy.stripe.com, owned by whoever owns "stripe.co"`},
		{"https://buy.strlpe.com" + slug, "lookalike-host", `a lookalike of buy.stripe.com, owned by whoever owns "strlpe.com"`},
		{"https://donate.strpe.com" + slug, "lookalike-host", `a lookalike of donate.stripe.com, owned by whoever owns "strpe.com"`},
		{"https://bok.stripe.com" + slug, "host-not-allowed", `is Stripe's but not a payment-link host; did you mean book.stripe.com?`},
		{"https://bux.stripe.com" + slug, "host-not-allowed", `is Stripe's but not a payment-link host; did you mean buy.stripe.com?`},
		{"https://stripe.com" + slug, "host-not-allowed", `is Stripe's but not a payment-link host; did you mean buy.stripe.com?`},
		{"https://pay.strike.com/b/test_abc123", "lookalike-host", `owned by whoever owns "strike.com"`},
		// Their own paths: not payment links, and not to be allowed.
		{"https://strike.com/pricing", "host-not-allowed", `use a link on buy.stripe.com: copy it again`},
		{"https://buy-stripe.com/x", "host-not-allowed", `use a link on buy.stripe.com: copy it again`},
		{"https://docs.stripe.com/development", "host-not-allowed", `use a link on buy.stripe.com: copy it again`},
	} {
		_, err := Parse(tc.link, nil)
		p, ok := err.(*Problem)
		if !ok || string(p.Rule) != tc.rule || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "allow-domain") {
			t.Errorf("%s: %v (rule %v); want %s containing %q and no --allow-domain", tc.link, err, ruleOf(p), tc.rule, tc.want)
		}
	}
	// Allowed on purpose, a host is the user's: no lookalike.
	if _, err := Parse("https://buy-stripe.com"+slug, []string{"buy-stripe.com"}); err != nil {
		t.Errorf("allowed buy-stripe.com: %v", err)
	}
	// Far from Stripe: the --allow-domain fix as before.
	if _, err := Parse("https://pay.example.com"+slug, nil); err == nil || !strings.Contains(err.Error(), "--allow-domain") {
		t.Errorf("pay.example.com: %v, want the --allow-domain fix", err)
	}
}

func ruleOf(p *Problem) RuleID {
	if p == nil {
		return ""
	}
	return p.Rule
}

func TestSlugPath(t *testing.T) {
	for tail, want := range map[string]bool{
		"/eVa5nPg1j1wmfXq5kr":          true,
		"/test_eVa5nPg1j1wmfXq5kr?x=1": true,
		"/test_abc":                    true,
		"/b/test_eVa5nPg1j1wmfXq5kr":   true,
		"/eVa5nPg1j1wmfXq5kr/":         true,
		"/ABCDEFGHIJ":                  true,
		"/development":                 false, // a word
		"/payment-links":               false,
		"/v1/payment_links":            false,
		"/short1":                      false,
		"":                             false,
		"/test_":                       false,
		"/c/pay/cs_test_a1b2c3":        false,
		"/eVa5nPg1j1wmfXq5kr/more":     false,
		"?eVa5nPg1j1wmfXq5kr":          false,
	} {
		if got := SlugPath(tail); got != want {
			t.Errorf("SlugPath(%q) = %v, want %v", tail, got, want)
		}
	}
}
