package reconcile

import (
	"fmt"
	"hash/maphash"
	"strconv"

	"github.com/paylink/paylink/internal/money"
)

// Tally counts sessions against an index of links. It keeps the ids of the
// paid sessions it counted, as 128-bit hashes (16 bytes each), so that a
// session seen twice counts once; it keeps nothing else of a session.
type Tally struct {
	ix       *Index
	seen     map[[2]uint64]struct{}
	currency map[string]int // paid sessions matched to a link, per currency

	Sessions    int // session objects read, duplicates and unpaid included
	Unpaid      int // sessions read that are not paid
	Duplicates  int // paid sessions seen again, counted once
	Unmatched   int // paid sessions whose reference no link carries
	NoReference int // paid sessions without a client_reference_id
}

// Tally starts counting sessions against the links of ix.
func (ix *Index) Tally() *Tally {
	return &Tally{ix: ix, seen: map[[2]uint64]struct{}{}, currency: map[string]int{}}
}

// Add counts one session, found at where (FILE:LINE).
func (t *Tally) Add(s *Session, where string) error {
	t.Sessions++
	if !s.Paid() {
		// An unpaid copy is not remembered: a later paid copy of the same
		// session (its payment went through) still counts.
		t.Unpaid++
		return nil
	}
	h := [2]uint64{maphash.String(t.ix.seeds[0], s.ID), maphash.String(t.ix.seeds[1], s.ID)}
	if _, ok := t.seen[h]; ok {
		t.Duplicates++
		return nil
	}
	t.seen[h] = struct{}{}
	if s.Reference == "" {
		t.NoReference++
		return nil
	}
	r, ok := t.ix.refs[s.Reference]
	if !ok {
		t.Unmatched++
		return nil
	}
	if !r.paid {
		r.paid = true
		t.ix.refs[s.Reference] = r
	}
	g := t.ix.groups[r.group]
	g.paid++
	if s.Currency == "" { // needed no payment and has no amount
		return nil
	}
	if g.amounts == nil {
		g.amounts = map[string]int64{}
	}
	sum, ok := money.Add(g.amounts[s.Currency], s.AmountTotal)
	if !ok {
		return &InputError{where, fmt.Sprintf("Checkout Session %s: the %s total of its group no longer fits in 64 bits; amount_total %d is not a real amount",
			strconv.Quote(s.ID), s.Currency, s.AmountTotal)}
	}
	g.amounts[s.Currency] = sum
	t.currency[s.Currency]++
	return nil
}
