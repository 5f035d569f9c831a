package account

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v85"
)

// Defaults for a client: one request waits at most DefaultTimeout, and
// stripe-go retries a failed one (network errors, 429, 5xx, or when Stripe
// says Stripe-Should-Retry) DefaultRetries times with back-off.
const (
	DefaultTimeout = 30 * time.Second
	DefaultRetries = 2
)

// Options configure a Client. The zero value talks to api.stripe.com with
// the defaults.
type Options struct {
	// APIBase replaces https://api.stripe.com (PAYLINK_STRIPE_API_BASE).
	APIBase string
	// Timeout bounds each HTTP request; 0 means DefaultTimeout.
	Timeout time.Duration
	// Retries is how often a failed request is retried; nil means
	// DefaultRetries.
	Retries *int64
}

// Client reads one Stripe account.
type Client struct {
	key    Key
	stripe *stripe.Client
}

// APIBaseFromEnv returns PAYLINK_STRIPE_API_BASE through getenv, checked:
// "" when unset.
func APIBaseFromEnv(getenv func(string) string) (string, error) {
	base := getenv(EnvAPIBase)
	if base == "" {
		return "", nil
	}
	u, err := url.Parse(base)
	if err == nil && u.User != nil {
		// A proxy's password must not reach a terminal or a CI log.
		return "", Errorf("%s holds a user name or password (not shown here): give an http or https URL with no user, query or fragment, e.g. http://localhost:12111 for stripe-mock", EnvAPIBase)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", Errorf("%s %q: give an http or https URL with no user, query or fragment, e.g. http://localhost:12111 for stripe-mock", EnvAPIBase, base)
	}
	return strings.TrimRight(base, "/"), nil
}

// New returns a client reading the account of key.
func New(key Key, opts Options) *Client {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	retries := opts.Retries
	if retries == nil {
		retries = stripe.Int64(DefaultRetries)
	}
	cfg := &stripe.BackendConfig{
		// A transport of our own (honouring HTTPS_PROXY like the default
		// one) with a timeout for each request.
		HTTPClient:        &http.Client{Timeout: timeout, Transport: http.DefaultTransport.(*http.Transport).Clone()},
		MaxNetworkRetries: retries,
		// stripe-go logs failed requests to stderr by default; paylink
		// reports errors itself, once, without the key.
		LeveledLogger:   &stripe.LeveledLogger{Level: stripe.LevelNull},
		EnableTelemetry: stripe.Bool(false),
	}
	if opts.APIBase != "" {
		cfg.URL = stripe.String(opts.APIBase)
	}
	sc := stripe.NewClient(key.secret, stripe.WithBackends(stripe.NewBackendsWithConfig(cfg)))
	return &Client{key: key, stripe: sc}
}

// Key is the key the client uses.
func (c *Client) Key() Key { return c.key }

// Explain turns an error from a request to Stripe into an *Error carrying
// exit code 2, saying what happened and what to do, never showing the key.
// what names the request, e.g. "listing checkout sessions". nil stays nil.
func (c *Client) Explain(err error, what string) error {
	return explain(err, c.key, what)
}

// explainNeed is Explain for a request needing the access need, e.g.
// "write access to Payment Links".
func (c *Client) explainNeed(err error, what, need string) error {
	return explainNeed(err, c.key, what, need)
}
