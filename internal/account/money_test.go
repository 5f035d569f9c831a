package account

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/testutil"
)

// listPage is one page of a Stripe list at url, data written by hand in
// the API's shape.
func listPage(url string, hasMore bool, data ...string) testutil.Recorded {
	body := `{"object":"list","url":"` + url + `","has_more":` + map[bool]string{true: "true", false: "false"}[hasMore] +
		`,"data":[` + strings.Join(data, ",") + `]}`
	return testutil.Recorded{Status: 200, Header: jsonHeader(), Body: []byte(body)}
}

// TestMoneyListings: each listing asks for what reconcile counts (complete
// sessions, paid invoices, refunds since a date), pages on with the last
// id, and hands over plain values: ids of expandable fields whether Stripe
// sends an id or an object, a renewal's subscription from the invoice's
// parent, metadata as it is.
func TestMoneyListings(t *testing.T) {
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) // 1793491200 (date -u -d @1793491200)
	ctx := context.Background()

	t.Run("sessions", func(t *testing.T) {
		var log strings.Builder
		srv := testutil.NewStripeReplay([]testutil.Recorded{
			listPage("/v1/checkout/sessions", true,
				`{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":1500,"currency":"usd","client_reference_id":"order-1","mode":"payment","payment_intent":"pi_1","subscription":null,"metadata":{"utm_campaign":"spring"}}`),
			listPage("/v1/checkout/sessions", false,
				`{"id":"cs_2","object":"checkout.session","status":"complete","payment_status":"unpaid","amount_total":900,"currency":"jpy","client_reference_id":null,"mode":"subscription","payment_intent":null,"subscription":{"id":"sub_2","object":"subscription"},"metadata":{}}`),
		}, &log)
		defer srv.Close()
		c := New(testKey(t), Options{APIBase: srv.URL})
		var got []Session
		err := c.ListSessions(ctx, SessionQuery{Since: since, PaymentLink: "plink_1"}, func(s Session) error { got = append(got, s); return nil })
		want := []Session{
			{ID: "cs_1", Status: "complete", PaymentStatus: "paid", AmountTotal: 1500, Currency: "usd", ClientReferenceID: "order-1", Mode: "payment", PaymentIntent: "pi_1", Metadata: map[string]string{"utm_campaign": "spring"}},
			{ID: "cs_2", Status: "complete", PaymentStatus: "unpaid", AmountTotal: 900, Currency: "jpy", Mode: "subscription", Subscription: "sub_2", Metadata: map[string]string{}},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("ListSessions = %+v, %v\nwant %+v", got, err, want)
		}
		for _, q := range []string{"status=complete", "created[gte]=1793491200", "payment_link=plink_1", "limit=100"} {
			if !strings.Contains(log.String(), q) {
				t.Errorf("the requests lack %s:\n%s", q, log.String())
			}
		}
		if !strings.Contains(log.String(), "starting_after=cs_1") {
			t.Errorf("the second page was not asked after cs_1:\n%s", log.String())
		}
	})

	t.Run("refunds", func(t *testing.T) {
		var log strings.Builder
		srv := testutil.NewStripeReplay([]testutil.Recorded{listPage("/v1/refunds", false,
			`{"id":"re_1","object":"refund","amount":500,"currency":"usd","status":"succeeded","payment_intent":"pi_1"}`,
			`{"id":"re_2","object":"refund","amount":300,"currency":"usd","status":"pending","payment_intent":null}`)}, &log)
		defer srv.Close()
		c := New(testKey(t), Options{APIBase: srv.URL})
		var got []Refund
		err := c.ListRefunds(ctx, since, func(r Refund) error { got = append(got, r); return nil })
		want := []Refund{
			{ID: "re_1", Amount: 500, Currency: "usd", Status: "succeeded", PaymentIntent: "pi_1"},
			{ID: "re_2", Amount: 300, Currency: "usd", Status: "pending"},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("ListRefunds = %+v, %v\nwant %+v", got, err, want)
		}
		if !strings.Contains(log.String(), "GET /v1/refunds?created[gte]=1793491200") || strings.Contains(log.String(), "created[lte]") {
			t.Errorf("want refunds from the date on, with no upper bound:\n%s", log.String())
		}
	})

	t.Run("invoices", func(t *testing.T) {
		var log strings.Builder
		srv := testutil.NewStripeReplay([]testutil.Recorded{listPage("/v1/invoices", false,
			`{"id":"in_1","object":"invoice","status":"paid","billing_reason":"subscription_cycle","amount_paid":1500,"currency":"usd","parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_2","metadata":{}}}}`,
			`{"id":"in_2","object":"invoice","status":"paid","billing_reason":"manual","amount_paid":700,"currency":"eur","parent":null}`)}, &log)
		defer srv.Close()
		c := New(testKey(t), Options{APIBase: srv.URL})
		var got []Invoice
		err := c.ListPaidInvoices(ctx, time.Time{}, func(in Invoice) error { got = append(got, in); return nil })
		want := []Invoice{
			{ID: "in_1", Status: "paid", BillingReason: "subscription_cycle", AmountPaid: 1500, Currency: "usd", Subscription: "sub_2"},
			{ID: "in_2", Status: "paid", BillingReason: "manual", AmountPaid: 700, Currency: "eur"},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("ListPaidInvoices = %+v, %v\nwant %+v", got, err, want)
		}
		if !strings.Contains(log.String(), "status=paid") || strings.Contains(log.String(), "created") {
			t.Errorf("want paid invoices, all of them (no date given):\n%s", log.String())
		}
	})

	t.Run("a callback's error stops the listing", func(t *testing.T) {
		var log strings.Builder
		srv := testutil.NewStripeReplay([]testutil.Recorded{
			listPage("/v1/refunds", true, `{"id":"re_1","object":"refund","amount":1,"currency":"usd","status":"succeeded"}`),
			listPage("/v1/refunds", false, `{"id":"re_2","object":"refund","amount":1,"currency":"usd","status":"succeeded"}`),
		}, &log)
		defer srv.Close()
		c := New(testKey(t), Options{APIBase: srv.URL})
		stop := context.Canceled
		err := c.ListRefunds(ctx, time.Time{}, func(Refund) error { return stop })
		if err != stop || strings.Count(log.String(), "GET ") != 1 {
			t.Errorf("ListRefunds = %v after %d requests; want the callback's error after one", err, strings.Count(log.String(), "GET "))
		}
	})
}
