package cmd

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/iostreams"
)

// StripeOptions are the flags of every command that reads the Stripe
// account. The key itself is never a flag: it would show in ps and in the
// shell's history.
type StripeOptions struct {
	KeyFile string        // --api-key-file: a file holding the key (else STRIPE_API_KEY)
	Timeout time.Duration // --timeout: for each request to Stripe
	// Access is what the command needs of a restricted key, for the
	// message when there is none; "" is account.ReadAccess.
	Access string

	// Getenv reads STRIPE_API_KEY and PAYLINK_STRIPE_API_BASE; nil is os.Getenv.
	Getenv func(string) string
	// HTTPClient sends the requests: the Factory's (nil: Go's default
	// transport, honouring HTTPS_PROXY).
	HTTPClient *http.Client
	// Context is the command's: cancelling it (an interrupt) stops every
	// request. nil is context.Background().
	Context context.Context
}

// newStripeOptions are the options of a command reading the account of
// f's environment through f's HTTP client.
func newStripeOptions(f *cmdutil.Factory) StripeOptions {
	return StripeOptions{Getenv: f.Getenv, HTTPClient: f.HTTPClient}
}

// context is the command's context, or Background.
func (o *StripeOptions) context() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// writeAccess is what create and links update need of a key, beyond the
// read-only key the other commands use.
const writeAccess = "write access to Payment Links"

// stripeSharedFlags mean the same in every command that reads the account:
// PAYLINK_API_KEY_FILE sets --api-key-file for all of them.
var stripeSharedFlags = []string{"api-key-file"}

// addStripeFlags defines --api-key-file and --timeout.
func addStripeFlags(f *pflag.FlagSet, o *StripeOptions) {
	f.StringVar(&o.KeyFile, "api-key-file", "", "read the Stripe API key from `FILE` instead of STRIPE_API_KEY")
	f.DurationVar(&o.Timeout, "timeout", account.DefaultTimeout, "give up on a request to Stripe after `DURATION` (retried twice)")
}

// client loads the key and makes a client; every error is exit 2.
func (o *StripeOptions) client() (*account.Client, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if o.Timeout <= 0 {
		return nil, cmdutil.UsageErrorf("--timeout %s: give a positive duration such as 30s", o.Timeout)
	}
	access := o.Access
	if access == "" {
		access = account.ReadAccess
	}
	key, err := account.LoadKey(getenv, o.KeyFile, access)
	if err != nil {
		return nil, err
	}
	base, err := account.APIBaseFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	return account.New(key, account.Options{APIBase: base, Timeout: o.Timeout, HTTPClient: o.HTTPClient}), nil
}

// listLinks lists the account's payment links, with a running count on
// stderr when it is a terminal: an account may hold thousands, 100 a
// request.
func listLinks(ctx context.Context, io *iostreams.IOStreams, c *account.Client, all bool) ([]account.PaymentLink, error) {
	var progress func(int)
	if io.IsStderrTTY() {
		p := iostreams.StartProgress(io.ErrOut, io.StderrWidth, 0, time.Now)
		defer p.Clear()
		p.Say("listing payment links")
		progress = p.Count("listing payment links")
	}
	return c.ListLinks(ctx, all, progress)
}

// accountIndex lists every link of the account, active or not, once, and
// indexes it for look-ups by URL and slug.
func accountIndex(io *iostreams.IOStreams, o *StripeOptions) (*account.Index, error) {
	c, err := o.client()
	if err != nil {
		return nil, err
	}
	links, err := listLinks(o.context(), io, c, true)
	if err != nil {
		return nil, err
	}
	return account.NewIndex(links, c.Key().Mode()), nil
}
