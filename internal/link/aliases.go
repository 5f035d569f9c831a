package link

import "slices"

// Aliases maps, per parameter name, a value as written to the value the
// team wants instead: "Facebook" and "fb" to "facebook". Keys are matched
// exactly, case included: "Facebook" and "facebook" are two rows in every
// Google Analytics report, which is why a team writes the alias.
type Aliases map[string]map[string]string

// Lookup returns the value the aliases map v of parameter name to.
func (a Aliases) Lookup(name, v string) (string, bool) {
	to, ok := a[name][v]
	return to, ok && to != v
}

// check reports every value of q the aliases map to another, as a
// warning: Stripe records it, but the team writes it another way.
func (a Aliases) check(q []RawParam) []*Problem {
	var out []*Problem
	for _, rp := range q {
		if !rp.DecodeOK {
			continue
		}
		if to, ok := a.Lookup(rp.Key, rp.Value); ok {
			out = append(out, aliasProblem(rp.Key, rp.Value, to, SeverityWarning))
		}
	}
	return out
}

func aliasProblem(name, from, to string, sev Severity) *Problem {
	return &Problem{Rule: RuleAlias, Param: name, Value: from, Severity: sev,
		Reason: "is an alias: the config's aliases." + name + " maps it to " + quote(to),
		Fix:    "write " + quote(to) + " (paylink build rewrites it; validate --fix repairs it)"}
}

// aliasChange describes a rewrite by an alias, for build's warning.
func aliasChange(name, from, to string) string {
	return "aliases." + name + " maps " + quote(from) + " to " + quote(to)
}

// Names returns the parameters a has aliases for, in table order.
func (a Aliases) Names() []string {
	var out []string
	for _, p := range Params {
		if _, ok := a[p.Name]; ok {
			out = append(out, p.Name)
		}
	}
	return slices.Clip(out)
}
