package link

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paylink/paylink/internal/safe"
)

// Severity says whether Stripe would lose something (Error) or a parameter
// merely has no effect or an undefined one (Warning).
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one thing wrong with a link or a parameter value. It is an
// error, so callers can return it as one.
type Problem struct {
	Rule     RuleID // the kind of problem, a row of Rules
	Param    string // query key, or "" for the link itself
	Value    string // the offending value as Stripe reads it
	Severity Severity
	Reason   string // what is wrong and the rule broken
	Effect   string // what Stripe does about it, or ""
	Fix      string // what the user should do, or ""
}

// Message is the problem without the parameter name: the value, the rule,
// Stripe's reaction and the fix.
func (p *Problem) Message() string {
	var b strings.Builder
	p.writeMessage(&b)
	return b.String()
}

// writeMessage writes Message to b, grown once for all of it: a bulk run
// with --strict writes one for every row.
func (p *Problem) writeMessage(b *strings.Builder) {
	b.Grow(len(p.Value) + len(p.Reason) + len(p.Effect) + len(p.Fix) + 16)
	// A missing parameter has no value to show: "utm_source is missing",
	// not `utm_source "": is missing`.
	if p.Param != "" && p.Rule != RulePolicyRequired {
		b.WriteString(quote(p.Value))
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	if p.Effect != "" {
		b.WriteString("; ")
		b.WriteString(p.Effect)
	}
	if p.Fix != "" {
		b.WriteString("; ")
		b.WriteString(p.Fix)
	}
}

// Error is the problem as one line: "utm_source "a b": ...", or for the link
// itself "link "...": ...".
func (p *Problem) Error() string {
	var b strings.Builder
	if p.Param == "" {
		b.WriteString("link ")
		b.WriteString(quote(p.Value))
		b.WriteString(": ")
	} else {
		b.Grow(len(p.Param) + 1)
		b.WriteString(p.Param)
		b.WriteByte(' ')
	}
	p.writeMessage(&b)
	return b.String()
}

func linkErr(rule RuleID, raw, reason, fix string) *Problem {
	return &Problem{Rule: rule, Value: raw, Severity: SeverityError, Reason: reason, Fix: fix}
}

// quote shows a value in a message: Go-quoted so that invisible and invalid
// bytes are visible, and shortened when long so one bad cell in a 100 kB
// input still gives a one-line message.
func quote(s string) string {
	const most = 80
	if len(s) <= most {
		return safe.Quote(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d characters)", safe.Quote(s[:cut]), utf8.RuneCountInString(s))
}

// shortText shows text from a config file (a policy pattern) in a message
// as it is written when it is short, else cut with its length: a 1 MB
// pattern must not be copied into the error of every failing row.
func shortText(s string) string {
	const most = 80
	if len(s) <= most {
		return safe.Text(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d characters)", safe.Text(s[:cut]), utf8.RuneCountInString(s))
}
