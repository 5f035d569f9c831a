package link

import "testing"

// TestMisplacedParams: Checkout Session fields and near misses of Stripe's
// own parameters are warned about, naming what works instead; a site's own
// keys stay silent.
func TestMisplacedParams(t *testing.T) {
	const pl = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?"
	tests := []struct {
		query, param string
		rule         RuleID
		fix          string // "" for no problem at all
	}{
		{"customer_email=jenny%40example.com", "customer_email", RuleSessionField, "use prefilled_email (or locked_prefilled_email), the parameter a payment link reads"},
		{"success_url=https%3A%2F%2Fx.example", "success_url", RuleSessionField, "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
		{"cancel_url=x", "cancel_url", RuleSessionField, "a payment link has no cancel URL; the customer leaves with the browser's back button"},
		{"redirect_on_completion=never", "redirect_on_completion", RuleSessionField, "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
		{"mode=payment", "mode", RuleSessionField, onTheLink},
		{"line_items[0][price]=price_1", "line_items[0][price]", RuleSessionField, onTheLink},
		{"Customer_Email=a", "Customer_Email", RuleSessionField, "use prefilled_email (or locked_prefilled_email), the parameter a payment link reads"},
		{"prefill_email=a%40b.example", "prefill_email", RuleNearMissParameter, "did you mean prefilled_email?"},
		{"utm-source=news", "utm-source", RuleNearMissParameter, "did you mean utm_source?"},
		{"client_reference=order-1", "client_reference", RuleNearMissParameter, "did you mean client_reference_id?"},
		{"promo_code=SPRING", "promo_code", RuleNearMissParameter, "did you mean prefilled_promo_code?"},
		{"locale_=fr", "locale_", RuleNearMissParameter, "did you mean locale?"},
		{"ref=producthunt", "", "", ""},
		{"via=jenny", "", "", ""},
		{"paid=1", "", "", ""},
		{"source=x", "", "", ""},
		{"lang=fr", "", "", ""},
	}
	for _, tt := range tests {
		l, err := Parse(pl+tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps := l.Problems()
		if tt.fix == "" {
			if len(ps) != 0 {
				t.Errorf("%s: %v, want no problem", tt.query, ps)
			}
			continue
		}
		if len(ps) != 1 || ps[0].Param != tt.param || ps[0].Rule != tt.rule || ps[0].Fix != tt.fix || ps[0].Severity != SeverityWarning {
			t.Errorf("%s: %+v, want one %s warning on %s fixed by %q", tt.query, ps, tt.rule, tt.param, tt.fix)
		}
	}
}
