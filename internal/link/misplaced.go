package link

import "strings"

// sessionField is a Checkout Session API field (or a Payment Link object's)
// that people write as a URL parameter of a payment link, where it does
// nothing: Stripe reads only the parameters of Params from the URL.
type sessionField struct {
	name    string
	instead string // what works instead, as a fix
}

const onTheLink = "set it on the payment link itself (Dashboard or API), not in its URL"

// sessionFields is the table of those fields and what works instead.
// A key a site uses for itself (ref, via, paid) is in none of them and stays
// silent.
var sessionFields = []sessionField{
	{"customer_email", "use prefilled_email (or locked_prefilled_email), the parameter a payment link reads"},
	{"email", "use prefilled_email, the parameter a payment link reads"},
	{"success_url", "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
	{"return_url", "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
	{"redirect_url", "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
	{"redirect_on_completion", "set the link's confirmation behaviour (after payment: redirect to your URL) in the Dashboard"},
	{"cancel_url", "a payment link has no cancel URL; the customer leaves with the browser's back button"},
	{"customer", "use prefilled_email to pre-fill the customer's address, or client_reference_id to reconcile"},
	{"mode", onTheLink},
	{"line_items", onTheLink},
	{"payment_method_types", onTheLink},
	{"submit_type", onTheLink},
	{"ui_mode", onTheLink},
	{"customer_creation", onTheLink},
	{"billing_address_collection", onTheLink},
	{"shipping_address_collection", onTheLink},
	{"phone_number_collection", onTheLink},
	{"allow_promotion_codes", "enable promotion codes on the link and pre-fill one with prefilled_promo_code"},
	{"discounts", "enable promotion codes on the link and pre-fill one with prefilled_promo_code"},
	{"coupon", "enable promotion codes on the link and pre-fill one with prefilled_promo_code"},
	{"metadata", "set metadata on the payment link (copied to every Checkout Session), or pass client_reference_id"},
	{"expires_at", "deactivate the link when it should stop taking payments"},
}

// misplacedParam returns the warning about a key that is no parameter of a
// payment link but a Checkout Session field (customer_email,
// line_items[0][price]) or a near miss of one of Stripe's own
// (prefill_email, utm-source, client_reference), or nil.
func misplacedParam(rp RawParam) *Problem {
	key := strings.ToLower(rp.Key)
	base, _, _ := strings.Cut(key, "[") // line_items[0][price], metadata[order]
	for _, f := range sessionFields {
		if base == f.name {
			return &Problem{Rule: RuleSessionField, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
				Reason: "is a Checkout Session field, not a payment-link URL parameter", Effect: "Stripe ignores it on a payment link",
				Fix: f.instead}
		}
	}
	if name := nearMiss(key); name != "" {
		return &Problem{Rule: RuleNearMissParameter, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
			Reason: "is not a parameter Stripe reads", Effect: "Stripe ignores it",
			Fix: "did you mean " + name + "?"}
	}
	return nil
}

// nearMiss returns the parameter of Params that key (lower case) was
// likely meant to be: the same name with '-' or ' ' for '_'
// (utm-source), one or two edits away (prefill_email), or its beginning or
// end of 10 characters or more (client_reference, promo_code). Short keys are never near
// misses: ref, via and paid are a site's own.
func nearMiss(key string) string {
	if len(key) < 6 {
		return ""
	}
	norm := strings.NewReplacer("-", "_", " ", "_", ".", "_").Replace(key)
	for _, p := range Params {
		switch {
		case norm == p.Name:
			return p.Name
		case Distance(norm, p.Name) <= 2:
			return p.Name
		case len(norm) >= 10 && (strings.HasPrefix(p.Name, norm) || strings.HasSuffix(p.Name, "_"+norm)):
			return p.Name
		}
	}
	return ""
}
