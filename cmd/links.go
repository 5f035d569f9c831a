package cmd

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/table"
)

// LinksOptions are the inputs of `paylink links`, filled from flags.
type LinksOptions struct {
	IO *iostreams.IOStreams
	// LookupEnv reads the environment: $COLUMNS.
	LookupEnv func(string) (string, bool)
	Stripe    StripeOptions

	All    bool   // inactive links too
	Format string // table (text), csv, json or jsonl (the same); "" picks table on a terminal, else csv
}

// linksColumns are the CSV header and the table's columns. url is the
// column `paylink build -i - --input-format csv` reads; the others pass
// through it untouched.
var linksColumns = []string{"id", "url", "active", "livemode", "confirmation", "redirect_url", "products"}

// NewLinksCmd builds `paylink links`. runF replaces the run function in
// tests that check flag parsing; nil lists the links.
func NewLinksCmd(f *cmdutil.Factory, runF func(*LinksOptions) error) *cobra.Command {
	opts := &LinksOptions{IO: f.IO, LookupEnv: f.LookupEnv, Stripe: newStripeOptions(f)}
	c := &cobra.Command{
		Use:   "links [--all] [--format FORMAT]",
		Short: "List the payment links of your Stripe account",
		Long: `List the payment links of the Stripe account whose API key is in
STRIPE_API_KEY (or in the file given with --api-key-file): id, url, active,
livemode, confirmation (after_completion.type: redirect or
hosted_confirmation), redirect_url and products (the line items'
descriptions, which are their product names unless set otherwise).

Only active links are listed unless --all is given. --format is table on a
terminal and csv otherwise; jsonl prints one JSON object a line. The csv has
a url column, so its output feeds paylink build -i - --input-format csv.

A restricted key with read access to Payment Links is enough: see the
README, "Your Stripe account". PAYLINK_STRIPE_API_BASE sends the requests
elsewhere (stripe-mock, a proxy).

Exit codes: 0 listed, 2 usage error, no key, a key Stripe refuses, or
Stripe not reachable.`,
		Example: `  paylink links
  paylink links --all --format jsonl --api-key-file ~/.config/paylink/stripe-key
  paylink links --format csv | paylink build -i - --input-format csv -p spring-email`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			opts.Stripe.Context = c.Context()
			if opts.Format == "" {
				opts.Format = cmdutil.CSV
				if opts.IO.IsStdoutTTY() {
					opts.Format = cmdutil.Table
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runLinks(opts)
		},
	}
	fs := c.Flags()
	fs.BoolVar(&opts.All, "all", false, "list inactive (deactivated) links too")
	cmdutil.FormatFlag(c, &opts.Format, "", "(default table on a terminal, else csv)",
		cmdutil.Table, cmdutil.Text, cmdutil.CSV, cmdutil.JSON, cmdutil.JSONL)
	addStripeFlags(fs, &opts.Stripe)
	f.Bind(c, cmdutil.Binding{Shared: stripeSharedFlags})
	cmdutil.AddResultFlags(c, f)
	c.AddCommand(NewLinksUpdateCmd(f, nil))
	return c
}

func runLinks(opts *LinksOptions) error {
	client, err := opts.Stripe.client()
	if err != nil {
		return err
	}
	links, err := listLinks(opts.Stripe.context(), opts.IO, client, opts.All)
	if err != nil {
		return err
	}
	switch {
	case cmdutil.IsJSON(opts.Format): // a stream of links: one object a line
		err = writeLinksJSONL(opts.IO.Out, links)
	case cmdutil.IsText(opts.Format):
		if len(links) == 0 {
			fmt.Fprintln(opts.IO.Notes(), "no payment links (inactive ones are listed with --all)")
			return nil
		}
		err = linksTable(links).Write(opts.IO.Out, opts.IO.LayoutWidth(opts.LookupEnv))
	default:
		err = writeLinksCSV(opts.IO.Out, links)
	}
	if err != nil {
		return exitcode.Errorf(exitcode.Usage, "writing the links: %w", err)
	}
	return nil
}

// linkRow is a link's columns as text, each from the API made safe to
// print: the account's product names are anyone's text.
func linkRow(l account.PaymentLink) []string {
	products := strings.Join(l.Products, "; ")
	if l.MoreProducts {
		products += "; …"
	}
	return []string{
		safe.Text(l.ID), safe.Text(l.URL), strconv.FormatBool(l.Active), strconv.FormatBool(l.Livemode),
		safe.Text(l.Confirmation), safe.Text(l.RedirectURL), safe.Text(products),
	}
}

func writeLinksCSV(w io.Writer, links []account.PaymentLink) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(linksColumns)
	for _, l := range links {
		row := linkRow(l)
		for i := range row {
			row[i] = safe.CSVCell(row[i]) // a product named =HYPERLINK(…) is text
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// linksTable lays the links out for a terminal: the products and the
// redirect URL are cut first when it is narrow; a terminal too narrow for
// that gets a block a link, headed by its id.
func linksTable(links []account.PaymentLink) *table.Table {
	t := &table.Table{}
	for _, name := range linksColumns {
		c := table.Column{Header: strings.ToUpper(name)}
		switch name {
		case "id":
			c.Key = true
		case "redirect_url":
			c.Min = 20
		case "products":
			c.Min = 10
		}
		t.Columns = append(t.Columns, c)
	}
	for _, l := range links {
		row := linkRow(l)
		for i, cell := range row {
			if cell == "" {
				row[i] = "-" // an empty cell would shift the columns to the eye
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func writeLinksJSONL(w io.Writer, links []account.PaymentLink) error {
	for _, l := range links {
		if err := writeJSON(w, l, false); err != nil {
			return err
		}
	}
	return nil
}
