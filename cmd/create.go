package cmd

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// CreateOptions are the inputs of `paylink create`, filled from flags.
type CreateOptions struct {
	IO     *iostreams.IOStreams
	Stripe StripeOptions
	// Build holds the UTM and other parameters, the preset, the policy and
	// the domains, bound exactly as build binds them: the tracked link
	// create prints is the one build would print for the new link.
	Build BuildOptions

	Price    string
	Quantity int64
	Redirect string
	Metadata []string // --metadata KEY=VALUE, in the order given
	DryRun   bool
	Live     bool
	Format   string // "text" or "json"

	Input  string // -i FILE: a sheet of links to create
	Output string // -o FILE: the sheet with id, url, link and error
	Quiet  bool   // -q: stderr holds errors only
}

// NewCreateCmd builds `paylink create`. runF replaces the run function in
// tests that check flag parsing; nil creates the links.
func NewCreateCmd(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IO, Stripe: newStripeOptions(f)}
	opts.Stripe.Access = writeAccess + " and read access to Prices"
	opts.Build.IO = f.IO
	var putGiven func(*cobra.Command)
	c := &cobra.Command{
		Use:   "create --price PRICE --redirect URL [flags]",
		Short: "Create a payment link that carries its campaign in its metadata",
		Long: `Create a payment link in your Stripe account for one price, whose
confirmation redirects to --redirect URL, and print its tracked link: the
new link's URL with the UTM codes (and client_reference_id) appended,
exactly as paylink build would print it. The new link's id goes to stderr.

Stripe keeps no UTM code on any payment: they reach only the redirect URL.
What it keeps is metadata, so the link's metadata holds the UTM codes (and
each --metadata KEY=VALUE), and Stripe copies it to every Checkout
Session; the same metadata goes on payment_intent_data for a one-time
price, or on subscription_data for a recurring one (paylink looks the
price up), so every PaymentIntent or Subscription carries it too.

The UTM flags, --preset, --strict, --lowercase and the config file's
policy work as in paylink build. Stripe's metadata limits (50 keys, keys of
at most 40 characters without '[' or ']', values of at most 500) are
checked before any request.

Re-running is safe: each request carries an Idempotency-Key derived from
what it creates, and before creating, paylink looks for an active link of
the same price, quantity, redirect and metadata and reuses it (saying so).

--dry-run prints each request it would send (method, path, form
parameters, idempotency key) and sends none; it still reads the price and
the account's links, and says so. A live key (sk_live_, rk_live_) is
refused unless --live is given.

With -i FILE.csv, create makes one link per row: columns price, quantity,
redirect, the parameter columns build reads (utm_source, ...,
client_reference_id, preset) and metadata.KEY columns; flags are the
defaults of every row. Every row is written back, in order, with id, url,
link and error columns (to stdout or -o FILE); a failed row does not stop
the others.

The key needs write access to Payment Links and read access to Prices.

Exit codes: 0 created (or reused), 1 a value is invalid (nothing sent) or
a row failed, 2 usage error, no key, a live key without --live, or Stripe
refused.`,
		Example: `  paylink create --price price_1Pgafm --redirect 'https://example.com/t?s={CHECKOUT_SESSION_ID}' -s newsletter -m email -c spring_sale
  paylink create --price price_1Pgafm --redirect https://example.com/thanks -p spring-email --metadata owner=ana --dry-run
  paylink create -i campaigns.csv -o created.csv --redirect https://example.com/thanks`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			putGiven(c)
			if err := checkCreateFlags(c, opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			opts.IO.SetQuiet(opts.Quiet)
			if opts.Input != "" {
				return runCreateBulk(c.Context(), opts)
			}
			return runCreate(c.Context(), opts)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.Price, "price", "", "the `PRICE` (price_...) the link sells")
	fs.Int64Var(&opts.Quantity, "quantity", 1, "how many of the price the link sells, `N`")
	fs.StringVar(&opts.Redirect, "redirect", "", "where the buyer goes after paying, `URL`; the UTM codes are appended to it")
	fs.StringArrayVar(&opts.Metadata, "metadata", nil, "more metadata, `KEY=VALUE` (repeatable)")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "print the requests that would be sent; send none")
	fs.BoolVar(&opts.Live, "live", false, "allow a live-mode key: create real links")
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "(json: one object a link: id, url, link, metadata)", cmdutil.Text, cmdutil.JSON)
	fs.StringVarP(&opts.Input, "input", "i", "", "create a link for each row of the CSV `FILE` (- for stdin)")
	fs.StringVarP(&opts.Output, "output", "o", "", "with --input, write the rows to `FILE` (default stdout), replaced once all rows are done")
	fs.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing on stderr but errors: no warnings, created or reused lines, or summary unless rows failed")
	putGiven = addParamFlags(fs, &opts.Build)
	addStripeFlags(fs, &opts.Stripe)
	bindBuildConfig(f, c, &opts.Build, stripeSharedFlags...)
	return c
}

// checkCreateFlags refuses what can be told wrong from the flags alone.
func checkCreateFlags(c *cobra.Command, opts *CreateOptions) error {
	if opts.Input != "" && opts.Format == cmdutil.JSON && !opts.DryRun {
		return cmdutil.UsageErrorf("--format json with --input: create writes the sheet back as CSV; --format json goes with one link (or --dry-run)")
	}
	if opts.Input == "" {
		if c.Flags().Changed("output") {
			return cmdutil.UsageErrorf("--output goes with --input (-i)")
		}
		if opts.Price == "" || opts.Redirect == "" {
			return cmdutil.UsageErrorf("give --price PRICE and --redirect URL, e.g. paylink create --price price_123 --redirect https://example.com/thanks -s newsletter")
		}
	}
	if opts.Quantity < 1 {
		return cmdutil.UsageErrorf("--quantity %d: give a whole number of at least 1", opts.Quantity)
	}
	// -o naming the sheet read would replace it, as build -i refuses.
	return cmdutil.CheckNotInput(c, nil, "output", opts.Output)
}

// linkSpec is one link to create, from flags or a sheet's row.
type linkSpec struct {
	price, redirect string
	quantity        int64
	extra           [][2]string // --metadata or metadata.KEY cells, in order
	build           *BuildOptions
}

// placeholderLink stands for the link not yet created: the tracked link's
// parameters, its UTM codes and the policy's verdict do not depend on
// which payment link they are appended to, so they are known before it
// exists.
const placeholderLink = "https://buy.stripe.com/test_paylinkcreate"

// prepared is a spec checked and ready to send.
type prepared struct {
	spec     linkSpec
	metadata map[string]string
	warnings []string
}

// prepare checks a spec before any request: the price id, the redirect,
// the parameters through build's path (Stripe's rules and the policy),
// and the metadata within Stripe's limits. Every error is exit 1.
func prepare(spec linkSpec) (*prepared, error) {
	if err := checkPriceID(spec.price); err != nil {
		return nil, err
	}
	if err := checkRedirect(spec.redirect); err != nil {
		return nil, err
	}
	res, _, err := trackLink(spec.build, placeholderLink)
	if err != nil {
		return nil, err
	}
	md := map[string]string{}
	var names []string
	for _, rp := range link.QueryOf(res.Link) {
		// The UTM codes as the tracked link carries them, sanitized: the
		// values a report will group by.
		if p, ok := link.Lookup(rp.Key); ok && p.Kind == link.KindUTM {
			md[rp.Key] = rp.Value
			names = append(names, rp.Key)
		}
	}
	for _, kv := range spec.extra {
		if err := account.CheckMetadataKey(kv[0]); err != nil {
			return nil, cmdutil.Invalid(err)
		}
		if err := account.CheckMetadataValue(kv[0], kv[1]); err != nil {
			return nil, cmdutil.Invalid(err)
		}
		if _, dup := md[kv[0]]; dup {
			return nil, cmdutil.Invalid(fmt.Errorf("metadata %s is given twice (a UTM code's key is set by its flag): keep one", safe.Quote(kv[0])))
		}
		md[kv[0]] = kv[1]
		names = append(names, kv[0])
	}
	if err := account.CheckMetadataCount(len(md)); err != nil {
		return nil, cmdutil.Invalid(err)
	}
	for _, k := range names {
		if err := account.CheckMetadataValue(k, md[k]); err != nil {
			return nil, cmdutil.Invalid(err)
		}
	}
	return &prepared{spec: spec, metadata: md, warnings: res.Warnings}, nil
}

// checkPriceID refuses what cannot be a price id before it reaches a URL
// path.
func checkPriceID(id string) error {
	if !strings.HasPrefix(id, "price_") || !isPlainID(id) {
		return cmdutil.Invalid(fmt.Errorf("price %s: a price id is price_ and letters, digits or '_' (find it in the Dashboard under Product catalog)", safe.Quote(id)))
	}
	return nil
}

// checkRedirect refuses a redirect Stripe would refuse or a buyer could not
// follow: it must be an absolute http or https URL.
func checkRedirect(raw string) error {
	if strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || safe.Invisible(r) }) >= 0 {
		return cmdutil.Invalid(fmt.Errorf("redirect %s: spaces and control characters are not allowed in a URL; percent-encode them", safe.Quote(raw)))
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return cmdutil.Invalid(fmt.Errorf("redirect %s: give an absolute https URL, e.g. https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}", safe.Quote(raw)))
	}
	return nil
}

// parseMetadata reads --metadata KEY=VALUE flags.
func parseMetadata(flags []string) ([][2]string, error) {
	var out [][2]string
	for _, kv := range flags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, cmdutil.UsageErrorf("--metadata %s: give KEY=VALUE, e.g. --metadata owner=ana", safe.Quote(kv))
		}
		out = append(out, [2]string{k, v})
	}
	return out, nil
}

// creator makes links in one account: the client, the prices looked up and
// the account's active links, read once per run.
type creator struct {
	client *account.Client
	dryRun bool
	prices map[string]account.Price
	links  []account.PaymentLink
	listed bool
}

// newCreator loads the key and refuses a live one without --live, before
// any request.
func newCreator(o *StripeOptions, live, dryRun bool) (*creator, error) {
	client, err := o.client()
	if err != nil {
		return nil, err
	}
	if k := client.Key(); k.Mode() == account.ModeLive && !live {
		return nil, exitcode.New(exitcode.Usage, fmt.Errorf("the key from %s is a live-mode key: paylink writes to a live account only with --live (try it with a test-mode key first)", k.Source()))
	}
	return &creator{client: client, dryRun: dryRun, prices: map[string]account.Price{}}, nil
}

// outcome is what became of one link: created, reused, or a request shown.
type outcome struct {
	link    account.PaymentLink
	reused  bool
	request *account.Request // --dry-run: what would have been sent
}

// create makes (or finds, or with --dry-run describes) the link of p.
func (cr *creator) create(ctx context.Context, p *prepared) (outcome, error) {
	price, err := cr.price(ctx, p.spec.price)
	if err != nil {
		return outcome{}, err
	}
	if !price.Active {
		return outcome{}, cmdutil.Invalid(fmt.Errorf("price %s is archived: Stripe sells no new link for it; unarchive it or give another", safe.Quote(price.ID)))
	}
	nl := account.NewLink{Price: price.ID, Quantity: p.spec.quantity, Redirect: p.spec.redirect, Metadata: p.metadata, Recurring: price.Recurring}
	if !cr.listed {
		if cr.links, err = cr.client.ListLinks(ctx, false, nil); err != nil {
			return outcome{}, err
		}
		cr.listed = true
	}
	if pl, ok := account.Reusable(cr.links, nl); ok {
		return outcome{link: pl, reused: true}, nil
	}
	if cr.dryRun {
		req := account.CreateRequest(nl)
		return outcome{request: &req}, nil
	}
	pl, err := cr.client.CreateLink(ctx, nl)
	if err != nil {
		return outcome{}, err
	}
	// A later row asking for the same link reuses this one. Stripe's
	// answer lists no line items (they are not expanded): they are the
	// one asked for.
	if len(pl.Items) == 0 {
		pl.Items = []account.Item{{Price: nl.Price, Quantity: nl.Quantity}}
	}
	cr.links = append(cr.links, pl)
	return outcome{link: pl}, nil
}

func (cr *creator) price(ctx context.Context, id string) (account.Price, error) {
	if p, ok := cr.prices[id]; ok {
		return p, nil
	}
	p, err := cr.client.Price(ctx, id)
	if err == nil {
		cr.prices[id] = p
	}
	return p, err
}

// readNote says what a dry run read from the account, since it sent
// nothing else.
func (cr *creator) readNote() string {
	return fmt.Sprintf("dry run: read %d price(s) and the account's %d active payment link(s) to compare; nothing was written", len(cr.prices), len(cr.links))
}

// tracked is the tracked link of a created or reused payment link, through
// build's own path. The account's URL may be on its custom domain, which
// is allowed for it: it comes from the account itself.
func tracked(b *BuildOptions, pl account.PaymentLink) (string, error) {
	opts := *b
	if u, err := url.Parse(pl.URL); err == nil && u.Hostname() != "" && !link.IsStripeHost(u.Hostname()) {
		opts.Domains = append(append([]string(nil), b.Domains...), u.Hostname())
	}
	res, _, err := trackLink(&opts, pl.URL)
	if err != nil {
		return "", fmt.Errorf("payment link %s was made, but its URL %s: %w", pl.ID, safe.Quote(pl.URL), err)
	}
	return res.Link, nil
}

// runCreate creates the one link the flags describe.
func runCreate(ctx context.Context, opts *CreateOptions) error {
	extra, err := parseMetadata(opts.Metadata)
	if err != nil {
		return err
	}
	p, err := prepare(linkSpec{price: opts.Price, redirect: opts.Redirect, quantity: opts.Quantity, extra: extra, build: &opts.Build})
	if err != nil {
		return err
	}
	for _, w := range p.warnings {
		cmdutil.PrintMessage(opts.IO.Notes(), "warning", w)
	}
	cr, err := newCreator(&opts.Stripe, opts.Live, opts.DryRun)
	if err != nil {
		return err
	}
	out, err := cr.create(ctx, p)
	if err != nil {
		return err
	}
	if out.request != nil {
		fmt.Fprintln(opts.IO.Notes(), cr.readNote())
		return writeRequest(opts.IO.Out, *out.request, opts.Format)
	}
	return reportCreated(opts, p, out)
}

// reportCreated prints the tracked link (stdout) and the id (stderr).
func reportCreated(opts *CreateOptions, p *prepared, out outcome) error {
	tl, err := tracked(&opts.Build, out.link)
	if err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	if opts.Format == "json" {
		return writeJSON(opts.IO.Out, createdJSON{out.link.ID, out.link.URL, tl, p.metadata, out.reused}, false)
	}
	if out.reused {
		fmt.Fprintf(opts.IO.Notes(), "reused %s: an active link with the same price, redirect and metadata; nothing created\n", safe.Text(out.link.ID))
	} else {
		fmt.Fprintf(opts.IO.Notes(), "created %s\n", safe.Text(out.link.ID))
	}
	_, err = fmt.Fprintln(opts.IO.Out, safe.Link(tl))
	return err
}

// createdJSON is create's --format json: one object a link.
type createdJSON struct {
	ID       string            `json:"id"`
	URL      string            `json:"url"`
	Link     string            `json:"link"`
	Metadata map[string]string `json:"metadata"`
	Reused   bool              `json:"reused"`
}

// writeRequest prints a request --dry-run did not send: the method and
// path, the key, and each form parameter on a line of its own.
func writeRequest(w io.Writer, req account.Request, format string) error {
	if format == "json" {
		form := make([]map[string]string, len(req.Form))
		for i, kv := range req.Form {
			form[i] = map[string]string{"name": kv[0], "value": kv[1]}
		}
		return writeJSON(w, struct {
			DryRun bool `json:"dry_run"`
			account.Request
			Form []map[string]string `json:"form"`
		}{true, req, form}, false)
	}
	fmt.Fprintf(w, "%s %s\nIdempotency-Key: %s\n", req.Method, req.Path, req.IdempotencyKey)
	for _, kv := range req.Form {
		fmt.Fprintf(w, "  %s=%s\n", safe.Text(kv[0]), safe.Text(kv[1]))
	}
	_, err := fmt.Fprintln(w)
	return err
}
