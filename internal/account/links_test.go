package account

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v85"

	"github.com/paylink/paylink/internal/testutil"
)

// fixtures is stripe-mock's payment link made realistic: see
// testdata/stripe-mock/derive.sh.
var fixtures = filepath.Join("..", "..", "testdata", "stripe-mock", "fixtures.json")

func testKey(t *testing.T) Key {
	t.Helper()
	k, err := LoadKey(env(map[string]string{EnvKey: testSecret}), "", ReadAccess)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestListLinksStripeMock lists links from stripe-mock, which checks the
// request (the active filter, the limit, the expansion) against Stripe's
// OpenAPI spec.
func TestListLinksStripeMock(t *testing.T) {
	url := testutil.StripeMockURL(t, fixtures)
	c := New(testKey(t), Options{APIBase: url})
	var counts []int
	links, err := c.ListLinks(context.Background(), false, func(n int) { counts = append(counts, n) })
	if err != nil {
		t.Fatal(err)
	}
	want := PaymentLink{
		ID:           "plink_1QspringTshirt0001",
		URL:          "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr",
		Active:       true,
		Confirmation: ConfirmationRedirect,
		RedirectURL:  "https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}",
		Products:     []string{"Spring T-shirt"},
		// The fixture's line item names a price of its own.
		Items:    []Item{{Price: "price_1PgafmB7WZ01zgkW02Hf9z6c", Quantity: 1}},
		Metadata: map[string]string{},
	}
	if len(links) != 1 || fmt.Sprint(links[0]) != fmt.Sprint(want) {
		t.Fatalf("links = %+v, want [%+v]", links, want)
	}
	if !slices.Equal(counts, []int{1}) {
		t.Errorf("progress calls %v, want [1]", counts)
	}
}

// page is one recorded page of GET /v1/payment_links.
func page(hasMore bool, links ...string) testutil.Recorded {
	body := fmt.Sprintf(`{"object":"list","url":"/v1/payment_links","has_more":%t,"data":[%s]}`, hasMore, strings.Join(links, ","))
	return testutil.Recorded{Status: 200, Header: jsonHeader(), Body: []byte(body)}
}

func plink(id, slug string, active bool, confirmation string) string {
	ac := `{"type":"hosted_confirmation","hosted_confirmation":{"custom_message":null}}`
	if confirmation == ConfirmationRedirect {
		ac = `{"type":"redirect","redirect":{"url":"https://example.com/thanks"}}`
	}
	return fmt.Sprintf(`{"id":%q,"object":"payment_link","active":%t,"livemode":false,"url":"https://buy.stripe.com/%s","after_completion":%s}`, id, active, slug, ac)
}

func jsonHeader() map[string][]string {
	return map[string][]string{"Content-Type": {"application/json"}, "Request-Id": {"req_test"}}
}

func stripeError(status int, typ, msg string) testutil.Recorded {
	body := fmt.Sprintf(`{"error":{"type":%q,"message":%q}}`, typ, msg)
	return testutil.Recorded{Status: status, Header: jsonHeader(), Body: []byte(body)}
}

func stripeErrorCode(status int, typ, code, msg string) testutil.Recorded {
	body := fmt.Sprintf(`{"error":{"type":%q,"code":%q,"message":%q}}`, typ, code, msg)
	return testutil.Recorded{Status: status, Header: jsonHeader(), Body: []byte(body)}
}

type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Split(strings.TrimSuffix(l.b.String(), "\n"), "\n")
}

func replay(t *testing.T, rs ...testutil.Recorded) (*syncLog, string) {
	t.Helper()
	log := &syncLog{}
	s := testutil.NewStripeReplay(rs, log)
	t.Cleanup(s.Close)
	return log, s.URL
}

func TestListLinksReplay(t *testing.T) {
	tests := []struct {
		name      string
		all       bool
		responses []testutil.Recorded
		wantIDs   []string
		wantReqs  []string
		wantErr   string
	}{
		{
			name: "two pages",
			responses: []testutil.Recorded{
				page(true, plink("plink_1", "a", true, "redirect"), plink("plink_2", "b", true, "hosted")),
				page(false, plink("plink_3", "c", true, "redirect")),
			},
			wantIDs: []string{"plink_1", "plink_2", "plink_3"},
			wantReqs: []string{
				"GET /v1/payment_links?active=true&expand[0]=data.line_items&limit=100 auth=Bearer",
				"GET /v1/payment_links?active=true&expand[0]=data.line_items&limit=100&starting_after=plink_2 auth=Bearer",
			},
		},
		{
			name:      "all: no active filter",
			all:       true,
			responses: []testutil.Recorded{page(false, plink("plink_1", "a", false, "redirect"))},
			wantIDs:   []string{"plink_1"},
			wantReqs:  []string{"GET /v1/payment_links?expand[0]=data.line_items&limit=100 auth=Bearer"},
		},
		{
			// stripe-go retries a 429 that is a lock timeout ...
			name: "429 lock timeout, then success",
			responses: []testutil.Recorded{
				stripeErrorCode(429, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now because another API request or Stripe process is currently accessing it."),
				page(false, plink("plink_1", "a", true, "redirect")),
			},
			wantIDs: []string{"plink_1"},
		},
		{
			// ... but not a plain rate limit, where retrying adds to the load.
			name: "429 rate limit",
			responses: []testutil.Recorded{
				stripeErrorCode(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded."),
				page(false, plink("plink_1", "a", true, "redirect")),
			},
			wantErr:  "rate limit",
			wantReqs: []string{"GET /v1/payment_links?active=true&expand[0]=data.line_items&limit=100 auth=Bearer"},
		},
		{
			// A failure that is not Stripe's JSON (a proxy's error page)
			// is retried like a network error.
			name: "502 from a proxy, then success",
			responses: []testutil.Recorded{
				{Status: 502, Header: map[string][]string{"Content-Type": {"text/html"}}, Body: []byte("<html>Bad Gateway</html>")},
				page(false, plink("plink_1", "a", true, "redirect")),
			},
			wantIDs: []string{"plink_1"},
		},
		{
			// stripe-go does not retry an error Stripe itself reports.
			name: "500 from Stripe",
			responses: []testutil.Recorded{
				stripeError(500, "api_error", "do not retry"),
				page(false, plink("plink_1", "a", true, "redirect")),
			},
			wantErr:  "Stripe failed (500: do not retry)",
			wantReqs: []string{"GET /v1/payment_links?active=true&expand[0]=data.line_items&limit=100 auth=Bearer"},
		},
		{
			name: "proxy failing three times",
			responses: []testutil.Recorded{
				{Status: 503, Body: []byte("down")}, {Status: 503, Body: []byte("down")}, {Status: 503, Body: []byte("down")},
				page(false, plink("plink_1", "a", true, "redirect")),
			},
			wantErr: "listing payment links: could not reach Stripe",
		},
		{
			name: "403 naming the permission",
			responses: []testutil.Recorded{stripeError(403, "invalid_request_error",
				"The provided key 'rk_test_*********************0000' does not have the required permissions for this endpoint on account 'acct_1Hx0'. Having the 'rak_payment_link_read' permission would allow this request to continue.")},
			wantErr: "lacks the permission rak_payment_link_read",
		},
		{
			name:      "refused key",
			responses: []testutil.Recorded{stripeError(401, "invalid_request_error", "Invalid API Key provided: rk_test_************0000")},
			wantErr:   "Stripe refused the API key from STRIPE_API_KEY (401: Invalid API Key provided: [key])",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, url := replay(t, tt.responses...)
			c := New(testKey(t), Options{APIBase: url})
			links, err := c.ListLinks(context.Background(), tt.all, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, l := range links {
				ids = append(ids, l.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("ids %v, want %v", ids, tt.wantIDs)
			}
			if tt.wantReqs != nil && !slices.Equal(log.lines(), tt.wantReqs) {
				t.Errorf("requests\n%s\nwant\n%s", strings.Join(log.lines(), "\n"), strings.Join(tt.wantReqs, "\n"))
			}
		})
	}
}

// TestTimeout: a Stripe that does not answer fails after the timeout, with
// retries, not after stripe-go's default 80 s.
func TestTimeout(t *testing.T) {
	slow := page(false)
	slow.Delay = time.Minute
	_, url := replay(t, slow, slow)
	c := New(testKey(t), Options{APIBase: url, Timeout: 100 * time.Millisecond, Retries: stripe.Int64(1)})
	_, err := c.ListLinks(context.Background(), false, nil)
	if err == nil || !strings.Contains(err.Error(), "did not answer in time") {
		t.Fatalf("error %v, want a timeout", err)
	}
	var ae *Error
	if !errors.As(err, &ae) {
		t.Errorf("error %T is not an *Error", err)
	}
}

func TestAPIBaseFromEnv(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"", "", ""},
		{"http://127.0.0.1:12111/", "http://127.0.0.1:12111", ""},
		{"https://proxy.example.com/stripe", "https://proxy.example.com/stripe", ""},
		{"ftp://x", "", "give an http or https URL"},
		{"http://user:pw@x", "", "no user"},
		{"localhost:12111", "", "give an http or https URL"},
	}
	for _, tt := range tests {
		got, err := APIBaseFromEnv(env(map[string]string{EnvAPIBase: tt.in}))
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("%q: error %q shows the password", tt.in, err)
		}
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
