// Package link is paylink's engine: it parses Stripe payment links, holds the
// one table of the URL parameters Stripe reads, sanitizes and checks values
// against Stripe's rules, and sets parameters on the raw query without
// re-encoding anything else. It does no I/O.
package link

// ID names a parameter by its row in Params; bulk code indexes arrays with it
// instead of hashing names on every row.
type ID int

// The rows of Params, in the order new parameters are appended to a link.
const (
	UTMSource ID = iota
	UTMMedium
	UTMCampaign
	UTMTerm
	UTMContent
	ClientReferenceID
	PrefilledEmail
	LockedPrefilledEmail
	PrefilledPromoCode
	Locale
	NumParams int = iota
)

// Kind is the family of rules a parameter's value must follow.
type Kind int

const (
	KindUTM    Kind = iota // sanitized: letters, digits, '-', '_'; at most 150
	KindRefID              // never rewritten: letters, digits, '-', '_'; at most 200
	KindEmail              // a bare e-mail address, percent-encoded
	KindPromo              // letters and digits
	KindLocale             // one of Locales
)

// Param is one URL parameter that Stripe reads from a payment link.
type Param struct {
	ID    ID
	Name  string // query key, e.g. "utm_source"
	Flag  string // long flag of `paylink build`, e.g. "utm-source"
	Short string // one-letter flag, or ""
	Kind  Kind
	Max   int    // longest value Stripe accepts, in bytes; 0 for no stated limit
	Rule  string // the rule, as a user reads it in an error
	Drop  string // what Stripe does with a value that breaks the rule, after "Stripe "
	Dest  string // where Stripe sends a recorded value
	Usage string // flag help
}

const (
	utmRule   = "letters, digits, '-' and '_' only, at most 150 characters"
	utmDest   = "appended to the redirect URL after payment, only when the link's confirmation behaviour is redirect"
	emailRule = "a bare e-mail address such as jenny@example.com"
)

// Params is THE table of Stripe's payment-link parameters. Flags, checks,
// inspect, bulk columns and help text are all derived from it, so adding a
// parameter is one row here.
var Params = [NumParams]Param{
	{ID: UTMSource, Name: "utm_source", Flag: "utm-source", Short: "s", Kind: KindUTM, Max: 150,
		Rule: utmRule, Drop: "would discard it silently", Dest: utmDest,
		Usage: "where the traffic comes from (newsletter, google)"},
	{ID: UTMMedium, Name: "utm_medium", Flag: "utm-medium", Short: "m", Kind: KindUTM, Max: 150,
		Rule: utmRule, Drop: "would discard it silently", Dest: utmDest,
		Usage: "the marketing medium (email, cpc, social)"},
	{ID: UTMCampaign, Name: "utm_campaign", Flag: "utm-campaign", Short: "c", Kind: KindUTM, Max: 150,
		Rule: utmRule, Drop: "would discard it silently", Dest: utmDest,
		Usage: "the campaign name (spring_sale)"},
	{ID: UTMTerm, Name: "utm_term", Flag: "utm-term", Kind: KindUTM, Max: 150,
		Rule: utmRule, Drop: "would discard it silently", Dest: utmDest,
		Usage: "the paid search term"},
	{ID: UTMContent, Name: "utm_content", Flag: "utm-content", Kind: KindUTM, Max: 150,
		Rule: utmRule, Drop: "would discard it silently", Dest: utmDest,
		Usage: "which ad or link was clicked"},
	{ID: ClientReferenceID, Name: "client_reference_id", Flag: "client-reference-id", Short: "r", Kind: KindRefID, Max: 200,
		Rule: "letters, digits, '-' and '_' only, at most 200 characters", Drop: "would drop it silently",
		Dest:  "sent to the Checkout Session and the checkout.session.completed webhook (not the redirect URL)",
		Usage: "your customer or order id, for reconciling the payment (never rewritten)"},
	{ID: PrefilledEmail, Name: "prefilled_email", Flag: "prefilled-email", Kind: KindEmail,
		Rule: emailRule, Drop: "would disregard it",
		Dest:  "pre-fills the editable e-mail field of the payment page",
		Usage: "pre-fill the customer's e-mail (editable)"},
	{ID: LockedPrefilledEmail, Name: "locked_prefilled_email", Flag: "locked-prefilled-email", Kind: KindEmail,
		Rule: emailRule, Drop: "would disregard it",
		Dest:  "pre-fills a non-editable e-mail field of the payment page (wins over prefilled_email)",
		Usage: "pre-fill the customer's e-mail (not editable)"},
	{ID: PrefilledPromoCode, Name: "prefilled_promo_code", Flag: "prefilled-promo-code", Kind: KindPromo,
		Rule: "letters and digits only", Drop: "would disregard it",
		Dest:  "pre-fills the promotion code field of the payment page (only when promotion codes are enabled on the link)",
		Usage: "pre-fill a promotion code"},
	{ID: Locale, Name: "locale", Flag: "locale", Kind: KindLocale,
		Rule: "one of Stripe Checkout's locales", Drop: "would drop it",
		Dest:  "sets the language of the payment page",
		Usage: "the payment page's language (auto, en, fr, pt-BR, ...)"},
}

// Lookup returns the parameter whose query key is name.
func Lookup(name string) (Param, bool) {
	for _, p := range Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// IgnoredUTM lists Google Analytics 4 parameter names that look like UTM codes
// but that Stripe does not record.
var IgnoredUTM = []string{"utm_id", "utm_source_platform", "utm_creative_format", "utm_marketing_tactic"}

// Locales are the values Stripe Checkout accepts for the locale parameter.
var Locales = []string{
	"auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil",
	"fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl",
	"pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
}

// StripeHost is the host of every payment link that has no custom domain.
const StripeHost = "buy.stripe.com"
