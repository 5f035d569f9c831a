package link

// Status is what Stripe does with one query parameter of a link.
type Status string

const (
	StatusRecorded Status = "recorded" // Stripe reads the value and keeps it
	StatusDropped  Status = "dropped"  // Stripe reads the parameter but drops the value
	StatusLost     Status = "lost"     // the parameter meant is hidden behind an HTML escape (&amp;), so Stripe never sees it
	StatusIgnored  Status = "ignored"  // looks like a parameter Stripe acts on, but Stripe does not (or may not) act on it
	StatusUnused   Status = "unused"   // not a parameter Stripe reads; it stays on the URL with no effect
)

// StatusInfo is one row of the vocabulary shared by inspect and validate.
type StatusInfo struct {
	Status   Status
	Severity Severity // what validate reports a parameter with this status as; "" for nothing
	Meaning  string   // inspect's legend
}

// Statuses is the one vocabulary of inspect and validate: the status
// inspect shows for a parameter and the severity validate reports it with
// come from this table, so the two commands never call one thing by two
// names.
var Statuses = []StatusInfo{
	{StatusRecorded, "", "Stripe keeps the value; the table says where it ends up"},
	{StatusDropped, SeverityError, "Stripe reads the parameter but drops the value (the rule broken)"},
	{StatusLost, SeverityError, "a parameter Stripe reads, hidden behind \"&amp;\": Stripe never sees it"},
	{StatusIgnored, SeverityWarning, "Stripe does not act on it (or on every copy of it)"},
	{StatusUnused, "", "not a parameter Stripe reads; it stays on the URL"},
}

// Severity is what validate reports a parameter with status s as: "" for
// nothing.
func (s Status) Severity() Severity {
	for _, row := range Statuses {
		if row.Status == s {
			return row.Severity
		}
	}
	return ""
}

// statusFor is the status of a parameter validate reports with severity
// sev: the row of Statuses that says so, told apart by whether Stripe
// reads the parameter's name.
func statusFor(known bool, sev Severity) Status {
	switch {
	case sev == SeverityError && known:
		return StatusDropped
	case sev == SeverityError:
		return StatusLost
	case sev == SeverityWarning:
		return StatusIgnored
	case known:
		return StatusRecorded
	}
	return StatusUnused
}

// Verdict is what Stripe does with one query parameter, and why.
type Verdict struct {
	Name   string // decoded key
	Value  string // as Stripe reads it; the raw text when it is not validly percent-encoded
	Status Status
	// Reason is where a recorded value goes, the rule a dropped value breaks
	// (with Stripe's reaction and the fix), or why the parameter is ignored.
	Reason string
}

// Explain returns a verdict for every query parameter of l, in order. It
// draws on the same checks as Problems, so inspect and validate never
// disagree.
func (l *Link) Explain() []Verdict {
	q := l.Query()
	counts := map[string]int{}
	for _, rp := range q {
		counts[rp.Key]++
	}
	overridden := overriddenEmail(q, &[NumParams]bool{})
	out := make([]Verdict, 0, len(q))
	for _, rp := range q {
		v := verdict(rp)
		if overridden != nil && rp.Key == overridden.Param && v.Status == StatusRecorded {
			v.Status, v.Reason = statusFor(true, overridden.Severity), detail(overridden)
		}
		if n := counts[rp.Key]; n > 1 {
			p := repeated(rp, n)
			v.Reason += "; " + detail(p)
			if v.Status == StatusRecorded {
				v.Status = statusFor(true, p.Severity)
			}
		}
		out = append(out, v)
	}
	return out
}

func verdict(rp RawParam) Verdict {
	v := Verdict{Name: rp.Key, Value: rp.Value}
	p := paramProblem(rp, &[NumParams]bool{})
	id, known := idByName[rp.Key]
	switch {
	case known && p == nil:
		v.Status, v.Reason = StatusRecorded, Params[id].Dest
	case p != nil:
		v.Status, v.Reason = statusFor(known, p.Severity), detail(p)
		if known {
			v.Value = p.Value
		}
	default:
		v.Status, v.Reason = StatusUnused, "not a parameter Stripe reads; it stays on the URL with no effect on the payment"
	}
	return v
}

// detail is a problem's message without the value, which a verdict shows
// in its own field.
func detail(p *Problem) string {
	return (&Problem{Reason: p.Reason, Effect: p.Effect, Fix: p.Fix}).Message()
}

// Quote shows a value in a message as the engine's own messages do:
// Go-quoted, so invisible bytes are visible, and shortened when long.
func Quote(s string) string { return quote(s) }
