package reconcile

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
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

	UnmatchedSessions        int // paid sessions whose client_reference_id no link carries
	SessionsWithoutReference int // paid sessions without a client_reference_id
	LinksWithoutReference    int // links without a client_reference_id Stripe records
	UnpaidLinks              int // links with a reference no paid session carried

	firstTotal int64 // the first currency's total, once summed; -1 before
}

// Row is one group: the values of the --by parameters, its links, its paid
// sessions and their amounts per currency, in minor units.
type Row struct {
	Values  []string
	Links   int
	Paid    int
	Amounts map[string]int64
}

// Report summarises what t counted.
func (t *Tally) Report() *Report {
	ix := t.ix
	r := &Report{
		By:                       ix.by,
		UnmatchedSessions:        t.Unmatched,
		SessionsWithoutReference: t.NoReference,
		LinksWithoutReference:    ix.NoReference,
		firstTotal:               -1,
	}
	for _, ref := range ix.refs {
		if !ref.paid {
			r.UnpaidLinks += int(ref.links)
		}
	}
	r.Currencies = slices.SortedFunc(maps.Keys(t.currency), func(a, b string) int {
		return cmp.Or(cmp.Compare(t.currency[b], t.currency[a]), cmp.Compare(a, b))
	})
	for _, g := range ix.groups {
		r.Groups = append(r.Groups, Row{Values: g.values, Links: g.links, Paid: g.paid, Amounts: g.amounts})
	}
	slices.SortFunc(r.Groups, r.compare)
	return r
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

// currencies are the row's currencies, in the report's order.
func (r *Report) currencies(row Row) []string {
	var out []string
	for _, c := range r.Currencies {
		if _, ok := row.Amounts[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// WriteJSON writes the report as one JSON document:
// {"groups":[{"group":{...},"links":N,"paid":N,"amounts":{"usd":"123.45"}}],
// "unmatched_sessions":N,"sessions_without_reference":N,
// "links_without_reference":N,"unpaid_links":N}. Keys keep the order of
// --by and of the report's currencies, so it is written by hand.
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
		b.WriteString(`},"links":` + strconv.Itoa(row.Links) + `,"paid":` + strconv.Itoa(row.Paid) + `,"amounts":{`)
		for j, c := range r.currencies(row) {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(c) + ":" + jsonString(money.Format(row.Amounts[c], c)))
		}
		b.WriteString("}}")
	}
	b.WriteString(`],"unmatched_sessions":` + strconv.Itoa(r.UnmatchedSessions) +
		`,"sessions_without_reference":` + strconv.Itoa(r.SessionsWithoutReference) +
		`,"links_without_reference":` + strconv.Itoa(r.LinksWithoutReference) +
		`,"unpaid_links":` + strconv.Itoa(r.UnpaidLinks) + "}\n")
	_, err := io.WriteString(w, b.String())
	return err
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
// paid, currency and amount (in major units). A group never paid has one
// row with no currency and no amount. Group values go through text, which
// leaves a value Stripe records as it is: a spreadsheet or a CI log reading
// the file sees no control character and no line it would run; and
// through safe.CSVCell, so a spreadsheet sees no formula.
func (r *Report) WriteCSV(w io.Writer, text func(string) string) error {
	cw := csv.NewWriter(w)
	header := append(slices.Clone(r.By), "links", "paid", "currency", "amount")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range r.Groups {
		rec := make([]string, 0, len(row.Values)+4)
		for _, v := range row.Values {
			rec = append(rec, safe.CSVCell(text(v))) // utm_source=%3DHYPERLINK(…) is text
		}
		rec = append(rec, strconv.Itoa(row.Links), strconv.Itoa(row.Paid))
		cs := r.currencies(row)
		if len(cs) == 0 {
			_ = cw.Write(append(rec, "", ""))
		}
		for _, c := range cs {
			_ = cw.Write(append(rec[:len(rec):len(rec)], safe.CSVCell(c), money.Format(row.Amounts[c], c)))
		}
	}
	cw.Flush()
	return cw.Error()
}
