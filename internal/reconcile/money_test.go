package reconcile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/textin"
	"github.com/paylink/paylink/internal/wrap"
)

// webhookLinks are the links of the story in testdata/reconcile (see
// testdata/stripe-mock/derive-webhooks.sh).
var webhookLinks = strings.Join([]string{
	base + "?utm_campaign=spring&client_reference_id=order-sepa",
	base + "?utm_campaign=spring&client_reference_id=order-boleto",
	base + "?utm_campaign=spring&client_reference_id=order-card1",
	base + "?utm_campaign=spring&client_reference_id=order-ach",
	base + "?utm_campaign=autumn&client_reference_id=order-card2",
	base + "?utm_campaign=autumn&client_reference_id=order-sub",
}, "\n")

// readLogs reconciles webhookLinks against the webhook logs named.
func readLogs(t *testing.T, names ...string) (*Report, *Tally, map[string]int) {
	t.Helper()
	ix, err := index(t, []string{"utm_campaign"}, textin.Lines, webhookLinks)
	if err != nil {
		t.Fatal(err)
	}
	tally := ix.Tally()
	skipped := map[string]int{}
	for _, name := range names {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "reconcile", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ReadSessions(name, f, tally)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range d.Skipped {
			skipped[k] += n
		}
	}
	r, err := tally.Report()
	if err != nil {
		t.Fatal(err)
	}
	return r, tally, skipped
}

// TestWebhookLogs reads two webhook logs of one endpoint, in Stripe's own
// object shapes: delayed payments that succeed (SEPA, 42.00 EUR), fail
// (Boleto) and are still pending (ACH); a partial refund (card1, 20.00 of
// 50.00 USD) and a full one (card2, 30.00 USD), each arriving once as
// charge.refunded and once as refund.updated; a subscription (15.00 USD)
// with its first invoice, two renewals (one in each invoice shape) and one
// failed; a session only its metadata attributes; and webhook-2 repeating
// events of webhook-1. Worked out by hand:
//
//	spring: links sepa, boleto, card1, ach = 4; paid sepa and card1 = 2;
//	  failed boleto, pending ach. Gross 50.00 USD (card1) and 42.00 EUR
//	  (sepa, once though its success is in both logs). Refunded: card1's
//	  charge says 2000 and its refund 2000: the larger, 20.00, not 40.00.
//	  Net 30.00 USD, 42.00 EUR.
//	autumn: links card2, sub = 2; paid card2 (30.00), sub (15.00) and the
//	  metadata one (10.00) = 3, gross 55.00 USD. Refunded card2 30.00
//	  (charge 3000, refund 3000). Renewals in_2 (in both logs) and in_4:
//	  2 × 15.00 = 30.00; in_1 is the session itself, in_3 failed. Net
//	  55.00 + 30.00 - 30.00 = 55.00.
//
// USD has 4 paid sessions, EUR 1: USD first; autumn has the most USD.
// ch_other refunds a payment no session made: unattributed. Unpaid links:
// boleto and ach.
func TestWebhookLogs(t *testing.T) {
	r, tally, skipped := readLogs(t, "webhook-1.jsonl", "webhook-2.jsonl")
	var b strings.Builder
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want := `{"groups":[` +
		`{"group":{"utm_campaign":"autumn"},"links":2,"paid":3,"pending":0,"failed":0,` +
		`"amounts":{"usd":"55.00"},"refunded":{"usd":"30.00"},"renewals":{"usd":"30.00"},"net":{"usd":"55.00"}},` +
		`{"group":{"utm_campaign":"spring"},"links":4,"paid":2,"pending":1,"failed":1,` +
		`"amounts":{"usd":"50.00","eur":"42.00"},"refunded":{"usd":"20.00"},"renewals":{},"net":{"usd":"30.00","eur":"42.00"}}],` +
		`"unmatched_sessions":0,"sessions_without_reference":0,"links_without_reference":0,"unpaid_links":2,` +
		`"attributed_by_reference":4,"attributed_by_metadata":1,"pending_sessions":1,"failed_sessions":1,` +
		`"unattributed_refunds":1,"unattributed_renewals":0}` + "\n"
	if b.String() != want {
		t.Errorf("report\n%s\nwant\n%s", b.String(), want)
	}
	// Repeated: cs_sepa's success and cs_card1 (paid), in webhook-2.
	if tally.Duplicates != 2 || skipped["invoice.payment_failed"] != 1 || len(skipped) != 1 {
		t.Errorf("duplicates %d, skipped %v; want 2 and one invoice.payment_failed", tally.Duplicates, skipped)
	}
}

// TestWebhookLogsOrder: the same events in the other order (webhook-2
// first: refunds and renewals before their sessions) give the same report.
func TestWebhookLogsOrder(t *testing.T) {
	a, _, _ := readLogs(t, "webhook-1.jsonl", "webhook-2.jsonl")
	b, _, _ := readLogs(t, "webhook-2.jsonl", "webhook-1.jsonl")
	var ja, jb strings.Builder
	_ = a.WriteJSON(&ja)
	_ = b.WriteJSON(&jb)
	if ja.String() != jb.String() {
		t.Errorf("order changes the report:\n%s\n%s", ja.String(), jb.String())
	}
}

// TestDelayedPayment: the case, a completed-unpaid session and its
// async_payment_succeeded event (4,200 EUR), counts paid once; alone, the
// unpaid one is pending, not revenue.
func TestDelayedPayment(t *testing.T) {
	unpaid := `{"id":"cs_1","object":"checkout.session","status":"complete","payment_status":"unpaid","amount_total":420000,"currency":"eur","client_reference_id":"r1"}`
	paid := strings.Replace(unpaid, `"unpaid"`, `"paid"`, 1)
	links := base + "?utm_source=a&client_reference_id=r1\n"
	r := reconcile(t, []string{"utm_source"}, links, event("checkout.session.completed", unpaid)+"\n"+event("checkout.session.async_payment_succeeded", paid))
	if g := r.Groups[0]; g.Paid != 1 || g.Amounts["eur"] != 420000 || g.Pending != 0 || r.Pending != 0 {
		t.Errorf("paid %d, amount %v, pending %d/%d; want 1, 420000 EUR, 0", g.Paid, g.Amounts, g.Pending, r.Pending)
	}
	r = reconcile(t, []string{"utm_source"}, links, event("checkout.session.completed", unpaid))
	if g := r.Groups[0]; g.Paid != 0 || len(g.Amounts) != 0 || g.Pending != 1 || r.Pending != 1 {
		t.Errorf("paid %d, amount %v, pending %d/%d; want 0, none, 1", g.Paid, g.Amounts, g.Pending, r.Pending)
	}
}

// TestSessionWithoutStatus is refused, naming it, not skipped in silence.
func TestSessionWithoutStatus(t *testing.T) {
	_, _, err := read(t, `{"id":"cs_1","object":"checkout.session","payment_status":"paid","amount_total":5,"currency":"usd"}`)
	if err == nil || !strings.Contains(err.Error(), `s.json:1: the Checkout Session "cs_1" has no status`) {
		t.Fatalf("error %v, want one naming the session without status", err)
	}
}

// TestSeenSetCompact: the set of session ids stays within 24 bytes an id.
func TestSeenSetCompact(t *testing.T) {
	ix := NewIndex(DefaultBy)
	tally := ix.Tally()
	const n = 200_000
	s := &Session{Status: "complete", PaymentStatus: "paid", Currency: "usd"}
	for i := range n {
		s.ID = "cs_test_" + itoa(i)
		if err := tally.Session(s, Where{}); err != nil {
			t.Fatal(err)
		}
	}
	seen, _ := tally.SeenBytes()
	if tally.seen.len() != n || seen > 24*n {
		t.Errorf("%d ids in %d bytes (%.1f an id); want %d in at most 24 each", tally.seen.len(), seen, float64(seen)/n, n)
	}
	// Each id again is a duplicate: none lost, none counted twice.
	for i := range n {
		s.ID = "cs_test_" + itoa(i)
		_ = tally.Session(s, Where{})
	}
	if tally.Duplicates != n {
		t.Errorf("duplicates %d, want %d", tally.Duplicates, n)
	}
}

// TestTableCJK draws the table through internal/table: 春春春 is six
// columns wide, as spring is, so both rows get the same padding (each
// line's cells end at the same display column).
func TestTableCJK(t *testing.T) {
	r := reconcile(t, []string{"utm_campaign"},
		base+"?utm_campaign=%E6%98%A5%E6%98%A5%E6%98%A5&client_reference_id=r1\n"+base+"?utm_campaign=spring&client_reference_id=r2\n",
		sess("cs_1", "r1", 100, "usd")+sess("cs_2", "r2", 100, "usd"))
	var b strings.Builder
	if err := r.WriteTable(&b, TableOptions{Width: 200, Text: func(s string) string { return s }}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	// Worked out by hand: CAMPAIGN is 8 wide, both values 6, then the
	// same columns: the SHARE column ends at the same display column.
	a, c := lines[1], lines[2]
	if !strings.HasPrefix(a, "春春春    ") && !strings.HasPrefix(c, "春春春    ") {
		t.Fatalf("table\n%s", b.String())
	}
	ia, ic := strings.Index(a, "50.0%"), strings.Index(c, "50.0%")
	if wrap.Width(a[:ia]) != wrap.Width(c[:ic]) {
		t.Errorf("SHARE at display columns %d and %d:\n%s", wrap.Width(a[:ia]), wrap.Width(c[:ic]), b.String())
	}
}
