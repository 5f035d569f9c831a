package reconcile

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/paylink/paylink/internal/money"
)

// Session is what reconciling needs of one Checkout Session.
type Session struct {
	ID            string
	Status        string // open, complete or expired
	PaymentStatus string // paid, unpaid or no_payment_required
	AmountTotal   int64  // in the currency's minor unit
	Currency      string // lower case; "" for a session that needed no payment and has no amount
	Reference     string // client_reference_id, "" when the session has none
	PaymentIntent string // "" when none (subscription and setup modes)
	Subscription  string // the subscription the session started, "" when none
	// UTM are the session's metadata utm_source … utm_content (UTMKeys
	// order), copied by Stripe from the payment link's metadata.
	UTM    [len(utmKeys)]string
	HasUTM bool // metadata holds at least one of them
	// AsyncFailed marks the session of a checkout.session.async_payment_failed
	// event: its delayed payment did not go through.
	AsyncFailed bool
}

// Paid reports whether the session brought money (or needed none): Stripe
// completed it, and its payment went through.
func (s *Session) Paid() bool {
	return s.Status == "complete" && (s.PaymentStatus == "paid" || s.PaymentStatus == "no_payment_required") && !s.AsyncFailed
}

// utmKeys are the metadata keys a session is grouped by when no link's
// reference claims it: the UTM codes Stripe records.
var utmKeys = [5]string{"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}

// utmSlot is key's index in utmKeys, -1 when it is not one.
func utmSlot(key []byte) int {
	if len(key) < 8 || string(key[:4]) != "utm_" {
		return -1
	}
	for i, k := range utmKeys {
		if string(key) == k {
			return i
		}
	}
	return -1
}

// Refund is one refund of a payment (a refund object, or the object of a
// refund.* event).
type Refund struct {
	ID            string
	Amount        int64
	Currency      string
	Status        string // pending, requires_action, succeeded, failed or canceled
	PaymentIntent string // "" when Stripe ties it to none
}

// Charge is a charge.refunded event's charge: AmountRefunded is the running
// total of its refunds.
type Charge struct {
	ID             string
	AmountRefunded int64
	Currency       string
	PaymentIntent  string
}

// Invoice is an invoice.paid event's invoice, or an invoice listed.
type Invoice struct {
	ID            string
	Status        string
	BillingReason string
	AmountPaid    int64
	Currency      string
	// Subscription is parent.subscription_details.subscription (API
	// versions since 2025-03-31) or the top-level subscription (before).
	Subscription  string
	PaymentIntent string // before 2025-03-31 only
}

// Where is where a record was read: FILE:LINE, or a description alone
// when Line is 0 (a record listed from Stripe).
type Where struct {
	File string
	Line int
}

func (w Where) String() string {
	if w.Line == 0 {
		return w.File
	}
	return at(w.File, w.Line)
}

// Sink receives the records a Reader finds, each checked.
type Sink interface {
	Session(*Session, Where) error
	Refund(*Refund, Where) error
	Charge(*Charge, Where) error
	Invoice(*Invoice, Where) error
}

// MaxObject is the largest session or event object read, in bytes. A real
// Checkout Session is a few kilobytes; a list's data array is streamed and
// does not count against it.
const MaxObject = 16 << 20

// ReadSessions reads r, a file named name, handing each record to sink.
// What each value is comes from the value itself, so one file may mix them:
//   - a Stripe list, {"object":"list","data":[...]}, as the API and
//     `stripe checkout sessions list` print it; its data is streamed;
//   - a Checkout Session, Refund, Invoice or Charge object;
//   - an Event, as a webhook endpoint saves it: checkout.session.completed
//     and .async_payment_succeeded/_failed, charge.refunded, refund.*,
//     invoice.paid and invoice.payment_succeeded are read; events of other
//     types are skipped and counted;
//   - an array of any of these but lists;
//
// one after another, as JSON Lines or not. Malformed JSON, and an object
// that is not well formed, is an *InputError naming its line.
func ReadSessions(name string, r io.Reader, sink Sink) (*Reader, error) {
	d := newReader(name, r, sink)
	return d, d.run()
}

// checkSession checks a session read and makes its currency lower case. A
// paid session must say how much, in which currency: without them it
// cannot be counted, and skipping it would silently under-report. One that
// needed no payment (payment_status no_payment_required, as in setup mode)
// may have neither; it counts with no amount.
func checkSession(s *Session, hasAmount bool) error {
	if s.ID == "" {
		return fmt.Errorf("a Checkout Session without an id")
	}
	if s.Status == "" {
		// Stripe always writes it; without it the session could be open,
		// complete or expired, and counting it either way would be a guess.
		return fmt.Errorf("the Checkout Session %s has no status (open, complete or expired); give sessions as Stripe prints them", strconv.Quote(s.ID))
	}
	if !s.Paid() || s.PaymentStatus == "no_payment_required" && (!hasAmount || s.AmountTotal == 0) && s.Currency == "" {
		s.Currency, s.AmountTotal = "", 0
		return nil
	}
	cur, err := money.Currency(s.Currency)
	if err != nil {
		return fmt.Errorf("paid Checkout Session %s: %v", strconv.Quote(s.ID), err)
	}
	if !hasAmount || s.AmountTotal < 0 {
		return fmt.Errorf("paid Checkout Session %s has no amount_total of 0 or more", strconv.Quote(s.ID))
	}
	s.Currency = cur
	return nil
}

// CheckSession makes a Session of a Checkout Session's fields listed from
// Stripe, checked as a session read from a file is.
func CheckSession(s Session) (*Session, error) {
	if err := checkSession(&s, true); err != nil {
		return nil, err
	}
	return &s, nil
}

// checkAmount checks an amount and its currency that will be counted.
func checkAmount(what, id, field string, amount int64, currency string) (string, error) {
	if amount < 0 {
		return "", fmt.Errorf("%s %s: %s %d is below 0", what, strconv.Quote(id), field, amount)
	}
	if amount == 0 && currency == "" {
		return "", nil
	}
	cur, err := money.Currency(currency)
	if err != nil {
		return "", fmt.Errorf("%s %s: %v", what, strconv.Quote(id), err)
	}
	return cur, nil
}

// CheckRefund checks a refund and makes its currency lower case.
func CheckRefund(r *Refund) error {
	if r.ID == "" {
		return fmt.Errorf("a refund without an id")
	}
	cur, err := checkAmount("refund", r.ID, "amount", r.Amount, r.Currency)
	r.Currency = cur
	return err
}

// CheckCharge checks a refunded charge.
func CheckCharge(c *Charge) error {
	if c.ID == "" {
		return fmt.Errorf("a charge without an id")
	}
	cur, err := checkAmount("charge", c.ID, "amount_refunded", c.AmountRefunded, c.Currency)
	c.Currency = cur
	return err
}

// CheckInvoice checks an invoice; only a paid one's amount is checked, the
// only one counted.
func CheckInvoice(in *Invoice) error {
	if in.ID == "" {
		return fmt.Errorf("an invoice without an id")
	}
	if in.Status != "paid" {
		return nil
	}
	cur, err := checkAmount("invoice", in.ID, "amount_paid", in.AmountPaid, in.Currency)
	in.Currency = cur
	return err
}

// unquote decodes a JSON string token with escapes, the rare case.
func unquote(tok []byte) (string, bool) {
	var s string
	if json.Unmarshal(tok, &s) != nil {
		return "", false
	}
	return s, true
}

// show names a byte found where it does not belong.
func show(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// UTMOf reads the utm_* values of a session's metadata, listed from Stripe.
func UTMOf(metadata map[string]string) (utm [len(utmKeys)]string, has bool) {
	for i, k := range utmKeys {
		if v := metadata[k]; v != "" {
			utm[i], has = v, true
		}
	}
	return utm, has
}
