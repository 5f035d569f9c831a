package link

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Check reports whether Stripe records v, a value as Stripe reads it (already
// URL-decoded), for parameter p. It returns nil when it does.
func Check(p Param, v string) *Problem {
	var reason, fix string
	rule := ruleOfKind[p.Kind]
	switch p.Kind {
	case KindUTM, KindRefID:
		rule, reason, fix = checkCode(p, v)
	case KindEmail:
		reason, fix = checkEmail(v)
	case KindPromo:
		reason, fix = checkPromo(v)
	case KindLocale:
		reason, fix = checkLocale(v)
	}
	if reason == "" {
		return nil
	}
	return &Problem{Rule: rule, Param: p.Name, Value: v, Severity: SeverityError, Reason: reason, Effect: effect(p), Fix: fix}
}

func effect(p Param) string {
	switch p.Kind { // one concatenation each: a bulk run may fail every row
	case KindUTM:
		return "Stripe " + p.Drop + " and the campaign would lose its attribution"
	case KindRefID:
		return "Stripe " + p.Drop + " and the payment could not be reconciled"
	}
	return "Stripe " + p.Drop
}

// ruleOfKind is the rule a value of each kind breaks; UTM codes have one
// rule per way of breaking it (see checkCode).
var ruleOfKind = map[Kind]RuleID{
	KindRefID:  RuleRefIDInvalid,
	KindEmail:  RuleEmailInvalid,
	KindPromo:  RulePromoCodeInvalid,
	KindLocale: RuleUnsupportedLocale,
}

// checkCode checks a UTM code or client_reference_id: letters, digits, '-'
// and '_', at most p.Max characters.
func checkCode(p Param, v string) (rule RuleID, reason, fix string) {
	switch {
	case v == "":
		return codeRule(p, RuleUTMEmpty), "is empty (" + p.Rule + ")", "give a value or leave the parameter out"
	case !allAllowed(v):
		return codeRule(p, RuleUTMInvalidChars), notAllowed(disallowedRunes(v, &utmByte)) + " (" + p.Rule + ")", codeFix(p, v)
	case len(v) > p.Max:
		return codeRule(p, RuleUTMTooLong), fmt.Sprintf("is %d characters long, over Stripe's limit of %d", len(v), p.Max), "shorten it (paylink never truncates)"
	}
	return "", "", ""
}

// codeRule is utm's rule for a UTM code, else client_reference_id's one rule.
func codeRule(p Param, utm RuleID) RuleID {
	if p.Kind == KindUTM {
		return utm
	}
	return RuleRefIDInvalid
}

// codeFix suggests a value for a code with characters Stripe refuses. It is
// worked out only then: bulk builds check every valid value.
func codeFix(p Param, v string) string {
	if p.Kind != KindUTM {
		return "use a customer or order id such as cus_4242 or order-1042 (paylink never rewrites it)"
	}
	if s := sanitizedUTM(v); s != "" && len(s) <= p.Max && s != v {
		return "use " + quote(s)
	}
	if strings.IndexFunc(v, isOtherScript) >= 0 {
		return "write it in Latin letters (a transliteration) or use an id such as campaign_2026_04: Stripe takes only ASCII letters"
	}
	return "replace it with a value made of letters, digits, '-' and '_'"
}

// isOtherScript reports whether r is a letter or digit outside ASCII, one
// that no sanitizing turns into an ASCII one (日, セ) once folding is done.
func isOtherScript(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sanitizedUTM is SanitizeUTM(v, false).Value, without working out the
// description of each change when v is ASCII (no folding can apply): with
// --strict a bulk run suggests a value for every row.
func sanitizedUTM(v string) string {
	if allAllowed(v) {
		return v // as paylink writes it: the channel check reads every built link back
	}
	s := strings.TrimSpace(v)
	if !isASCII(s) {
		return SanitizeUTM(v, false).Value
	}
	s, _ = replaceDisallowed(s)
	return s
}

// notAllowed says which characters broke a rule: "'@' is not allowed".
func notAllowed(bad []rune) string {
	if len(bad) == 1 {
		return describeRunes(bad) + " is not allowed"
	}
	return describeRunes(bad) + " are not allowed"
}

func disallowedRunes(v string, allowed *[256]bool) []rune {
	var bad []rune
	for i := 0; i < len(v); {
		if allowed[v[i]] {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		bad = addRune(bad, r)
		i += size
	}
	return bad
}

// checkEmail accepts one bare address, name@domain, as net/mail parses it.
// The common mistakes get their own reason: net/mail's own ("no
// angle-addr") would not tell a user what to change.
func checkEmail(v string) (reason, fix string) {
	fix = "give a bare address such as jenny@example.com"
	if v == "" {
		return "is empty (" + emailRule + ")", fix
	}
	if trimmed := strings.TrimSpace(v); trimmed != v && isBareEmail(trimmed) {
		return "has white space around it", "use " + quote(trimmed)
	}
	addr, err := mail.ParseAddress(v)
	switch {
	case err == nil && (addr.Name != "" || addr.Address != v):
		if isBareEmail(addr.Address) {
			fix = "use " + quote(addr.Address)
		}
		return "is not a bare e-mail address (no display name, angle brackets, quotes or comments)", fix
	case strings.ContainsAny(v, " \t"):
		return "contains a space (" + emailRule + ")", fix
	case !strings.Contains(v, "@"):
		return "has no '@' (" + emailRule + ")", fix
	case err != nil:
		return "is not a valid e-mail address (" + emailRule + ")", fix
	}
	return "", ""
}

// isBareEmail reports whether v is one address and nothing else.
func isBareEmail(v string) bool {
	addr, err := mail.ParseAddress(v)
	return err == nil && addr.Name == "" && addr.Address == v && !strings.ContainsAny(v, " \t")
}

func checkPromo(v string) (reason, fix string) {
	if v == "" {
		return "is empty (letters and digits only)", "give the promotion code"
	}
	if bad := disallowedRunes(v, &promoByte); len(bad) > 0 {
		return notAllowed(bad) + " (letters and digits only)", "give the promotion code exactly as created in Stripe"
	}
	return "", ""
}

var promoByte = func() (t [256]bool) {
	t = utmByte
	t['-'], t['_'] = false, false
	return t
}()

func checkLocale(v string) (reason, fix string) {
	if slices.Contains(Locales, v) {
		return "", ""
	}
	all := "auto (the browser's language) or one of " + strings.Join(Locales[1:], " ")
	switch s := SuggestLocale(v); {
	case s != "":
		fix = "did you mean " + quote(s) + "?"
	case isLanguage(v):
		fix = "that language is not supported by Stripe Checkout; use " + all
	default:
		fix = "use " + all
	}
	return "is not a Stripe Checkout locale", fix
}

// SuggestLocale returns the locale v was most likely meant to be, or "".
// It suggests only the same language: the same locale in other case or
// with '_' ("en_gb" → "en-GB", "EN" → "en"), the language of a region
// Stripe does not list ("fr-FR" → "fr") or of another code for it ("deu" →
// "de"), the language of a country written instead ("jp" → "ja"), or a
// longer code one edit away from a locale ("frr" → "fr"). A language Stripe
// does not support gets no suggestion: Hebrew ("he") is not German ("de"),
// however close the codes are.
func SuggestLocale(v string) string {
	norm := strings.ToLower(strings.ReplaceAll(v, "_", "-"))
	lang, _, _ := strings.Cut(norm, "-")
	for _, l := range Locales {
		if strings.ToLower(l) == norm {
			return l
		}
	}
	if base, ok := languageBase(lang); ok {
		return supportedLanguage(base)
	}
	if len(lang) == 2 {
		return countryLanguage(lang)
	}
	if len(norm) < 3 {
		return ""
	}
	best, bestDist := "", 2
	for _, l := range Locales {
		if d := Distance(norm, strings.ToLower(l)); d < bestDist {
			best, bestDist = l, d
		}
	}
	return best
}

// languageBase returns the ISO 639-1 code of lang when lang names a
// language by it or by an ISO 639-2 code that has one ("deu" → "de").
// Three-letter codes without one are not taken as languages: nearly every
// three letters name some language, and "frr" is more likely a typo.
func languageBase(lang string) (string, bool) {
	if len(lang) < 2 || len(lang) > 3 {
		return "", false
	}
	b, err := language.ParseBase(lang)
	if err != nil || len(b.String()) != 2 {
		return "", false
	}
	return b.String(), true
}

// supportedLanguage returns the plain locale for an ISO 639-1 code, or "".
func supportedLanguage(base string) string {
	if slices.Contains(Locales, base) {
		return base
	}
	return ""
}

// countryLanguage returns the supported language of a country code written
// where a language was meant ("jp" → "ja", "cn" → "zh"), or "".
func countryLanguage(code string) string {
	region, err := language.ParseRegion(code)
	if err != nil || !region.IsCountry() || region.IsPrivateUse() {
		return ""
	}
	tag, err := language.Compose(language.Und, region)
	if err != nil {
		return ""
	}
	base, _ := tag.Base() // the region's most likely language
	return supportedLanguage(base.String())
}

// isLanguage reports whether v names a language (by its ISO 639-1 code,
// with or without a region).
func isLanguage(v string) bool {
	lang, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(v, "_", "-")), "-")
	_, ok := languageBase(lang)
	return ok
}

// Distance is the Levenshtein distance between a and b, in bytes, for
// did-you-mean suggestions. The words compared (locales, config keys, preset
// names) are short, so an a over 64 bytes is not measured: its length is.
func Distance(a, b string) int {
	if len(a) > 64 {
		return len(a)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
