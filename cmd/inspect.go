package cmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// InspectOptions are the inputs of `paylink inspect`, filled from flags.
type InspectOptions struct {
	IO *iostreams.IOStreams

	URLs    []string
	Input   string   // -i: a file of links, one a line, or "-" for stdin
	Domains []string // custom payment-link domains allowed besides buy.stripe.com
	Format  string   // "text" or "json"
}

// NewInspectCmd builds `paylink inspect`. runF replaces the run function in
// tests that check flag parsing; nil runs the inspection.
func NewInspectCmd(f *Factory, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{IO: f.IO}
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
	bindInspectConfig(f, c, opts) // PAYLINK_ALLOW_DOMAIN and the config's domains
	return c
}

func runInspect(opts *InspectOptions) error {
	failed := false
	n := 0
	_, err := eachLink(opts.IO, opts.URLs, opts.Input, func(raw string) error {
		l, err := link.Parse(raw, opts.Domains)
		if err != nil {
			printMessage(opts.IO.ErrOut, "error", err)
			failed = true
			return nil
		}
		n++
		if opts.Format == "json" {
			return writeInspectJSON(opts.IO.Out, l)
		}
		if n > 1 {
			fmt.Fprintln(opts.IO.Out)
		}
		return writeInspectText(opts.IO.Out, l, opts.IO.ColorEnabled())
	})
	switch {
	case err != nil:
		return &exitError{exitUsage, err}
	case failed:
		return &silentError{exitInvalid}
	}
	return nil
}

type paramJSON struct {
	Name   string      `json:"name"`
	Value  string      `json:"value"`
	Status link.Status `json:"status"`
	Reason string      `json:"reason"`
}

func writeInspectJSON(w io.Writer, l *link.Link) error {
	params := []paramJSON{}
	for _, v := range l.Explain() {
		params = append(params, paramJSON{v.Name, v.Value, v.Status, v.Reason})
	}
	return writeJSON(w, struct {
		Link     string        `json:"link"`
		Host     string        `json:"host"`
		HostKind link.HostKind `json:"host_kind"`
		Mode     link.Mode     `json:"mode"`
		Slug     string        `json:"slug"`
		Params   []paramJSON   `json:"params"`
	}{l.Raw, l.Host, l.HostKind, l.Mode, l.Slug, params}, false)
}

// ANSI colours of the status column. Each escape sequence is as long as
// the others, so tabwriter, which counts bytes, still aligns the columns.
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
// and what Stripe does with it.
func writeInspectText(w io.Writer, l *link.Link, color bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "link\t%s\n", display(l.Raw))
	fmt.Fprintf(tw, "host\t%s (%s)\n", safe.Text(l.Host), l.HostKind)
	fmt.Fprintf(tw, "mode\t%s\n", l.Mode)
	fmt.Fprintf(tw, "slug\t%s\n", safe.Text(l.Slug))
	if err := tw.Flush(); err != nil {
		return err
	}
	verdicts := l.Explain()
	if len(verdicts) == 0 {
		_, err := fmt.Fprintln(w, "\nno query parameters: Stripe records no UTM codes, reference or pre-fills for this link")
		return err
	}
	fmt.Fprintln(w)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + colorReset
	}
	fmt.Fprintf(tw, "PARAMETER\tVALUE\t%s\tWHAT HAPPENS\n", paint(colorBold, "STATUS"))
	for _, v := range verdicts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", display(v.Name), link.Quote(v.Value),
			paint(statusColor[v.Status], string(v.Status)), safe.Text(v.Reason))
	}
	return tw.Flush()
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
