package reconcile

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/testutil"
	"github.com/paylink/paylink/internal/textin"
)

func testClient(t *testing.T, base string) *account.Client {
	t.Helper()
	key, err := account.LoadKey(func(k string) string {
		if k == account.EnvKey {
			return "rk_test_51ReconcileTestKey0000000000"
		}
		return ""
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	retries := int64(0)
	return account.New(key, account.Options{APIBase: base, Retries: &retries})
}

type requestLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *requestLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *requestLog) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Split(strings.TrimSuffix(l.b.String(), "\n"), "\n")
}

func sessionsPage(hasMore bool, sessions ...string) testutil.Recorded {
	body := fmt.Sprintf(`{"object":"list","url":"/v1/checkout/sessions","has_more":%t,"data":[%s]}`, hasMore, strings.Join(sessions, ","))
	return testutil.Recorded{Status: 200, Header: map[string][]string{"Content-Type": {"application/json"}}, Body: []byte(body)}
}

// TestListStripeSessionsPages follows three pages with starting_after,
// asks only for complete sessions created in the range, 100 a page, and
// counts what a file of the same sessions would.
func TestListStripeSessionsPages(t *testing.T) {
	log := &requestLog{}
	replay := testutil.NewStripeReplay([]testutil.Recorded{
		sessionsPage(true, sess("cs_1", "o1", 12345, "usd"), sess("cs_2", "o3", 5000, "jpy")),
		sessionsPage(true, sess("cs_3", "o3", 2000, "usd"), sess("cs_4", "o99", 999, "usd")),
		sessionsPage(false, sess("cs_5", "", 100, "usd"), sess("cs_7", "o3", 3000, "jpy")),
	}, log)
	defer replay.Close()
	ix, err := index(t, DefaultBy, textin.Lines, testLinks)
	if err != nil {
		t.Fatal(err)
	}
	tally := ix.Tally()
	since, _ := ParseTime("2026-03-01", false)
	until, _ := ParseTime("2026-03-31", true)
	var counts []int
	err = ListStripeSessions(context.Background(), testClient(t, replay.URL), StripeQuery{Since: since, Until: until}, tally.Add, func(n int) { counts = append(counts, n) })
	if err != nil {
		t.Fatal(err)
	}
	// 2026-03-01T00:00:00Z is 1772323200; 2026-03-31T23:59:59Z is 1775001599.
	q := "created[gte]=1772323200&created[lte]=1775001599&limit=100"
	want := []string{
		"GET /v1/checkout/sessions?" + q + "&status=complete auth=Bearer",
		"GET /v1/checkout/sessions?" + q + "&starting_after=cs_2&status=complete auth=Bearer",
		"GET /v1/checkout/sessions?" + q + "&starting_after=cs_4&status=complete auth=Bearer",
	}
	if got := log.lines(); !slices.Equal(got, want) {
		t.Errorf("requests\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Equal(counts, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("progress %v", counts)
	}
	var b strings.Builder
	if err := tally.Report().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	// As TestReportJSON, without the duplicate and the expired session.
	want1 := `{"groups":[` +
		`{"group":{"utm_source":"google","utm_medium":"cpc","utm_campaign":"spring"},"links":2,"paid":3,"amounts":{"jpy":"8000","usd":"20.00"}},` +
		`{"group":{"utm_source":"newsletter","utm_medium":"email","utm_campaign":"spring"},"links":2,"paid":1,"amounts":{"usd":"123.45"}},` +
		`{"group":{"utm_source":"partner","utm_medium":"","utm_campaign":""},"links":1,"paid":0,"amounts":{}}],` +
		`"unmatched_sessions":1,"sessions_without_reference":1,"links_without_reference":1,"unpaid_links":2}` + "\n"
	if b.String() != want1 {
		t.Errorf("report\n%s\nwant\n%s", b.String(), want1)
	}
}

// TestListStripeSessionsPaymentLinks lists each payment link's sessions.
func TestListStripeSessionsPaymentLinks(t *testing.T) {
	log := &requestLog{}
	replay := testutil.NewStripeReplay([]testutil.Recorded{
		sessionsPage(false, sess("cs_1", "o1", 100, "usd")),
		sessionsPage(false),
	}, log)
	defer replay.Close()
	ix, _ := index(t, DefaultBy, textin.Lines, testLinks)
	err := ListStripeSessions(context.Background(), testClient(t, replay.URL), StripeQuery{PaymentLinks: []string{"plink_A", "plink_B"}}, ix.Tally().Add, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /v1/checkout/sessions?limit=100&payment_link=plink_A&status=complete auth=Bearer",
		"GET /v1/checkout/sessions?limit=100&payment_link=plink_B&status=complete auth=Bearer",
	}
	if got := log.lines(); !slices.Equal(got, want) {
		t.Errorf("requests\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestListStripeSessionsErrors: Stripe's refusal is explained; a paid
// session without a currency is an error naming it, not a skip.
func TestListStripeSessionsErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		page testutil.Recorded
		want string
	}{
		{"refused key", testutil.Recorded{Status: 401, Header: map[string][]string{"Content-Type": {"application/json"}},
			Body: []byte(`{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: rk_test_***0000"}}`)},
			"Stripe refused the API key"},
		{"malformed session", sessionsPage(false, `{"id":"cs_9","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":5,"currency":""}`),
			`Stripe: paid Checkout Session "cs_9": currency ""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			replay := testutil.NewStripeReplay([]testutil.Recorded{tc.page}, nil)
			defer replay.Close()
			ix, _ := index(t, DefaultBy, textin.Lines, testLinks)
			err := ListStripeSessions(context.Background(), testClient(t, replay.URL), StripeQuery{}, ix.Tally().Add, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "ReconcileTestKey") {
				t.Errorf("error %q shows the key", err)
			}
		})
	}
}

// TestStripeMock reconciles against stripe-mock, which checks each request
// (status, created, payment_link, limit) against Stripe's OpenAPI spec. Its
// fixtures hold one payment link and one paid session of it, order-1042,
// 49.00 USD (testdata/stripe-mock/derive-reconcile.sh).
func TestStripeMock(t *testing.T) {
	url := testutil.StripeMockURL(t, filepath.Join("..", "..", "testdata", "stripe-mock", "reconcile-fixtures.json"))
	c := testClient(t, url)
	ix := NewIndex([]string{"utm_source"})
	ix.CollectBases()
	if err := ix.Read("links", strings.NewReader(
		"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=newsletter&client_reference_id=order-1042\n"+
			"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=ads&client_reference_id=order-1043\n"), textin.Lines); err != nil {
		t.Fatal(err)
	}
	ids, missing, err := PaymentLinkIDs(context.Background(), c, ix.Bases())
	if err != nil || len(missing) > 0 || !slices.Equal(ids, []string{"plink_1QspringTshirt0001"}) {
		t.Fatalf("payment links %v, missing %v, error %v", ids, missing, err)
	}
	tally := ix.Tally()
	q := StripeQuery{Since: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Now(), PaymentLinks: ids}
	if err := ListStripeSessions(context.Background(), c, q, tally.Add, nil); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tally.Report().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want := `{"groups":[{"group":{"utm_source":"newsletter"},"links":1,"paid":1,"amounts":{"usd":"49.00"}},` +
		`{"group":{"utm_source":"ads"},"links":1,"paid":0,"amounts":{}}],` +
		`"unmatched_sessions":0,"sessions_without_reference":0,"links_without_reference":0,"unpaid_links":1}` + "\n"
	if b.String() != want {
		t.Errorf("report\n%s\nwant\n%s", b.String(), want)
	}
	// A link on no payment link of the account: no filter.
	if _, missing, _ := PaymentLinkIDs(context.Background(), c, []string{"https://buy.stripe.com/test_other"}); !slices.Equal(missing, []string{"https://buy.stripe.com/test_other"}) {
		t.Errorf("missing %v", missing)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		end  bool
		want string
	}{
		{"2026-03-01", false, "2026-03-01T00:00:00Z"},
		{"2026-03-01", true, "2026-03-01T23:59:59Z"},
		{"2026-03-01T10:00:00+01:00", true, "2026-03-01T09:00:00Z"},
		{"03/01/2026", false, ""},
		{"2026-02-30", false, ""},
	} {
		got, err := ParseTime(tc.in, tc.end)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseTime(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("ParseTime(%q, %v) = %v, %v; want %s", tc.in, tc.end, got, err, tc.want)
		}
	}
}
