package reconcile

import (
	"fmt"
	"hash/maphash"
	"strconv"

	"github.com/paylink/paylink/internal/money"
)

// Tally counts records against an index of links. Of the sessions it keeps
// only their ids, as 70-bit hashes in a compact table (8 bytes a slot),
// so that a session seen twice counts once, and the payment intent and
// subscription of each session a group claims, for refunds and renewals
// to join. Refunds, refunded charges and invoices are kept until the
// report (a webhook log holds them in any order, often before their
// session): a few dozen bytes each.
type Tally struct {
	ix       *Index
	seen     table // session ids, each with its state
	intents  table // payment intent → group
	subs     table // subscription → group
	refunds  map[uint64]refundRecord
	charges  map[uint64]chargeRecord
	invoices map[uint64]invoiceRecord
	currency map[string]int // paid sessions a group claims, per currency

	Sessions    int // session objects read, duplicates and unpaid included
	Unpaid      int // sessions read that are not complete (open, expired)
	Duplicates  int // paid sessions seen again, counted once
	Unmatched   int // paid sessions no link's reference and no metadata claims
	NoReference int // of the paid sessions no group claims, those without a client_reference_id

	ByReference int // paid sessions a link's client_reference_id claims
	ByMetadata  int // paid sessions grouped by their metadata's utm_* values
	Pending     int // complete sessions whose delayed payment has not succeeded yet
	Failed      int // complete sessions whose delayed payment failed
}

// The state of a session seen, in the low bits of its value in seen.
const (
	statePending = 1
	stateFailed  = 2
	statePaid    = 3
)

type refundRecord struct {
	intent   uint64 // hash of the payment intent, 0 for none
	amount   int64  // 0 once failed or canceled
	currency string
	rank     int8 // of its status: a later status wins, whatever order events come in
}

type chargeRecord struct {
	intent   uint64
	amount   int64 // the largest amount_refunded seen: it only grows
	currency string
}

type invoiceRecord struct {
	sub, intent uint64
	amount      int64
	currency    string
	cycle       bool // billing_reason subscription_cycle: a renewal
}

// Tally starts counting sessions against the links of ix.
func (ix *Index) Tally() *Tally {
	return &Tally{ix: ix, currency: map[string]int{}, intents: table{values: true}, subs: table{values: true},
		refunds: map[uint64]refundRecord{}, charges: map[uint64]chargeRecord{}, invoices: map[uint64]invoiceRecord{}}
}

// hash is the 64-bit key of an id, 0 for none.
func (t *Tally) hash(id string) uint64 {
	if id == "" {
		return 0
	}
	return max(maphash.String(t.ix.seeds[0], id), 1) // 0 is none
}

// Session counts one Checkout Session. A complete session is paid,
// pending (its delayed payment not through yet) or failed; each id counts
// once, in its latest state: a pending session later paid (an
// async_payment_succeeded event, or the same session listed again) moves
// from pending to paid.
func (t *Tally) Session(s *Session, where Where) error {
	t.Sessions++
	if s.Status != "complete" {
		// An unfinished copy is not remembered: a later paid copy of the
		// same session still counts.
		t.Unpaid++
		return nil
	}
	h1, h2 := maphash.String(t.ix.seeds[0], s.ID), maphash.String(t.ix.seeds[1], s.ID)
	state := t.seen.state(h1, h2)
	known := state != 0
	next := uint64(statePaid)
	switch {
	case s.AsyncFailed:
		next = stateFailed
	case !s.Paid():
		next = statePending
	}
	switch {
	case known && state == statePaid:
		// Paid is final: a copy of any state changes nothing.
		if next == statePaid {
			t.Duplicates++
		}
		return nil
	case known && (state == next || next == statePending):
		return nil
	}
	gi, how := t.attribute(s)
	if known { // pending → failed or paid, failed → paid
		t.move(gi, state, -1)
	}
	t.seen.setState(h1, h2, next)
	t.move(gi, next, 1)
	if next != statePaid {
		return nil
	}
	return t.paid(s, gi, how, where)
}

// move adds n to the count of sessions in state, overall and in group gi.
func (t *Tally) move(gi int32, state uint64, n int) {
	var g *group
	if gi >= 0 {
		g = t.ix.groups[gi]
	}
	switch state {
	case statePending:
		t.Pending += n
		if g != nil {
			g.pending = max(g.pending+n, 0)
		}
	case stateFailed:
		t.Failed += n
		if g != nil {
			g.failed = max(g.failed+n, 0)
		}
	}
}

// How a session was attributed.
const (
	byReference = iota
	byMetadata
	unmatched
	noReference
)

// attribute finds the group of a session: the one of the link carrying its
// client_reference_id, else the one its metadata's utm_* values name
// (added if no link has them). -1 when neither claims it.
func (t *Tally) attribute(s *Session) (int32, int) {
	ix := t.ix
	if s.Reference != "" {
		if r, ok := ix.refs[s.Reference]; ok {
			return r.group, byReference
		}
	}
	if s.HasUTM {
		values := make([]string, len(ix.by))
		found := false
		for i, p := range ix.by {
			for j, k := range utmKeys {
				if p == k && s.UTM[j] != "" {
					values[i], found = s.UTM[j], true
				}
			}
		}
		if found {
			return ix.group(values), byMetadata
		}
	}
	if s.Reference == "" {
		return -1, noReference
	}
	return -1, unmatched
}

// paid counts a paid session in its group, and remembers its payment
// intent and subscription for the refunds and renewals that join them.
func (t *Tally) paid(s *Session, gi int32, how int, where Where) error {
	switch how {
	case noReference:
		t.NoReference++
		return nil
	case unmatched:
		t.Unmatched++
		return nil
	case byMetadata:
		t.ByMetadata++
	default:
		t.ByReference++
		if r := t.ix.refs[s.Reference]; !r.paid {
			r.paid = true
			t.ix.refs[s.Reference] = r
		}
	}
	if h := t.hash(s.PaymentIntent); h != 0 {
		t.intents.put(h, uint32(gi))
	}
	if h := t.hash(s.Subscription); h != 0 {
		t.subs.put(h, uint32(gi))
	}
	g := t.ix.groups[gi]
	g.paid++
	if s.Currency == "" { // needed no payment and has no amount
		return nil
	}
	if err := add(&g.amounts, s.Currency, s.AmountTotal); err != nil {
		return &InputError{where.String(), fmt.Sprintf("Checkout Session %s: the %s total of its group %v: no real campaign sums to that, so an amount_total of its sessions is wrong",
			strconv.Quote(s.ID), s.Currency, err)}
	}
	t.currency[s.Currency]++
	return nil
}

// add adds amount to (*m)[currency], refusing a sum that does not fit.
func add(m *map[string]int64, currency string, amount int64) error {
	if *m == nil {
		*m = map[string]int64{}
	}
	sum, ok := money.Add((*m)[currency], amount)
	if !ok {
		return fmt.Errorf("no longer fits in 64 bits")
	}
	(*m)[currency] = sum
	return nil
}

// refundRank orders a refund's statuses: the last one Stripe reaches wins,
// and a failed or canceled refund gives nothing back.
func refundRank(status string) int8 {
	switch status {
	case "failed", "canceled":
		return 3
	case "succeeded":
		return 2
	}
	return 1 // pending, requires_action: the money is on its way back
}

// Refund remembers one refund (a refund object, or a refund.* event's),
// by id: the same refund in many events counts once, in its last status.
func (t *Tally) Refund(r *Refund, _ Where) error {
	h := t.hash(r.ID)
	rank := refundRank(r.Status)
	if old, ok := t.refunds[h]; ok && old.rank > rank {
		return nil
	}
	amount := r.Amount
	if rank == 3 {
		amount = 0
	}
	t.refunds[h] = refundRecord{intent: t.hash(r.PaymentIntent), amount: amount, currency: r.Currency, rank: rank}
	return nil
}

// Charge remembers a refunded charge's running total of refunds.
func (t *Tally) Charge(c *Charge, _ Where) error {
	h := t.hash(c.ID)
	if old, ok := t.charges[h]; ok && old.amount >= c.AmountRefunded {
		return nil
	}
	t.charges[h] = chargeRecord{intent: t.hash(c.PaymentIntent), amount: c.AmountRefunded, currency: c.Currency}
	return nil
}

// Invoice remembers a paid invoice of a subscription, by id.
func (t *Tally) Invoice(in *Invoice, _ Where) error {
	if in.Status != "paid" || in.Subscription == "" {
		return nil
	}
	t.invoices[t.hash(in.ID)] = invoiceRecord{sub: t.hash(in.Subscription), intent: t.hash(in.PaymentIntent),
		amount: in.AmountPaid, currency: in.Currency, cycle: in.BillingReason == "subscription_cycle"}
	return nil
}

// SeenBytes is the memory of the set of session ids and of the joins.
func (t *Tally) SeenBytes() (seen, joins int) {
	return t.seen.bytes(), t.intents.bytes() + t.subs.bytes()
}
