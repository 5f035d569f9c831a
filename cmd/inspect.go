package cmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/wrap"
)

// InspectOptions are the inputs of `paylink inspect`, filled from flags.
type InspectOptions struct {
	IO *iostreams.IOStreams

	URLs    []string
	Input   string   // -i: a file of links, one a line, or "-" for stdin
	Domains []string // custom payment-link domains allowed besides buy.stripe.com
	Format  string   // "text" or "json"

	// Stripe adds what the Stripe account says of each link (--stripe).
	Stripe  bool
	Account StripeOptions
	account *account.Index // the account's links, listed once; nil without --stripe
}

// NewInspectCmd builds `paylink inspect`. runF replaces the run function in
// tests that check flag parsing; nil runs the inspection.
func NewInspectCmd(f *Factory, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{IO: f.IO, Account: StripeOptions{Getenv: f.getenv}}
	c := &cobra.Command{
		Use:   "inspect URL... [-i FILE|-]",
		Short: "Explain what Stripe does with each parameter of a payment link",
		Long: `Explain a payment link: its host (buy.stripe.com or a custom domain), mode
(live or test), slug, and every query parameter with its value as Stripe
reads it (URL-decoded) and its status, the same words validate's severities
come from:

` + statusLegend() + `
--format json prints one object per link:
{"link","host","host_kind","mode","slug","params":[{"name","value","status","reason"}]}.

--stripe adds what the Stripe account of STRIPE_API_KEY (or --api-key-file)
says of the link: whether it is active, its confirmation behaviour, the
redirect URL and whether it holds {CHECKOUT_SESSION_ID}; in JSON, an
"account" object {"status","id","active","confirmation","redirect_url",
"session_id_in_redirect"}, status being found, not_found or not_checkable.

Exit codes: 0 explained (even with dropped parameters: use validate to fail
on them), 1 a link could not be parsed, 2 usage error or unreadable input.`,
		Example: `  paylink inspect 'https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=newsletter&utm_medium=e+mail'
  paylink inspect https://pay.example.com/b/eVa5nPg1j1wmfXq5kr --allow-domain pay.example.com --format json`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.URLs = args
			if err := checkTextOrJSON(opts.Format); err != nil {
				return err
			}
			if len(args) == 0 && opts.Input == "" {
				return usageErrorf("give a payment link, e.g. paylink inspect https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr")
			}
			if runF != nil {
				return runF(opts)
			}
			return runInspect(opts)
		},
	}
	fs := c.Flags()
	fs.StringVarP(&opts.Input, "input", "i", "", "read links from `FILE`, one a line (\"-\" for stdin)")
	addDomainFlag(fs, &opts.Domains)
	fs.StringVar(&opts.Format, "format", "text", "output `FORMAT`: text or json")
	completeValues(c, "format", "text", "json")
	fs.BoolVar(&opts.Stripe, "stripe", false, "add what the Stripe account says: active, confirmation, redirect URL")
	addStripeFlags(fs, &opts.Account)
	bindInspectConfig(f, c, opts) // PAYLINK_ALLOW_DOMAIN and the config's domains
	return c
}

func runInspect(opts *InspectOptions) error {
	if opts.Stripe {
		ix, err := accountIndex(opts.IO, &opts.Account)
		if err != nil {
			return err
		}
		opts.account = ix
	}
	failed := false
	n := 0
	_, err := eachLink(opts.IO, opts.URLs, opts.Input, func(raw string) error {
		l, err := link.Parse(raw, opts.Domains)
		if err != nil {
			printMessage(opts.IO.ErrOut, "error", err)
			failed = true
			if opts.Format == "json" { // the link's line in the stream says why
				e := newErrorJSON(err)
				e.Link = raw
				return writeJSON(opts.IO.Out, e, false)
			}
			return nil
		}
		n++
		var facts *account.Facts
		if opts.account != nil {
			f := opts.account.Facts(l)
			facts = &f
		}
		if opts.Format == "json" {
			return writeInspectJSON(opts.IO.Out, l, facts)
		}
		if n > 1 {
			fmt.Fprintln(opts.IO.Out)
		}
		return writeInspectText(opts.IO.Out, l, facts, opts.IO.ColorEnabled(), opts.IO.TerminalWidth())
	})
	switch {
	case err != nil:
		return exitcode.New(exitcode.Usage, err)
	case failed:
		return &silentError{exitcode.Invalid}
	}
	return nil
}

type paramJSON struct {
	Name   string      `json:"name"`
	Value  string      `json:"value"`
	Status link.Status `json:"status"`
	Reason string      `json:"reason"`
}

// writeInspectJSON writes one link; facts, when not nil, become "account".
func writeInspectJSON(w io.Writer, l *link.Link, facts *account.Facts) error {
	params := []paramJSON{}
	for _, v := range l.Explain() {
		params = append(params, paramJSON{v.Name, v.Value, v.Status, v.Reason})
	}
	return writeJSON(w, struct {
		Link     string         `json:"link"`
		Host     string         `json:"host"`
		HostKind link.HostKind  `json:"host_kind"`
		Mode     link.Mode      `json:"mode"`
		Slug     string         `json:"slug"`
		Params   []paramJSON    `json:"params"`
		Account  *account.Facts `json:"account,omitempty"`
	}{l.Raw, l.Host, l.HostKind, l.Mode, l.Slug, params, facts}, false)
}

// ANSI colours of the status column.
const (
	colorReset = "\x1b[0m"
	colorBold  = "\x1b[01m"
)

var statusColor = map[link.Status]string{
	link.StatusRecorded: "\x1b[32m", // green
	link.StatusDropped:  "\x1b[31m", // red
	link.StatusLost:     "\x1b[31m", // red
	link.StatusIgnored:  "\x1b[33m", // yellow
	link.StatusUnused:   "\x1b[90m", // grey (codes of one length keep the columns aligned)
}

// writeInspectText prints the link's facts, then one table row per
// parameter: name, value (quoted, so spaces and empty values show), status
// and what Stripe does with it. width is the terminal's, 0 for no limit.
func writeInspectText(w io.Writer, l *link.Link, facts *account.Facts, color bool, width int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "link\t%s\n", display(l.Raw))
	fmt.Fprintf(tw, "host\t%s (%s)\n", safe.Text(l.Host), l.HostKind)
	fmt.Fprintf(tw, "mode\t%s\n", l.Mode)
	fmt.Fprintf(tw, "slug\t%s\n", safe.Text(l.Slug))
	if facts != nil {
		writeFacts(tw, l, facts)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	verdicts := l.Explain()
	if len(verdicts) == 0 {
		_, err := fmt.Fprintln(w, "\nno query parameters: Stripe records no UTM codes, reference or pre-fills for this link")
		return err
	}
	fmt.Fprintln(w)
	t := inspectTable{color: color}
	for _, v := range verdicts {
		t.rows = append(t.rows, inspectRow{display(v.Name), link.Quote(v.Value), v.Status, safe.Text(v.Reason)})
	}
	return t.write(w, width)
}

// inspectRow is one parameter of the table, as printed (escaped).
type inspectRow struct {
	name, value string
	status      link.Status
	reason      string
}

type inspectTable struct {
	rows  []inspectRow
	color bool
}

const (
	columnGap = 2
	// minReasonWidth is the narrowest WHAT HAPPENS column worth keeping the
	// table for; below it each parameter gets a block of its own.
	minReasonWidth = 24
	blockIndent    = 4
)

var inspectHeader = [4]string{"PARAMETER", "VALUE", "STATUS", "WHAT HAPPENS"}

// write lays the table out within width columns (0: one line a row):
// a table whose WHAT HAPPENS column wraps under itself, or, when the first
// three columns leave too little room for it, one block per parameter.
func (t inspectTable) write(w io.Writer, width int) error {
	cols := t.columnWidths()
	reasonAt := cols[0] + cols[1] + cols[2] + 3*columnGap
	if width > 0 && width-reasonAt < minReasonWidth {
		return t.writeBlocks(w, width)
	}
	reasonWidth := 0
	if width > 0 {
		reasonWidth = width - reasonAt
	}
	b := &strings.Builder{}
	t.writeRow(b, cols, inspectHeader[0], inspectHeader[1], t.paint(colorBold, inspectHeader[2], cols[2]), inspectHeader[3], reasonWidth, reasonAt)
	for _, r := range t.rows {
		t.writeRow(b, cols, r.name, r.value, t.paint(statusColor[r.status], string(r.status), cols[2]), r.reason, reasonWidth, reasonAt)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// columnWidths are the widths, in terminal columns, of PARAMETER, VALUE and
// STATUS: their widest cell, header included.
func (t inspectTable) columnWidths() [3]int {
	cols := [3]int{wrap.Width(inspectHeader[0]), wrap.Width(inspectHeader[1]), wrap.Width(inspectHeader[2])}
	for _, r := range t.rows {
		cols[0] = max(cols[0], wrap.Width(r.name))
		cols[1] = max(cols[1], wrap.Width(r.value))
		cols[2] = max(cols[2], wrap.Width(string(r.status)))
	}
	return cols
}

// writeRow writes one row, its reason wrapped to reasonWidth columns with
// each further line indented to the column (reasonAt).
func (t inspectTable) writeRow(b *strings.Builder, cols [3]int, name, value, paintedStatus, reason string, reasonWidth, reasonAt int) {
	b.WriteString(pad(name, cols[0]))
	b.WriteString(pad(value, cols[1]))
	b.WriteString(paintedStatus)
	for i, line := range wrap.Lines(reason, reasonWidth) {
		if i > 0 {
			b.WriteString("\n" + strings.Repeat(" ", reasonAt))
		}
		b.WriteString(line)
	}
	b.WriteString("\n")
}

// writeBlocks writes each parameter as a line with its name and value, then
// its status and reason wrapped under it, indented: for terminals too
// narrow for the table.
func (t inspectTable) writeBlocks(w io.Writer, width int) error {
	b := &strings.Builder{}
	indent := strings.Repeat(" ", blockIndent)
	for _, r := range t.rows {
		for _, line := range wrap.Hanging(r.name+" "+r.value, width, blockIndent) {
			b.WriteString(line + "\n")
		}
		for i, line := range wrap.Lines(string(r.status)+": "+r.reason, max(width-blockIndent, 1)) {
			if i == 0 {
				line = t.paintPrefix(statusColor[r.status], line, string(r.status))
			}
			b.WriteString(indent + line + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pad is s and the spaces that fill its column, and the gap after it.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", width-wrap.Width(s)+columnGap)
}

// paint pads s to its column and colours s (not the padding) on a terminal.
func (t inspectTable) paint(code, s string, width int) string {
	if !t.color {
		return pad(s, width)
	}
	return code + s + colorReset + strings.Repeat(" ", width-wrap.Width(s)+columnGap)
}

// paintPrefix colours word at the start of line, on a terminal.
func (t inspectTable) paintPrefix(code, line, word string) string {
	if !t.color || !strings.HasPrefix(line, word) {
		return line
	}
	return code + word + colorReset + line[len(word):]
}

// statusLegend lists inspect's statuses with what each means and what
// validate reports it as, from the one table in internal/link.
func statusLegend() string {
	var b strings.Builder
	for _, row := range link.Statuses {
		sev := "not reported by validate"
		if row.Severity != "" {
			sev = "validate: " + string(row.Severity)
		}
		fmt.Fprintf(&b, "  %-9s %s (%s)\n", row.Status, row.Meaning, sev)
	}
	return b.String()
}

// writeFacts adds what the account says of l to inspect's facts: every
// string from the API through safe.Text.
func writeFacts(w io.Writer, l *link.Link, f *account.Facts) {
	switch f.Status {
	case "not_checkable":
		fmt.Fprintf(w, "account\tnot checkable: a %s-mode link, and the API key reads the other mode's data\n", l.Mode)
		return
	case "not_found":
		fmt.Fprintf(w, "account\tnot found in this Stripe account (another account's link, or a mistyped slug)\n")
		return
	}
	state := "active"
	if !f.Active {
		state = "deactivated: its page says the link is no longer available"
	}
	fmt.Fprintf(w, "account\t%s (%s)\n", safe.Text(f.ID), state)
	switch f.Confirmation {
	case account.ConfirmationRedirect:
		fmt.Fprintf(w, "confirmation\tredirect to %s\n", safe.Text(f.RedirectURL))
		session := "not passed on: add {CHECKOUT_SESSION_ID} to the redirect URL to reconcile payments"
		if f.SessionID {
			session = "passed on ({CHECKOUT_SESSION_ID} in the redirect URL)"
		}
		fmt.Fprintf(w, "session id\t%s\n", session)
	case account.ConfirmationHosted:
		fmt.Fprintf(w, "confirmation\tStripe's hosted page: UTM codes are passed nowhere\n")
	default:
		fmt.Fprintf(w, "confirmation\t%s\n", safe.Text(f.Confirmation))
	}
}
