package cmd

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/testutil"
)

// toServer sends every request to a test server, whatever its URL, and
// records where each was meant to go: the transport of a Factory's HTTP
// client in tests.
type toServer struct {
	to   *url.URL
	mu   sync.Mutex
	seen []string
}

func (s *toServer) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.seen = append(s.seen, req.URL.Host+req.URL.Path)
	s.mu.Unlock()
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = s.to.Scheme, s.to.Host
	return http.DefaultTransport.RoundTrip(req)
}

// TestFactoryHTTPClient: every command that reads the account sends its
// requests through the Factory's HTTP client, to api.stripe.com when no
// PAYLINK_STRIPE_API_BASE is set; none reaches the network.
func TestFactoryHTTPClient(t *testing.T) {
	body := "HTTP/1.1 200 OK\nContent-Type: application/json\n\n" +
		`{"object":"list","has_more":false,"data":[{"id":"plink_1","object":"payment_link","active":true,"url":"https://buy.stripe.com/test_a1","after_completion":{"type":"redirect","redirect":{"url":"https://example.com/"}}}]}`
	page, err := testutil.ParseRecorded([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"links", "--format", "csv"},
		{"validate", "--no-config", "--stripe", "https://buy.stripe.com/test_a1"},
		{"inspect", "--no-config", "--stripe", "https://buy.stripe.com/test_a1"},
	} {
		srv := testutil.NewStripeReplay([]testutil.Recorded{page}, nil)
		to, _ := url.Parse(srv.URL)
		rt := &toServer{to: to}
		streams, _, out, errOut := iostreams.Test()
		f := envFactory(streams, map[string]string{account.EnvKey: "rk_test_factoryclient"})
		f.HTTPClient = &http.Client{Transport: rt}
		code := ExecuteFactory(args, f)
		srv.Close()
		if code != exitcode.OK || args[0] != "validate" && !strings.Contains(out.String(), "test_a1") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
		if len(rt.seen) != 1 || rt.seen[0] != "api.stripe.com/v1/payment_links" {
			t.Errorf("%q: requests through the Factory's client: %q", args, rt.seen)
		}
	}
}

// TestCommandContextReachesStripe: the context a command runs with
// reaches its requests: cancelled, a listing Stripe is slow to answer
// stops at once instead of waiting for --timeout.
func TestCommandContextReachesStripe(t *testing.T) {
	slow, err := testutil.ParseRecorded([]byte("HTTP/1.1 200 OK\nContent-Type: application/json\nX-Replay-Delay: 1m\n\n{}"))
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"links", "--format", "csv"},
		{"validate", "--no-config", "--stripe", "https://buy.stripe.com/test_a1"},
		{"inspect", "--no-config", "--stripe", "https://buy.stripe.com/test_a1"},
	} {
		srv := testutil.NewStripeReplay([]testutil.Recorded{slow, slow, slow}, nil)
		streams, _, _, errOut := iostreams.Test()
		f := envFactory(streams, map[string]string{account.EnvKey: "rk_test_ctx", account.EnvAPIBase: srv.URL})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		start := time.Now()
		code := ExecuteContext(ctx, args, f)
		cancel()
		srv.Close()
		if took := time.Since(start); code != exitcode.Usage || took > 20*time.Second {
			t.Errorf("%q: exit %d after %s; want 2 at once\n%s", args, code, took, errOut)
		}
	}
}
