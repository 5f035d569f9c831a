package link

// Status is what Stripe does with one query parameter of a link.
type Status string

const (
	StatusRecorded Status = "recorded" // Stripe reads the value and keeps it
	StatusDropped  Status = "dropped"  // Stripe reads the parameter but discards the value
	StatusIgnored  Status = "ignored"  // not a parameter Stripe reads
)

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
			v.Status, v.Reason = StatusIgnored, detail(overridden)
		}
		if n := counts[rp.Key]; n > 1 {
			v.Reason += "; " + detail(repeated(rp, n))
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
	case known:
		v.Status, v.Value, v.Reason = StatusDropped, p.Value, detail(p)
	case p != nil:
		v.Status, v.Reason = StatusIgnored, detail(p)
	default:
		v.Status, v.Reason = StatusIgnored, "not a parameter Stripe reads; it stays on the URL with no effect on the payment"
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
