package link

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Problems returns every problem with the parameters already on l: values
// Stripe would drop (checked after URL-decoding), repeated parameters, and
// utm_ names that Stripe does not record.
func (l *Link) Problems() []*Problem {
	ps := l.problems(&[NumParams]bool{})
	if l.plainHTTP {
		ps = append([]*Problem{l.httpProblem()}, ps...)
	}
	return ps
}

// httpProblem is the warning about a link written http://: it works
// (stripe.com is HSTS-preloaded, so browsers ask for https, and Stripe
// redirects http keeping the query), but the page it is in says "http".
func (l *Link) httpProblem() *Problem {
	return &Problem{Rule: RuleLinkHTTP, Value: l.Raw, Severity: SeverityWarning,
		Reason: "starts with http://",
		Effect: "browsers upgrade it to https (stripe.com is HSTS-preloaded) and Stripe keeps the query, but anyone reading it sees an insecure link",
		Fix:    "write https://"}
}

// problems is Problems without the parameters in skip, which a build is
// about to replace, and without the link's own warnings.
func (l *Link) problems(skip *[NumParams]bool) []*Problem {
	q := l.Query() // once: bulk builds check every row's query
	if len(q) == 0 {
		return nil
	}
	var out []*Problem
	counts := make(map[string]int, len(q))
	for _, rp := range q {
		counts[rp.Key]++
		if _, known := idByName[rp.Key]; !known && counts[rp.Key] > 1 {
			continue // an ignored name is reported once; every copy of a known one is checked
		}
		if p := paramProblem(rp, skip); p != nil {
			out = append(out, p)
		}
	}
	if p := overriddenEmail(q, skip); p != nil {
		out = append(out, p)
	}
	for _, rp := range q {
		if n := counts[rp.Key]; n > 1 {
			counts[rp.Key] = 0 // report each name once
			if id, ok := idByName[rp.Key]; ok && skip[id] {
				continue
			}
			out = append(out, repeated(rp, n))
		}
	}
	return out
}

// overriddenEmail warns that prefilled_email has no effect: Stripe uses a
// valid locked_prefilled_email instead (docs.stripe.com/payment-links/customize).
func overriddenEmail(q []RawParam, skip *[NumParams]bool) *Problem {
	if skip[PrefilledEmail] || skip[LockedPrefilledEmail] {
		return nil
	}
	var prefilled *RawParam
	locked := false
	for _, rp := range q {
		switch rp.Key {
		case Params[PrefilledEmail].Name:
			prefilled = &rp
		case Params[LockedPrefilledEmail].Name:
			locked = locked || rp.DecodeOK && Check(Params[LockedPrefilledEmail], rp.Value) == nil
		}
	}
	if prefilled == nil || !locked {
		return nil
	}
	return &Problem{Rule: RuleEmailOverridden, Param: prefilled.Key, Value: prefilled.Value, Severity: SeverityWarning,
		Reason: "is overridden by locked_prefilled_email", Effect: "Stripe pre-fills the locked address instead",
		Fix: "remove one of the two"}
}

// repeated is the warning about a parameter that appears n times.
func repeated(rp RawParam, n int) *Problem {
	return &Problem{Rule: RuleRepeatedParameter, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
		Reason: fmt.Sprintf("appears %d times", n), Effect: "which copy Stripe keeps is undefined",
		Fix: "keep one"}
}

func paramProblem(rp RawParam, skip *[NumParams]bool) *Problem {
	id, known := idByName[rp.Key]
	switch {
	case known && skip[id]:
		return nil
	case known && !rp.DecodeOK:
		return &Problem{Rule: RuleBadPercentEncoding, Param: rp.Key, Value: rp.RawValue, Severity: SeverityError,
			Reason: "is not validly percent-encoded", Effect: "Stripe " + Params[id].Drop,
			Fix: "set it again with paylink build"}
	case known:
		return explainPlus(Check(Params[id], rp.Value), rp)
	case escapedAmp(rp.Key) != "":
		// "&amp;" copied out of HTML source: the parameter Stripe was meant
		// to read is hidden behind a key it does not know.
		name := escapedAmp(rp.Key)
		return &Problem{Rule: RuleHTMLEscapedAmp, Param: rp.Key, Value: rp.Value, Severity: SeverityError,
			Reason: "is " + name + " written after \"&amp;\", an HTML escape of '&'",
			Effect: "Stripe does not read it, so " + name + " is lost",
			Fix:    "write '&' instead of \"&amp;\" in the link"}
	case slices.Contains(IgnoredUTM, rp.Key):
		return &Problem{Rule: RuleIgnoredParameter, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
			Reason: "is a Google Analytics parameter", Effect: "Stripe does not record it",
			Fix: "remove it; Stripe records " + utmNames()}
	case strings.HasPrefix(strings.ToLower(rp.Key), "utm_"):
		return &Problem{Rule: RuleIgnoredParameter, Param: rp.Key, Value: rp.Value, Severity: SeverityWarning,
			Reason: "is not a UTM code Stripe reads", Effect: "Stripe does not record it",
			Fix: "use one of " + utmNames()}
	}
	return misplacedParam(rp)
}

// explainPlus adds to an e-mail problem the likely cause: a '+' written as
// is in the query, which Stripe reads as a space ("jenny+vip@example.com"
// arrives as "jenny vip@example.com").
func explainPlus(p *Problem, rp RawParam) *Problem {
	if p == nil || Params[idByName[rp.Key]].Kind != KindEmail || !strings.Contains(rp.RawValue, "+") {
		return p
	}
	meant, err := url.PathUnescape(rp.RawValue) // as QueryUnescape, but '+' stays '+'
	if err != nil || !isBareEmail(meant) {
		return p
	}
	p.Reason = "is what Stripe reads: a '+' in a URL query is a space, so the address is not valid"
	p.Fix = "percent-encode it: " + rp.Key + "=" + escapeAll(meant)
	return p
}

func utmNames() string {
	var names []string
	for _, p := range Params {
		if p.Kind == KindUTM {
			names = append(names, p.Name)
		}
	}
	return strings.Join(names, ", ")
}

// escapedAmp returns the parameter name behind a key such as "amp;utm_medium"
// (what "&amp;utm_medium" leaves when '&' splits it), or "" for any other key.
func escapedAmp(key string) string {
	if len(key) < 4 || !strings.EqualFold(key[:4], "amp;") {
		return ""
	}
	name := key[4:]
	if _, known := idByName[name]; known || strings.HasPrefix(strings.ToLower(name), "utm_") {
		return name
	}
	return ""
}
