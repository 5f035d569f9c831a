package reconcile

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/paylink/paylink/internal/money"
	"github.com/paylink/paylink/internal/safe"
)

// Report is the result of a reconciliation: one row per group of links,
// and the sessions and links that could not be joined.
type Report struct {
	By         []string
	Groups     []Row    // largest amount first
	Currencies []string // the currency with the most paid sessions first

	UnmatchedSessions        int // paid sessions with a reference no link carries, and no utm_* metadata
	SessionsWithoutReference int // paid sessions without a client_reference_id nor utm_* metadata
	LinksWithoutReference    int // links without a client_reference_id Stripe records
	UnpaidLinks              int // links with a reference no paid session carried

	ByReference          int // paid sessions claimed by a link's client_reference_id
	ByMetadata           int // paid sessions grouped by their metadata's utm_* values
	Pending              int // complete sessions whose delayed payment has not succeeded
	Failed               int // complete sessions whose delayed payment failed
	UnattributedRefunds  int // refunds (and refunded charges) no group's payment accounts for
	UnattributedRenewals int // renewal invoices of subscriptions no group's session started
}

// Row is one group: the values of the --by parameters, its links, its
// sessions, and its money per currency in minor units: Amounts is the gross
// (amount_total of paid sessions), Net = Amounts + Renewals - Refunded.
type Row struct {
	Values          []string
	Links           int
	Paid            int
	Pending, Failed int
	Amounts         map[string]int64
	Refunded        map[string]int64
	Renewals        map[string]int64
	Net             map[string]int64
}

// Report joins the refunds and renewals to the groups and summarises what
// t counted. Its error is a sum that no longer fits in 64 bits.
func (t *Tally) Report() (*Report, error) {
	ix := t.ix
	r := &Report{
		By:                       ix.by,
		UnmatchedSessions:        t.Unmatched,
		SessionsWithoutReference: t.NoReference,
		LinksWithoutReference:    ix.NoReference,
		ByReference:              t.ByReference,
		ByMetadata:               t.ByMetadata,
		Pending:                  t.Pending,
		Failed:                   t.Failed,
	}
	for _, ref := range ix.refs {
		if !ref.paid {
			r.UnpaidLinks += int(ref.links)
		}
	}
	if err := t.renewals(r); err != nil {
		return nil, err
	}
	if err := t.refunded(r); err != nil {
		return nil, err
	}
	r.Currencies = slices.SortedFunc(maps.Keys(t.currency), func(a, b string) int {
		return cmp.Or(cmp.Compare(t.currency[b], t.currency[a]), cmp.Compare(a, b))
	})
	for _, g := range ix.groups {
		row := Row{Values: g.values, Links: g.links, Paid: g.paid, Pending: g.pending, Failed: g.failed,
			Amounts: orEmpty(g.amounts), Refunded: orEmpty(g.refunded), Renewals: orEmpty(g.renewals), Net: map[string]int64{}}
		if err := row.net(); err != nil {
			return nil, err
		}
		r.Groups = append(r.Groups, row)
	}
	slices.SortFunc(r.Groups, r.compare)
	return r, nil
}

func orEmpty(m map[string]int64) map[string]int64 {
	if m == nil {
		return map[string]int64{}
	}
	return m
}

// net sums the row's net per currency, exactly.
func (row *Row) net() error {
	for c, v := range row.Amounts {
		row.Net[c] = v
	}
	for c, v := range row.Renewals {
		sum, ok := money.Add(row.Net[c], v)
		if !ok {
			return &InputError{"renewals", fmt.Sprintf("the %s net of group %q no longer fits in 64 bits", c, row.Values)}
		}
		row.Net[c] = sum
	}
	for c, v := range row.Refunded {
		sum, ok := money.Add(row.Net[c], -v)
		if !ok {
			return &InputError{"refunds", fmt.Sprintf("the %s net of group %q no longer fits in 64 bits", c, row.Values)}
		}
		row.Net[c] = sum
	}
	return nil
}

// renewals adds each paid subscription_cycle invoice to the group whose
// session started its subscription. The subscription's first invoice is
// that session itself (billing_reason subscription_create): never counted
// again. An invoice's payment intent (API versions before 2025-03-31)
// joins the group too, so refunds of renewals find it.
func (t *Tally) renewals(r *Report) error {
	for _, in := range t.invoices {
		v, ok := t.subs.get(in.sub)
		if !ok {
			if in.cycle {
				r.UnattributedRenewals++
			}
			continue
		}
		if in.intent != 0 {
			t.intents.put(in.intent, v)
		}
		if !in.cycle || in.currency == "" {
			continue
		}
		g := t.ix.groups[v]
		if err := add(&g.renewals, in.currency, in.amount); err != nil {
			return &InputError{"invoices", fmt.Sprintf("the %s renewals of group %q: %v", in.currency, g.values, err)}
		}
		if _, ok := t.currency[in.currency]; !ok {
			t.currency[in.currency] = 0
		}
	}
	return nil
}

// refunded joins refunds to groups by payment intent. A payment's refunds
// arrive two ways: refund objects (each refund) and charge.refunded events
// (the charge's running total); a log may hold either or both, so per
// payment the larger of the two sums is taken, never their sum.
func (t *Tally) refunded(r *Report) error {
	type payment struct {
		refunds, charged int64
		currency         string
	}
	byIntent := map[uint64]*payment{}
	get := func(h uint64, currency string) *payment {
		p := byIntent[h]
		if p == nil {
			p = &payment{currency: currency}
			byIntent[h] = p
		}
		return p
	}
	for _, rf := range t.refunds {
		switch {
		case rf.amount == 0:
		case rf.intent == 0:
			r.UnattributedRefunds++
		default:
			p := get(rf.intent, rf.currency)
			sum, ok := money.Add(p.refunds, rf.amount)
			if !ok {
				return &InputError{"refunds", fmt.Sprintf("the %s refunds of one payment no longer fit in 64 bits", rf.currency)}
			}
			p.refunds = sum
		}
	}
	for _, c := range t.charges {
		switch {
		case c.amount == 0:
		case c.intent == 0:
			r.UnattributedRefunds++
		default:
			p := get(c.intent, c.currency)
			p.charged = max(p.charged, c.amount)
		}
	}
	for h, p := range byIntent {
		v, ok := t.intents.get(h)
		if !ok {
			r.UnattributedRefunds++
			continue
		}
		g := t.ix.groups[v]
		if err := add(&g.refunded, p.currency, max(p.refunds, p.charged)); err != nil {
			return &InputError{"refunds", fmt.Sprintf("the %s refunds of group %q: %v", p.currency, g.values, err)}
		}
		if _, ok := t.currency[p.currency]; !ok {
			t.currency[p.currency] = 0
		}
	}
	return nil
}

// compare orders rows by amount, largest first: in the first currency, then
// the next; then by paid sessions and links; then by their values.
func (r *Report) compare(a, b Row) int {
	for _, c := range r.Currencies {
		if n := cmp.Compare(b.Amounts[c], a.Amounts[c]); n != 0 {
			return n
		}
	}
	return cmp.Or(cmp.Compare(b.Paid, a.Paid), cmp.Compare(b.Links, a.Links), slices.Compare(a.Values, b.Values))
}

// currencies are the row's currencies, in the report's order: those with a
// gross, a refund or a renewal.
func (r *Report) currencies(row Row) []string {
	var out []string
	for _, c := range r.Currencies {
		if _, ok := row.Net[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// WriteJSON writes the report as one JSON document:
//
//	{"groups":[{"group":{...},"links":N,"paid":N,"pending":N,"failed":N,
//	  "amounts":{"usd":"123.45"},"refunded":{...},"renewals":{...},"net":{...}}],
//	 "unmatched_sessions":N,"sessions_without_reference":N,
//	 "links_without_reference":N,"unpaid_links":N,
//	 "attributed_by_reference":N,"attributed_by_metadata":N,
//	 "pending_sessions":N,"failed_sessions":N,
//	 "unattributed_refunds":N,"unattributed_renewals":N}
//
// amounts is the gross; each money object holds the currencies it has.
// Keys keep the order of --by and of the report's currencies, so it is
// written by hand.
func (r *Report) WriteJSON(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`{"groups":[`)
	for i, row := range r.Groups {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"group":{`)
		for j, p := range r.By {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(p) + ":" + jsonString(row.Values[j]))
		}
		b.WriteString(`},"links":` + strconv.Itoa(row.Links) + `,"paid":` + strconv.Itoa(row.Paid) +
			`,"pending":` + strconv.Itoa(row.Pending) + `,"failed":` + strconv.Itoa(row.Failed))
		for _, m := range []struct {
			name   string
			values map[string]int64
		}{{"amounts", row.Amounts}, {"refunded", row.Refunded}, {"renewals", row.Renewals}, {"net", row.Net}} {
			b.WriteString(`,"` + m.name + `":{`)
			n := 0
			for _, c := range r.Currencies {
				if v, ok := m.values[c]; ok {
					if n++; n > 1 {
						b.WriteByte(',')
					}
					b.WriteString(jsonString(c) + ":" + jsonString(money.Format(v, c)))
				}
			}
			b.WriteByte('}')
		}
		b.WriteString("}")
	}
	b.WriteString("]")
	for _, c := range r.Counts() {
		b.WriteString(`,"` + c.Key + `":` + strconv.Itoa(c.N))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Count is one of the report's counts of what could not be joined, or of
// how sessions were joined.
type Count struct {
	Key  string // as in JSON and the summary CSV
	Name string // as in the table
	N    int
	What string // what it counts, in words
}

// Counts are the report's counts, in the order every format prints them.
func (r *Report) Counts() []Count {
	return []Count{
		{"unmatched_sessions", "unmatched sessions", r.UnmatchedSessions, "paid, with a reference no link carries"},
		{"sessions_without_reference", "sessions without reference", r.SessionsWithoutReference, "paid, with no client_reference_id"},
		{"links_without_reference", "links without reference", r.LinksWithoutReference, "their payments cannot be attributed"},
		{"unpaid_links", "unpaid links", r.UnpaidLinks, "no paid session carries their reference"},
		{"attributed_by_reference", "attributed by reference", r.ByReference, "paid sessions a link's client_reference_id claims"},
		{"attributed_by_metadata", "attributed by metadata", r.ByMetadata, "paid sessions grouped by their utm_* metadata"},
		{"pending_sessions", "pending sessions", r.Pending, "delayed payments not through yet: not revenue"},
		{"failed_sessions", "failed sessions", r.Failed, "delayed payments that failed: not revenue"},
		{"unattributed_refunds", "unattributed refunds", r.UnattributedRefunds, "refunds of payments no group's session made"},
		{"unattributed_renewals", "unattributed renewals", r.UnattributedRenewals, "renewals of subscriptions no group's session started"},
	}
}

// jsonString is s as a JSON string. encoding/json escapes control
// characters and invalid UTF-8, and also U+2028 and U+2029; '&', '<' and
// '>' stay as they are.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// WriteCSV writes one row per group and currency: the --by values, links,
// paid, currency, amount (the gross), refunded, renewals and net, amounts
// in major units. links and paid are on the group's first row only, empty
// on its other currencies' rows, so that summing a column counts each
// session once. A group with no money has one row with no currency. Group
// values go through text, which keeps a CI log from reading a cell as a
// command, and every text cell through safe.CSVCell, which keeps a
// spreadsheet from reading it as a formula; amounts stay numbers.
func (r *Report) WriteCSV(w io.Writer, text func(string) string) error {
	cw := csv.NewWriter(w)
	header := append(slices.Clone(r.By), "links", "paid", "currency", "amount", "refunded", "renewals", "net")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range r.Groups {
		rec := make([]string, 0, len(header))
		for _, v := range row.Values {
			rec = append(rec, safe.CSVCell(text(v))) // utm_source=%3DHYPERLINK(…) is text
		}
		counts := []string{strconv.Itoa(row.Links), strconv.Itoa(row.Paid)}
		cs := r.currencies(row)
		if len(cs) == 0 {
			_ = cw.Write(append(append(rec, counts...), "", "", "", "", ""))
		}
		for i, c := range cs {
			if i == 1 {
				counts = []string{"", ""}
			}
			line := append(append(rec[:len(rec):len(rec)], counts...), safe.CSVCell(c))
			for _, m := range []map[string]int64{row.Amounts, row.Refunded, row.Renewals, row.Net} {
				line = append(line, money.Format(m[c], c))
			}
			_ = cw.Write(line)
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSummary writes the report's counts as CSV, count,value: a file of
// their own (--summary), as the report's CSV must stay one table a
// spreadsheet sums.
func (r *Report) WriteSummary(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"count", "value"})
	for _, c := range r.Counts() {
		_ = cw.Write([]string{c.Key, strconv.Itoa(c.N)})
	}
	cw.Flush()
	return cw.Error()
}
