package account

import (
	"net/http"
	"net/netip"
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
	// HTTPClient sends the requests (tests give one talking to their own
	// server); nil is a client with Go's default transport, which honours
	// HTTPS_PROXY. Whichever it is, the client New uses follows no
	// redirect and gives each request Timeout.
	HTTPClient *http.Client
}

// Client reads one Stripe account.
type Client struct {
	key    Key
	stripe *stripe.Client
	api    stripe.Backend // the API backend of stripe, for List (pages.go)
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
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		// The key would cross the network in plain text, for anyone on
		// the way to read.
		return "", Errorf("%s %q: plain http sends the API key unencrypted; use https, or http only to this machine (localhost, 127.0.0.1, ::1), as for stripe-mock", EnvAPIBase, base)
	}
	return strings.TrimRight(base, "/"), nil
}

// loopback reports whether host names this machine: "localhost" (which
// Go resolves to loopback addresses only), or a loopback IP address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// redirectError refuses a redirect to To. Its text ends as stripe-go's
// pattern for a redirect error it must not retry does ("stopped after N
// redirects"), so a refused redirect is one request, not three.
type redirectError struct{ To string }

func (e *redirectError) Error() string {
	return "refused a redirect to " + e.To + ": stopped after 0 redirects"
}

// refuseRedirects is an http.Client's CheckRedirect: no request with the
// key in its Authorization header goes anywhere but where it was sent.
// Stripe's API never redirects.
func refuseRedirects(req *http.Request, _ []*http.Request) error {
	return &redirectError{To: req.URL.Redacted()}
}

// httpClient is opts' client for stripe-go: a copy of the one given (or a
// new one), following no redirect, with timeout for each request.
func httpClient(given *http.Client, timeout time.Duration) *http.Client {
	c := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	if given != nil {
		cp := *given // the caller's stays as it was
		c = &cp
	}
	c.Timeout = timeout
	c.CheckRedirect = refuseRedirects
	return c
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
		HTTPClient:        httpClient(opts.HTTPClient, timeout),
		MaxNetworkRetries: retries,
		// stripe-go logs failed requests to stderr by default; paylink
		// reports errors itself, once, without the key.
		LeveledLogger:   &stripe.LeveledLogger{Level: stripe.LevelNull},
		EnableTelemetry: stripe.Bool(false),
	}
	if opts.APIBase != "" {
		cfg.URL = stripe.String(opts.APIBase)
	}
	backends := stripe.NewBackendsWithConfig(cfg)
	sc := stripe.NewClient(key.secret, stripe.WithBackends(backends))
	return &Client{key: key, stripe: sc, api: backends.API}
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
