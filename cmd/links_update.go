package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// LinksUpdateOptions are the inputs of `paylink links update`.
type LinksUpdateOptions struct {
	IO     *iostreams.IOStreams
	Stripe StripeOptions

	Target   string // plink_... or the link's URL
	Redirect string
	Domains  []string // custom payment-link domains, to read a URL on one
	DryRun   bool
	Live     bool
	Format   string // "text" or "json"
}

// NewLinksUpdateCmd builds `paylink links update`.
func NewLinksUpdateCmd(f *cmdutil.Factory, runF func(*LinksUpdateOptions) error) *cobra.Command {
	opts := &LinksUpdateOptions{IO: f.IO, Stripe: newStripeOptions(f)}
	opts.Stripe.Access = writeAccess
	c := &cobra.Command{
		Use:   "update plink_...|URL --redirect URL",
		Short: "Make a payment link redirect after payment, so UTM codes arrive",
		Long: `Set a payment link's confirmation behaviour to a redirect to --redirect
URL. Stripe passes a tracked link's UTM codes on only to a redirect: with
its hosted confirmation page they reach nothing. paylink validate --stripe
names this command for each link it finds with a hosted confirmation.

The link is given by its id (plink_...) or its URL, looked up in the
account. A link that already redirects to URL is left alone. The request
carries an Idempotency-Key derived from the link, its confirmation now and
URL, so a retry changes nothing twice.

--dry-run prints the request it would send and sends none (it still reads
the link). A live key is refused unless --live is given. The key needs
write access to Payment Links.

Exit codes: 0 updated (or nothing to change), 1 the URL or link is
invalid or not in the account, 2 usage error, no key, a live key without
--live, or Stripe refused.`,
		Example: `  paylink links update plink_1QspringTshirt0001 --redirect 'https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}'
  paylink links update https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr --redirect https://example.com/thanks --dry-run`,
		Args: cmdutil.WrapArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Target = args[0]
			if opts.Redirect == "" {
				return cmdutil.UsageErrorf("give --redirect URL: where buyers go after paying")
			}
			if runF != nil {
				return runF(opts)
			}
			return runLinksUpdate(c.Context(), opts)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.Redirect, "redirect", "", "where the buyer goes after paying, `URL`")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "print the request that would be sent; send none")
	fs.BoolVar(&opts.Live, "live", false, "allow a live-mode key: change a real link")
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "", cmdutil.Text, cmdutil.JSON)
	addDomainFlag(fs, &opts.Domains)
	addStripeFlags(fs, &opts.Stripe)
	f.Bind(c, cmdutil.Binding{Shared: append([]string{"allow-domain"}, stripeSharedFlags...)})
	cmdutil.AddResultFlags(c, f)
	return c
}

func runLinksUpdate(ctx context.Context, opts *LinksUpdateOptions) error {
	if err := checkRedirect(opts.Redirect); err != nil {
		return err
	}
	byID := strings.HasPrefix(opts.Target, "plink_")
	if byID && !isPlainID(opts.Target) {
		return cmdutil.Invalid(fmt.Errorf("payment link %s: an id is plink_ and letters, digits or '_'", safe.Quote(opts.Target)))
	}
	var l *link.Link
	if !byID {
		if err := checkDomains(opts.Domains); err != nil {
			return err
		}
		var err error
		if l, err = link.Parse(opts.Target, opts.Domains); err != nil {
			return cmdutil.Invalid(err)
		}
	}
	cr, err := newCreator(&opts.Stripe, opts.Live, opts.DryRun)
	if err != nil {
		return err
	}
	pl, err := findLink(ctx, cr.client, opts.Target, l)
	if err != nil {
		return err
	}
	if pl.Confirmation == account.ConfirmationRedirect && pl.RedirectURL == opts.Redirect {
		fmt.Fprintf(opts.IO.ErrOut, "%s already redirects to %s; nothing to change\n", safe.Text(pl.ID), safe.Text(opts.Redirect))
		return writeUpdated(opts, pl, false)
	}
	if opts.DryRun {
		fmt.Fprintf(opts.IO.ErrOut, "dry run: read payment link %s; nothing was written\n", safe.Text(pl.ID))
		return writeRequest(opts.IO.Out, account.UpdateRequest(pl, opts.Redirect), opts.Format)
	}
	got, err := cr.client.SetRedirect(ctx, pl, opts.Redirect)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "updated %s: after payment, buyers go to %s\n", safe.Text(got.ID), safe.Text(got.RedirectURL))
	return writeUpdated(opts, got, true)
}

// findLink finds the link by id, or by the URL l in the account's links.
func findLink(ctx context.Context, c *account.Client, target string, l *link.Link) (account.PaymentLink, error) {
	if l == nil {
		return c.Link(ctx, target)
	}
	links, err := c.ListLinks(ctx, true, nil)
	if err != nil {
		return account.PaymentLink{}, err
	}
	ix := account.NewIndex(links, c.Key().Mode())
	pl, ok := ix.Lookup(l)
	switch {
	case !ok && !ix.Checkable(l):
		return account.PaymentLink{}, cmdutil.Invalid(fmt.Errorf("%s: a %s-mode link, and the API key reads %s-mode data: use a %s-mode key", safe.Quote(target), l.Mode, ix.Mode(), l.Mode))
	case !ok:
		return account.PaymentLink{}, cmdutil.Invalid(fmt.Errorf("%s: not found in this Stripe account (another account's link, or a mistyped slug)", safe.Quote(target)))
	}
	return *pl, nil
}

// writeUpdated prints the link as it now is.
func writeUpdated(opts *LinksUpdateOptions, pl account.PaymentLink, changed bool) error {
	if opts.Format == "json" {
		return writeJSON(opts.IO.Out, struct {
			ID           string `json:"id"`
			URL          string `json:"url"`
			Confirmation string `json:"confirmation"`
			RedirectURL  string `json:"redirect_url"`
			Changed      bool   `json:"changed"`
		}{pl.ID, pl.URL, pl.Confirmation, pl.RedirectURL, changed}, false)
	}
	_, err := fmt.Fprintln(opts.IO.Out, safe.Text(pl.ID))
	return err
}

// isPlainID reports whether s is an id of letters, digits and '_' after
// its prefix, safe to put in a URL path.
func isPlainID(s string) bool {
	_, rest, _ := strings.Cut(s, "_")
	return rest != "" && strings.IndexFunc(rest, func(r rune) bool {
		return !(r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) < 0
}
