package account

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v85"

	"github.com/paylink/paylink/internal/testutil"
)

// TestListLinksHostilePages: an API (or a proxy, or PAYLINK_STRIPE_API_BASE
// pointing elsewhere) answering list pages that break Stripe's contract —
// a null item, a page with has_more and no data, a cursor that repeats —
// gets a clear error after a few requests: no panic, no endless loop.
func TestListLinksHostilePages(t *testing.T) {
	a := plink("plink_A", "test_a", true, ConfirmationRedirect)
	b := plink("plink_B", "test_b", true, ConfirmationRedirect)
	for _, tc := range []struct {
		name  string
		pages []testutil.Recorded
		want  string
		reqs  int
	}{
		{"null item", []testutil.Recorded{page(false, "null")}, "listing payment links: Stripe's answer breaks its list contract: item 1 of page 1 is null", 1},
		{"null after items", []testutil.Recorded{page(true, a), page(false, b, "null")}, "item 2 of page 2 is null", 2},
		{"empty page with more", []testutil.Recorded{page(true, a), page(true), page(true)}, "page 2 is empty but says more follow (has_more)", 2},
		{"empty first page with more", []testutil.Recorded{page(true), page(true)}, "page 1 is empty but says more follow (has_more)", 1},
		{"repeated cursor", []testutil.Recorded{page(true, a), page(true, b), page(true, a), page(true, b)}, "page 3 ends at plink_A again, where page 1 ended: listing would never end", 3},
		{"same page again", []testutil.Recorded{page(true, a, b), page(true, a, b)}, "page 2 ends at plink_B again, where page 1 ended", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			srv := testutil.NewStripeReplay(tc.pages, &log)
			defer srv.Close()
			c := New(testKey(t), Options{APIBase: srv.URL, Timeout: 5 * time.Second})
			links, err := c.ListLinks(context.Background(), true, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %d links, error %v; want %q", len(links), err, tc.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error %T, want *Error (exit 2)", err)
			}
			if n := strings.Count(log.String(), "GET "); n != tc.reqs {
				t.Errorf("%d requests, want %d:\n%s", n, tc.reqs, log.String())
			}
		})
	}
}

// TestListSessionsNullItem: the same checks hold for every listing; a
// null Checkout Session panicked inside stripe-go's iterator.
func TestListSessionsNullItem(t *testing.T) {
	srv := testutil.NewStripeReplay([]testutil.Recorded{{Status: 200, Header: jsonHeader(),
		Body: []byte(`{"object":"list","url":"/v1/checkout/sessions","has_more":false,"data":[{"id":"cs_1","object":"checkout.session"},null]}`)}}, nil)
	defer srv.Close()
	c := New(testKey(t), Options{APIBase: srv.URL})
	var ids []string
	var err error
	for cs, e := range List[stripe.CheckoutSession](context.Background(), c, "/v1/checkout/sessions", &stripe.CheckoutSessionListParams{}, "listing checkout sessions") {
		if err = e; e != nil {
			break
		}
		ids = append(ids, cs.ID)
	}
	want := "listing checkout sessions: Stripe's answer breaks its list contract: item 2 of page 1 is null"
	if len(ids) != 1 || ids[0] != "cs_1" || err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %q, %v; want [cs_1] then %q", ids, err, want)
	}
}

// TestAPIBaseRefusesPlainHTTP: plain http would carry the key unencrypted;
// only this machine (stripe-mock) may be reached so.
func TestAPIBaseRefusesPlainHTTP(t *testing.T) {
	for base, ok := range map[string]bool{
		"http://localhost:12111":       true,
		"http://127.0.0.1:12111":       true,
		"http://127.8.9.10":            true,
		"http://[::1]:12111":           true,
		"http://stripe-mock.localhost": true,
		"https://proxy.example.com":    true,
		"http://proxy.example.com":     false,
		"http://10.0.0.5:12111":        false,
		"http://localhost.example.com": false,
		"http://[::ffff:10.0.0.1]":     false,
	} {
		got, err := APIBaseFromEnv(env(map[string]string{EnvAPIBase: base}))
		switch {
		case ok && (err != nil || got != base):
			t.Errorf("%s: %q, %v; want it accepted", base, got, err)
		case !ok && (err == nil || !strings.Contains(err.Error(), "plain http sends the API key unencrypted")):
			t.Errorf("%s: %q, %v; want it refused", base, got, err)
		}
	}
}

// TestNoRedirect: a redirect, even to the same host on another port, is
// refused before the key is sent there, in one request (not retried).
func TestNoRedirect(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"list","has_more":false,"data":[]}`))
	}))
	defer other.Close()
	var asked atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer api.Close()
	c := New(testKey(t), Options{APIBase: api.URL})
	_, err := c.ListLinks(context.Background(), true, nil)
	want := "listing payment links: the API answered with a redirect to " + other.URL + "/v1/payment_links"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "follows none") {
		t.Errorf("error %v, want %q", err, want)
	}
	if elsewhere.Load() != 0 || asked.Load() != 1 {
		t.Errorf("requests: %d to the API, %d to where it redirected; want 1 and 0", asked.Load(), elsewhere.Load())
	}
}

// rewrite sends every request to a test server, whatever its URL: the
// transport of an HTTP client a test injects.
type rewrite struct {
	to   *url.URL
	seen []string
}

func (r *rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	r.seen = append(r.seen, req.URL.Host+req.URL.Path)
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.to.Scheme, r.to.Host
	return http.DefaultTransport.RoundTrip(req)
}

// TestInjectedHTTPClient: the client given in Options sends every
// request (to api.stripe.com, no API base set), and is left as it was.
func TestInjectedHTTPClient(t *testing.T) {
	srv := testutil.NewStripeReplay([]testutil.Recorded{page(false, plink("plink_A", "test_a", true, ConfirmationRedirect))}, nil)
	defer srv.Close()
	to, _ := url.Parse(srv.URL)
	rt := &rewrite{to: to}
	given := &http.Client{Transport: rt}
	links, err := New(testKey(t), Options{HTTPClient: given}).ListLinks(context.Background(), true, nil)
	if err != nil || len(links) != 1 || links[0].ID != "plink_A" {
		t.Fatalf("links %+v, %v", links, err)
	}
	if len(rt.seen) != 1 || rt.seen[0] != "api.stripe.com/v1/payment_links" {
		t.Errorf("requests through the given client: %q", rt.seen)
	}
	if given.CheckRedirect != nil || given.Timeout != 0 {
		t.Errorf("the given client was changed: %+v", given)
	}
}

// TestContextReachesRequests: cancelling the context stops a listing.
func TestContextReachesRequests(t *testing.T) {
	slow := page(false)
	slow.Delay = time.Minute
	srv := testutil.NewStripeReplay([]testutil.Recorded{slow}, nil)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := New(testKey(t), Options{APIBase: srv.URL}).ListLinks(ctx, true, nil)
	if err == nil || time.Since(start) > 10*time.Second {
		t.Errorf("error %v after %s; want the listing stopped at once", err, time.Since(start))
	}
}
