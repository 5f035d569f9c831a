package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/table"
	"github.com/paylink/paylink/internal/wrap"
)

// InspectOptions are the inputs of `paylink inspect`, filled from flags.
type InspectOptions struct {
	IO *iostreams.IOStreams
	// LookupEnv reads the environment: $COLUMNS.
	LookupEnv func(string) (string, bool)

	URLs    []string
	Input   string   // -i: a file of links or a sheet, or "-" for stdin
	Domains []string // custom payment-link domains allowed besides buy.stripe.com
	Format  string   // "text" or "json"

	// Stripe adds what the Stripe account says of each link (--stripe).
	Stripe  bool
	Account StripeOptions
	account *account.Index // the account's links, listed once; nil without --stripe
}

// NewInspectCmd builds `paylink inspect`. runF replaces the run function in
// tests that check flag parsing; nil runs the inspection.
func NewInspectCmd(f *cmdutil.Factory, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{IO: f.IO, LookupEnv: f.LookupEnv, Account: newStripeOptions(f)}
	c := &cobra.Command{
		Use:   "inspect URL... [-i FILE|-]",
		Short: "Explain what Stripe does with each parameter of a payment link",
		Long: `Explain a payment link: its host (buy.stripe.com or a custom domain), mode
(live or test), slug, and every query parameter with its value as Stripe
reads it (URL-decoded) and its status, the same words validate's severities
come from:

` + statusLegend() + `
It also names the Google Analytics 4 default channel the recorded UTM codes
land in (Email, Paid Social, Organic Search, ..., Unassigned when no rule
matches) and the rule that put them there; a link without utm_source and
utm_medium is decided by the session's referrer, which a link cannot know.

--format json prints one object per link:
{"link","host","host_kind","mode","slug",
"params":[{"name","value","status","reason"}],"ga4_channel","ga4_rule"}.

--stripe adds what the Stripe account of STRIPE_API_KEY (or --api-key-file)
says of the link: whether it is active, its confirmation behaviour, the
redirect URL and whether it holds {CHECKOUT_SESSION_ID}; in JSON, an
"account" object {"status","id","active","confirmation","redirect_url",
"session_id_in_redirect"}, status being found, not_found or not_checkable.

Exit codes: 0 explained (even with dropped parameters: use validate to fail
on them), 1 a link could not be parsed, 2 usage error or unreadable input.`,
		Example: `  paylink inspect 'https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_medium=e+mail'
  paylink inspect https://pay.example.com/b/eVa5nPg1j1wmfXq5kr --allow-domain pay.example.com --format json`,
		Args: cmdutil.WrapArgs(cobra.ArbitraryArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.URLs, opts.Account.Context = args, c.Context()
			if len(args) == 0 && opts.Input == "" {
				return cmdutil.UsageErrorf("give a payment link, e.g. paylink inspect https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr")
			}
			if runF != nil {
				return runF(opts)
			}
			return runInspect(opts)
		},
	}
	fs := c.Flags()
	fs.StringVarP(&opts.Input, "input", "i", "", "read links from `FILE` (- for stdin): one a line, or a sheet's link column")
	addDomainFlag(fs, &opts.Domains)
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "", cmdutil.Text, cmdutil.Table, cmdutil.JSON, cmdutil.JSONL)
	fs.BoolVar(&opts.Stripe, "stripe", false, "add what the Stripe account says: active, confirmation, redirect URL")
	addStripeFlags(fs, &opts.Account)
	bindInspectConfig(f, c, opts) // PAYLINK_ALLOW_DOMAIN and the config's domains
	cmdutil.AddResultFlags(c, f)
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
	_, err := eachLink(opts.IO, opts.URLs, opts.Input, func(at linkAt) error {
		raw := at.raw
		l, err := link.Parse(raw, opts.Domains)
		if err != nil {
			cmdutil.PrintMessage(opts.IO.ErrOut, "error", at.where()+err.Error())
			failed = true
			if cmdutil.IsJSON(opts.Format) { // the link's line in the stream says why
				e := cmdutil.NewErrorJSON(err)
				e.Link, e.Error = raw, at.where()+e.Error
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
		if cmdutil.IsJSON(opts.Format) {
			return writeInspectJSON(opts.IO.Out, l, facts)
		}
		if n > 1 {
			fmt.Fprintln(opts.IO.Out)
		}
		return writeInspectText(opts.IO.Out, l, facts, opts.IO.ColorEnabled(), opts.IO.LayoutWidth(opts.LookupEnv))
	})
	switch {
	case err != nil:
		return exitcode.New(exitcode.Usage, err)
	case failed:
		return &cmdutil.SilentError{Code: exitcode.Invalid}
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
	ch := l.Channel()
	return writeJSON(w, struct {
		Link     string         `json:"link"`
		Host     string         `json:"host"`
		HostKind link.HostKind  `json:"host_kind"`
		Mode     link.Mode      `json:"mode"`
		Slug     string         `json:"slug"`
		Params   []paramJSON    `json:"params"`
		Channel  string         `json:"ga4_channel"`
		Rule     string         `json:"ga4_rule"`
		Account  *account.Facts `json:"account,omitempty"`
	}{l.Raw, l.Host, l.HostKind, l.Mode, l.Slug, params, ch.Name, ch.Rule, facts}, false)
}

// writeChannel adds the GA4 default channel of the link's UTM codes to
// inspect's facts, and the rule that put them there, wrapped under its
// column within width (0: one line). withFacts says whether the account's
// facts, whose labels are wider, are in the same table.
func writeChannel(w io.Writer, ch link.Channel, withFacts bool, width int) {
	name := ch.Name
	if name == "" {
		name = "decided by the referrer"
	}
	fmt.Fprintf(w, "ga4 channel\t%s\n", name)
	label := len("ga4 channel")
	if withFacts {
		label = len("confirmation")
	}
	ruleWidth := 0
	if width > 0 {
		ruleWidth = max(width-label-2, minReasonWidth)
	}
	for i, line := range wrap.Lines(safe.Text(ch.Rule), ruleWidth) {
		if i == 0 {
			fmt.Fprintf(w, "ga4 rule\t%s\n", line)
		} else {
			fmt.Fprintf(w, "\t%s\n", line)
		}
	}
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
	tw := table.NewLines(2) // laid out at no limit: a link is never cut
	fmt.Fprintf(tw, "link\t%s\n", display(l.Raw))
	fmt.Fprintf(tw, "host\t%s (%s)\n", safe.Text(l.Host), l.HostKind)
	fmt.Fprintf(tw, "mode\t%s\n", l.Mode)
	fmt.Fprintf(tw, "slug\t%s\n", safe.Text(l.Slug))
	if facts != nil {
		writeFacts(tw, l, facts)
	}
	writeChannel(tw, l.Channel(), facts != nil, width)
	if err := tw.Table.Write(w, 0); err != nil {
		return err
	}
	verdicts := l.Explain()
	if len(verdicts) == 0 {
		_, err := fmt.Fprintln(w, "\nno query parameters: Stripe records no UTM codes, reference or pre-fills for this link")
		return err
	}
	fmt.Fprintln(w)
	return inspectTable(verdicts, color).Write(w, width)
}

// minReasonWidth is the narrowest WHAT HAPPENS column worth keeping the
// table for; below it each parameter gets a block of its own.
const minReasonWidth = 24

// inspectTable is one row per parameter: name, value (quoted, so spaces
// and empty values show), status (coloured on a terminal) and what Stripe
// does with it, which wraps under its column.
func inspectTable(verdicts []link.Verdict, color bool) *table.Table {
	t := &table.Table{
		Columns: []table.Column{{Header: "PARAMETER"}, {Header: "VALUE"}, {Header: "STATUS"}, {Header: "WHAT HAPPENS"}},
		Wrap:    minReasonWidth,
	}
	for _, v := range verdicts {
		t.Rows = append(t.Rows, []string{display(v.Name), link.Quote(v.Value), string(v.Status), safe.Text(v.Reason)})
	}
	paint := func(row int) string {
		if !color {
			return ""
		}
		if row < 0 {
			return colorBold
		}
		return statusColor[verdicts[row].Status]
	}
	t.Paint = func(row, col int) string {
		if col != 2 {
			return ""
		}
		return paint(row)
	}
	t.Stack = func(i, width int) string { return inspectBlock(t.Rows[i], paint(i), width) }
	return t
}

// blockIndent indents a parameter's status and reason under its name.
const blockIndent = 4

// inspectBlock is one parameter for a terminal too narrow for the table:
// its name and value, then its status and reason wrapped under them,
// indented, the status coloured (code, "" for none).
func inspectBlock(row []string, code string, width int) string {
	b := &strings.Builder{}
	for _, line := range wrap.Hanging(row[0]+" "+row[1], width, blockIndent) {
		b.WriteString(line + "\n")
	}
	indent := strings.Repeat(" ", blockIndent)
	status := row[2]
	for i, line := range wrap.Lines(status+": "+row[3], max(width-blockIndent, 1)) {
		if i == 0 && code != "" && strings.HasPrefix(line, status) {
			line = code + status + colorReset + line[len(status):]
		}
		b.WriteString(indent + line + "\n")
	}
	return b.String()
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
		// Within 80 columns, further lines under the meaning.
		for _, line := range wrap.Hanging(fmt.Sprintf("  %-9s %s (%s)", row.Status, row.Meaning, sev), cmdutil.HelpWidth-1, 12) {
			b.WriteString(line + "\n")
		}
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
		fmt.Fprintf(w, "confirmation\tStripe's hosted page: UTM codes are passed nowhere; run: paylink links update %s --redirect URL\n", safe.Text(f.ID))
	default:
		fmt.Fprintf(w, "confirmation\t%s\n", safe.Text(f.Confirmation))
	}
}
