package link

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
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
	e := "Stripe " + p.Drop
	switch p.Kind {
	case KindUTM:
		e += " and the campaign would lose its attribution"
	case KindRefID:
		e += " and the payment could not be reconciled"
	}
	return e
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
	if s := SanitizeUTM(v, false).Value; s != "" && len(s) <= p.Max && s != v {
		return "use " + quote(s)
	}
	return "replace it with a value made of letters, digits, '-' and '_'"
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
	fix = "use one of " + strings.Join(Locales, " ")
	if s := SuggestLocale(v); s != "" {
		fix = "did you mean " + quote(s) + "?"
	}
	return "is not a Stripe Checkout locale", fix
}

// SuggestLocale returns the locale v was most likely meant to be, or "":
// the same locale in other case or with '_' ("en_gb" → "en-GB"), the
// language of a region Stripe does not list ("fr-FR" → "fr"), or a close
// spelling, one edit away ("frr" → "fr"). Locale codes are so short that two
// edits reach unrelated ones ("xx" → "bg"), so no guess is made beyond one.
func SuggestLocale(v string) string {
	norm := strings.ToLower(strings.ReplaceAll(v, "_", "-"))
	lang, _, hasRegion := strings.Cut(norm, "-")
	for _, want := range []string{norm, lang} {
		for _, l := range Locales {
			if strings.ToLower(l) == want && (want == norm || hasRegion) {
				return l
			}
		}
	}
	best, bestDist := "", 2
	for _, l := range Locales {
		if d := Distance(norm, strings.ToLower(l)); d < bestDist {
			best, bestDist = l, d
		}
	}
	return best
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
