package link

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Policy is a team's naming rules for parameter values, on top of Stripe's:
// Stripe would record a link that breaks them, but the team's reports would
// split one campaign into several. Keys are query names such as utm_medium.
// The nil Policy allows everything.
type Policy struct {
	Required []string                  // parameters every link must carry, with a value
	Allowed  map[string][]string       // per parameter, the only values allowed
	Patterns map[string]*regexp.Regexp // per parameter, a pattern every value must match
	// Channels are the GA4 default channels a link carrying utm_source or
	// utm_medium may land in (ga4.Channels names them); none: any.
	Channels []string
	// Aliases maps, per parameter, a value the team keeps mistyping to the
	// one it wants, matched as written ("Facebook" → "facebook").
	Aliases Aliases
}

// WithChannels returns a copy of p whose channels are channels: a preset's
// channels replace the config's.
func (p *Policy) WithChannels(channels []string) *Policy {
	var q Policy
	if p != nil {
		q = *p
	}
	q.Channels = channels
	return &q
}

// CheckLink checks the parameters on l against the policy, and reports
// each value the aliases map to another (build rewrites those it sets).
func (p *Policy) CheckLink(l *Link) []*Problem {
	if p == nil {
		return nil
	}
	q := l.Query()
	return append(p.Check(q), p.Aliases.check(q)...)
}

// CheckBuilt checks a link that Build returned. Its shape is already known
// good, so only its query is read: no second Parse of every built link.
func (p *Policy) CheckBuilt(built string) []*Problem {
	if p == nil {
		return nil
	}
	var l Link
	l.split(built)
	return p.Check(l.Query())
}

// Check returns a problem of severity error for each parameter in params
// (values as Stripe reads them) that the policy refuses and for each
// required parameter that is missing or empty, naming the rule broken.
func (p *Policy) Check(params []RawParam) []*Problem {
	if p == nil {
		return nil
	}
	var out []*Problem
	for _, name := range p.Required {
		if !hasValue(params, name) {
			out = append(out, p.missing(name))
		}
	}
	for _, rp := range params {
		if !rp.DecodeOK || rp.Value == "" {
			continue // Stripe's own rules already report these
		}
		if pr := p.checkValue(rp.Key, rp.Value); pr != nil {
			out = append(out, pr)
		}
	}
	if pr := p.checkChannel(params); pr != nil {
		out = append(out, pr)
	}
	return out
}

func hasValue(params []RawParam, name string) bool {
	return slices.ContainsFunc(params, func(rp RawParam) bool { return rp.Key == name && rp.Value != "" })
}

func (p *Policy) missing(name string) *Problem {
	fix := "set it"
	if prm, ok := Lookup(name); ok {
		fix = "set it with --" + prm.Flag + " (paylink build, paylink create) or a preset"
	}
	return &Problem{Rule: RulePolicyRequired, Param: name, Severity: SeverityError,
		Reason: "is missing; policy.required lists " + strings.Join(p.Required, ", "),
		Fix:    fix}
}

// checkValue checks one value of parameter name against policy.allowed and
// policy.patterns.
func (p *Policy) checkValue(name, v string) *Problem {
	if allowed, ok := p.Allowed[name]; ok && !slices.Contains(allowed, v) {
		return &Problem{Rule: RulePolicyAllowed, Param: name, Value: v, Severity: SeverityError,
			Reason: "is not allowed by policy.allowed." + name + " (allowed: " + shortList(allowed) + ")",
			Fix:    "use one of the allowed values, or add this one to the policy in the config file"}
	}
	if re, ok := p.Patterns[name]; ok && !re.MatchString(v) {
		return &Problem{Rule: RulePolicyPattern, Param: name, Value: v, Severity: SeverityError,
			Reason: "does not match policy.patterns." + name + " " + shortText(re.String()),
			Fix:    "change the value to match the pattern"}
	}
	return nil
}

// mostListed is how many allowed values a message lists: a policy may allow
// thousands, and the message is repeated for every failing row.
const mostListed = 20

// shortList joins values with ", ", the first mostListed of them and a count
// of the others.
func shortList(values []string) string {
	if len(values) <= mostListed {
		return strings.Join(values, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(values[:mostListed], ", "), len(values)-mostListed)
}
