package link

import "strings"

// RuleID names a kind of problem. It is stable: SARIF ruleIds, CI
// dashboards and suppressions refer to it, so a row's ID never changes
// once released; a new kind of problem is a new row.
type RuleID string

// Rule describes one kind of problem, for formats that list the rules a
// tool checks (SARIF's tool.driver.rules).
type Rule struct {
	ID    RuleID
	Short string // one line: what is wrong
	Full  string // why it matters: what Stripe does
	Help  string // what to do about it
}

// The rule ids, one per kind of problem.
const (
	RuleLinkMalformed      RuleID = "link-malformed"
	RuleLinkNotHTTPS       RuleID = "link-not-https"
	RuleLinkHTTP           RuleID = "link-http"
	RuleLinkUserInfo       RuleID = "link-userinfo"
	RuleLinkPort           RuleID = "link-port"
	RuleLookalikeHost      RuleID = "lookalike-host"
	RuleHostNotAllowed     RuleID = "host-not-allowed"
	RuleLinkPath           RuleID = "link-path-invalid"
	RuleLinkCut            RuleID = "link-cut-by-space"
	RuleUTMInvalidChars    RuleID = "utm-invalid-chars"
	RuleUTMEmpty           RuleID = "utm-empty"
	RuleUTMTooLong         RuleID = "utm-too-long"
	RuleUTMNotLowercase    RuleID = "utm-not-lowercase"
	RuleRefIDInvalid       RuleID = "client-reference-id-invalid"
	RuleEmailInvalid       RuleID = "email-invalid"
	RuleEmailOverridden    RuleID = "email-overridden"
	RulePromoCodeInvalid   RuleID = "promo-code-invalid"
	RuleUnsupportedLocale  RuleID = "unsupported-locale"
	RuleBadPercentEncoding RuleID = "bad-percent-encoding"
	RuleHTMLEscapedAmp     RuleID = "html-escaped-amp"
	RuleIgnoredParameter   RuleID = "ignored-parameter"
	RuleRepeatedParameter  RuleID = "repeated-parameter"
	RuleSessionField       RuleID = "checkout-session-field"
	RuleNearMissParameter  RuleID = "misspelled-parameter"
	RulePolicyRequired     RuleID = "policy-required"
	RulePolicyAllowed      RuleID = "policy-allowed"
	RulePolicyPattern      RuleID = "policy-pattern"
	RulePolicyChannel      RuleID = "policy-channel"
	RuleAlias              RuleID = "alias"
	RuleDomainInvalid      RuleID = "domain-invalid"
	// The rules of validate --stripe, which looks each link up in the
	// Stripe account.
	RuleStripeInactive     RuleID = "stripe-link-inactive"
	RuleStripeUTMNotPassed RuleID = "stripe-utm-not-passed"
	RuleStripeNotFound     RuleID = "stripe-link-not-found"
	RuleStripeNotCheckable RuleID = "stripe-link-not-checkable"
	// RuleOther is the rule of a problem that names none, such as one from
	// a check outside this package; formats that need a rule id use it.
	RuleOther RuleID = "other"
)

// Rules is THE table of problem kinds, in the order formats list them.
var Rules = []Rule{
	{RuleLinkMalformed, "The link is not a well-formed URL",
		"The link is empty, not valid UTF-8, has a space or control character, has no host, or does not parse as a URL; the payment page cannot be reached through it.",
		"Copy the link again from the Stripe Dashboard."},
	{RuleLinkNotHTTPS, "The link is not an absolute https URL",
		"Payment links are absolute https URLs; anything else is not a Stripe payment link.",
		"Use the link as the Stripe Dashboard gives it, starting https://buy.stripe.com/."},
	{RuleLinkHTTP, "The link starts with http:// instead of https://",
		"stripe.com is HSTS-preloaded, so browsers ask for https, and Stripe redirects http keeping the query: the link works, but reads as insecure.",
		"Write https:// (paylink build and validate --fix do)."},
	{RuleLinkUserInfo, "The link has user-info before its host",
		"Text between https:// and '@' hides the real host from a reader: a classic phishing disguise.",
		"Remove everything between https:// and '@'."},
	{RuleLinkPort, "The link has a port",
		"Payment links have no port; a link with one does not reach Stripe's payment page.",
		"Remove ':' and the port number after the host."},
	{RuleLookalikeHost, "The host looks like a Stripe host but is another domain",
		"A host such as buy.stripe.com.example.net belongs to whoever owns example.net, and one written with lookalike letters (buy.strİpe.com) takes a browser to another host: neither is Stripe.",
		"Never pay through it; copy the link again from the Stripe Dashboard."},
	{RuleHostNotAllowed, "The host is not " + stripeHostList + ", nor an allowed custom domain",
		"Only Stripe's payment hosts (" + strings.Join(StripeHosts, ", ") + ") and the account's custom payment-link domains serve payment links.",
		"Use a buy.stripe.com link, or allow your own payment domain with --allow-domain or the config's domains."},
	{RuleLinkPath, "The path is not a payment-link slug",
		"A payment link's path is one slug (on a custom domain, /b/ and a slug); another path is not a payment page.",
		"Copy the link again from the Stripe Dashboard."},
	{RuleLinkCut, "A space cuts the link short",
		"Markdown and text end a bare link at white space: the value the space is in is shortened, and every parameter after it never reaches Stripe.",
		"Remove the space, or percent-encode it (paylink validate --fix writes a UTM code's space as '-')."},
	{RuleUTMInvalidChars, "A UTM code has characters Stripe refuses",
		"Stripe records UTM codes made of letters, digits, '-' and '_' only and silently discards any other value, so the campaign loses its attribution.",
		"Replace the other characters, e.g. with paylink build, which sanitizes UTM codes."},
	{RuleUTMEmpty, "A UTM code is empty",
		"Stripe records no empty UTM code.",
		"Give a value or leave the parameter out."},
	{RuleUTMTooLong, "A UTM code is over 150 characters",
		"Stripe silently discards a UTM code longer than 150 characters.",
		"Shorten it (paylink never truncates)."},
	{RuleUTMNotLowercase, "A UTM code has upper-case letters where the config says lowercase: true",
		"Google Analytics and Stripe's redirect keep UTM codes as written, so Spring and spring are two campaigns; the team's config asks for lower case.",
		"Write it in lower case (paylink build with lowercase: true and validate --fix do)."},
	{RuleRefIDInvalid, "client_reference_id breaks Stripe's rule",
		"Stripe silently drops a client_reference_id that is empty, longer than 200 characters or holds anything but letters, digits, '-' and '_', so the payment cannot be reconciled.",
		"Use a customer or order id such as cus_4242 or order-1042."},
	{RuleEmailInvalid, "A pre-filled e-mail is not a bare e-mail address",
		"Stripe disregards prefilled_email and locked_prefilled_email values that are not a bare address; a '+' written as is reads as a space.",
		"Give a bare address such as jenny@example.com, percent-encoded (@ as %40, + as %2B)."},
	{RuleEmailOverridden, "prefilled_email is overridden by locked_prefilled_email",
		"Stripe pre-fills the locked address and ignores prefilled_email.",
		"Remove one of the two."},
	{RulePromoCodeInvalid, "prefilled_promo_code has characters other than letters and digits",
		"Stripe disregards a promotion code with any other character.",
		"Give the promotion code exactly as created in Stripe."},
	{RuleUnsupportedLocale, "locale is not a Stripe Checkout locale",
		"Stripe ignores a locale it does not list, and the page shows in the browser's language.",
		"Use one of Stripe Checkout's locales, such as en, fr-CA or pt-BR."},
	{RuleBadPercentEncoding, "A parameter value is not validly percent-encoded",
		"Stripe cannot decode the value, so it drops it.",
		"Set the value again with paylink build."},
	{RuleHTMLEscapedAmp, "A parameter is written after \"&amp;\"",
		"\"&amp;\" copied out of HTML source leaves a key such as amp;utm_medium, which Stripe does not read, so the parameter is lost.",
		"Write '&' instead of \"&amp;\" in the link (in HTML attributes, &amp; is decoded by the browser)."},
	{RuleIgnoredParameter, "A utm_ parameter Stripe does not record",
		"Stripe records only utm_source, utm_medium, utm_campaign, utm_term and utm_content; Google Analytics names such as utm_id are dropped.",
		"Remove it, or use one of the five UTM codes Stripe records."},
	{RuleRepeatedParameter, "A parameter appears more than once",
		"Which copy Stripe keeps is undefined.",
		"Keep one copy."},
	{RuleSessionField, "A Checkout Session field written as a URL parameter",
		"Fields of the Checkout Session API (customer_email, success_url, line_items, ...) do nothing in a payment link's URL: Stripe reads only the payment-link parameters there.",
		"Use what works instead: prefilled_email for customer_email, the link's confirmation behaviour for success_url, the link's own settings for the rest."},
	{RuleNearMissParameter, "A parameter name a near miss of one Stripe reads",
		"A misspelled parameter (prefill_email, utm-source, client_reference) is not the one Stripe reads, so its value is lost.",
		"Spell it as Stripe does (prefilled_email, utm_source, client_reference_id)."},
	{RulePolicyRequired, "A parameter the team's policy requires is missing",
		"The config's policy.required lists parameters every link must carry.",
		"Set it with paylink build or a preset."},
	{RulePolicyAllowed, "A value is not in the team's policy.allowed list",
		"Stripe records it, but the team's reports would split one campaign into several.",
		"Use one of the allowed values, or add this one to the policy in the config file."},
	{RulePolicyPattern, "A value does not match the team's policy.patterns",
		"Stripe records it, but the team's reports would split one campaign into several.",
		"Change the value to match the pattern."},
	{RulePolicyChannel, "The UTM codes land in a GA4 channel the team's policy.channels does not allow",
		"Google Analytics 4 sorts each session into a default channel group by fixed rules on source, medium and campaign; codes that match no rule land in Unassigned, and the campaign is lost from every channel report.",
		"Make the change the message names (usually the medium), or allow the channel in policy.channels."},
	{RuleAlias, "A value is one the config's aliases maps to another",
		"Stripe records it, but the team writes it another way, and Google Analytics shows two spellings as two rows.",
		"Write the value the alias maps it to; paylink build rewrites it, validate --fix repairs it."},
	{RuleDomainInvalid, "A custom domain is not a host name",
		"A URL or a name with a port never matches a link's host.",
		"Give the host only, e.g. pay.example.com."},
	{RuleStripeInactive, "The payment link is deactivated in the Stripe account",
		"Stripe shows a page saying the link is no longer available: nobody can pay through it.",
		"Reactivate the link in the Stripe Dashboard, or replace it with an active one."},
	{RuleStripeUTMNotPassed, "The link carries UTM codes but its confirmation is Stripe's hosted page",
		"Stripe passes UTM codes on only to a redirect: with the hosted confirmation page the campaign's codes reach nothing.",
		"Run paylink links update with the link's id and --redirect URL (or set its confirmation behaviour to redirect in the Stripe Dashboard)."},
	{RuleStripeNotFound, "The payment link is not in this Stripe account",
		"The link belongs to another account, or its slug is mistyped.",
		"Check the link against the Dashboard, or check it with the key of the account it belongs to."},
	{RuleStripeNotCheckable, "The link's mode differs from the API key's",
		"A test-mode key sees only test-mode links and a live key only live ones, so the link could not be looked up.",
		"Check test links (slug test_...) with a test key and live links with a live key."},
	{RuleOther, "Another check failed",
		"A check beyond Stripe's URL rules reported a problem.",
		"Read the message for what to do."},
}

// warningRules are the kinds of problem reported as warnings (unless
// --strict): Stripe records the link, a parameter merely has no effect or an
// undefined one. Every other kind is an error.
var warningRules = map[RuleID]bool{
	RuleLinkHTTP:     true,
	RuleSessionField: true, RuleNearMissParameter: true, RuleUTMNotLowercase: true,
	RuleEmailOverridden: true, RuleIgnoredParameter: true, RuleRepeatedParameter: true,
	RuleStripeUTMNotPassed: true, RuleStripeNotFound: true, RuleStripeNotCheckable: true,
	RuleAlias: true,
}

// Severity is the severity of the rule's problems before --strict.
func (r Rule) Severity() Severity {
	if warningRules[r.ID] {
		return SeverityWarning
	}
	return SeverityError
}

// LookupRule returns the row of Rules whose ID is id.
func LookupRule(id RuleID) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// RuleID is the problem's rule, RuleOther when it names none.
func (p *Problem) RuleID() RuleID {
	if p.Rule == "" {
		return RuleOther
	}
	return p.Rule
}
