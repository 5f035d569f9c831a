package reconcile

import (
	"fmt"
	"io"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	tablepkg "github.com/paylink/paylink/internal/table"
	"github.com/paylink/paylink/internal/wrap"

	"github.com/paylink/paylink/internal/money"
)

// TableOptions shape the table.
type TableOptions struct {
	Width int                 // terminal columns the table must fit in
	Text  func(string) string // escapes a string from outside for a terminal
}

const (
	minBar   = 6  // a bar narrower than this says nothing: it is left out
	wantBar  = 12 // group values are cut to leave the bar this much room
	minValue = 10 // a long group value is cut, with '…', to no less than this
	gap      = "  "
)

// blocks draw a bar in eighths of a character: blocks[n] is n eighths.
var blocks = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"}

// WriteTable writes the report as an aligned table (internal/table), largest
// amount first, one line per group and currency (the group's values and
// counts on its first), then the counts of what could not be joined. SHARE
// is the line's part of its currency's gross, and a bar draws it, so the
// winner is seen at a glance; the table fits in opt.Width columns, each
// group stacked as a block when no table fits.
func (r *Report) WriteTable(w io.Writer, opt TableOptions) error {
	cells, right, shares := r.cells(opt.Text)
	t := &tablepkg.Table{Rows: cells[1:], BarWidths: []int{wantBar, minBar}}
	for j, h := range cells[0] {
		c := tablepkg.Column{Header: h, Right: right[j]}
		if j < len(r.By) {
			c.Min, c.Key = minValue, true
		}
		t.Columns = append(t.Columns, c)
	}
	if r.anyGross() {
		t.Bar = func(i, n int) string { return bar(shares[i], n) }
	}
	t.Stack = func(i, width int) string { return r.block(cells, i+1, width) }
	var b strings.Builder
	b.WriteString(t.String(opt.Width))
	if len(r.Groups) == 0 {
		b.WriteString("(no links)\n")
	}
	b.WriteString("\n")
	r.writeCounts(&b, opt.Width)
	_, err := io.WriteString(w, b.String())
	return err
}

// block lays out line i of cells (0 is the header) as part of a group's
// block, for a terminal too narrow for even the narrowest table: on a
// group's first line its values, cut with '…', and its counts as "NAME
// value" fields; then the currency's fields, wrapped within width under an
// indent. Numbers are never cut.
func (r *Report) block(cells [][]string, i, width int) string {
	header, row, n := cells[0], cells[i], len(r.By)
	var b strings.Builder
	fields := func(from, to int, first string) {
		line := ""
		add := func(f string) {
			if line != "" && wrap.Width(line)+len(gap)+wrap.Width(f) > width {
				b.WriteString(line + "\n")
				line = ""
			}
			if line == "" {
				line = "  " + f
			} else {
				line += gap + f
			}
		}
		if first != "" {
			add(first)
		}
		for j := from; j < to; j++ {
			add(header[j] + " " + row[j])
		}
		b.WriteString(line + "\n")
	}
	if row[n] != "" { // a group's first line
		b.WriteString(wrap.Shorten(strings.Join(row[:n], " / "), width) + "\n")
		fields(n, n+3, "")
	}
	if row[n+3] != "-" {
		fields(n+4, len(row), row[n+3])
	}
	return b.String()
}

// share is a line's gross against its currency's total.
type share struct{ part, whole int64 }

// cells are the table's header and lines as text, which columns are
// numbers (aligned right), and each line's share.
func (r *Report) cells(text func(string) string) ([][]string, []bool, []share) {
	header := []string{}
	right := []bool{}
	for _, p := range r.By {
		header = append(header, columnName(p))
		right = append(right, false)
	}
	// REFUNDED, RENEWALS and NET only when some group has a refund or a
	// renewal: without them NET is GROSS, and the table stays narrow.
	refunds, renewals := r.has(func(g Row) map[string]int64 { return g.Refunded }), r.has(func(g Row) map[string]int64 { return g.Renewals })
	amountCols := []string{"GROSS"}
	if refunds {
		amountCols = append(amountCols, "REFUNDED")
	}
	if renewals {
		amountCols = append(amountCols, "RENEWALS")
	}
	if refunds || renewals {
		amountCols = append(amountCols, "NET")
	}
	header = append(header, "LINKS", "PAID", "CONV", "CUR")
	header = append(append(header, amountCols...), "SHARE")
	right = append(right, true, true, true, false)
	for range len(amountCols) + 1 {
		right = append(right, true)
	}
	totals := r.totals()
	cells := [][]string{header}
	var shares []share
	for _, g := range r.Groups {
		first := []string{}
		for _, v := range g.Values {
			if v == "" {
				first = append(first, "(none)")
			} else {
				first = append(first, text(v))
			}
		}
		first = append(first, strconv.Itoa(g.Links), strconv.Itoa(g.Paid), percent(int64(g.Paid), int64(g.Links)))
		cs := r.currencies(g)
		if len(cs) == 0 {
			for range len(amountCols) + 2 {
				first = append(first, "-")
			}
			cells = append(cells, first)
			shares = append(shares, share{})
		}
		for i, c := range cs {
			row := first
			if i > 0 {
				row = make([]string, len(first)) // the group's values and counts once
			}
			row = append(row[:len(row):len(row)], strings.ToUpper(c))
			for _, m := range amountCols {
				row = append(row, formatOf(g, m, c))
			}
			row = append(row, percent(g.Amounts[c], totals[c]))
			cells = append(cells, row)
			shares = append(shares, share{g.Amounts[c], totals[c]})
		}
	}
	return cells, right, shares
}

// columnName is a parameter's column header: utm_source is SOURCE.
func columnName(p string) string {
	return strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(p, "utm_"), "prefilled_"))
}

// has reports whether any group has an amount in the money field of.
func (r *Report) has(of func(Row) map[string]int64) bool {
	for _, g := range r.Groups {
		if len(of(g)) > 0 {
			return true
		}
	}
	return false
}

// formatOf is the column's amount of currency c in row g.
func formatOf(g Row, column, c string) string {
	m := map[string]map[string]int64{"GROSS": g.Amounts, "REFUNDED": g.Refunded, "RENEWALS": g.Renewals, "NET": g.Net}[column]
	return money.Format(m[c], c)
}

// totals are each currency's gross over all groups; a sum beyond any real
// total saturates, and the shares are then approximate.
func (r *Report) totals() map[string]int64 {
	t := map[string]int64{}
	for _, g := range r.Groups {
		for c, v := range g.Amounts {
			sum, ok := money.Add(t[c], v)
			if !ok {
				sum = math.MaxInt64
			}
			t[c] = sum
		}
	}
	return t
}

func (r *Report) anyGross() bool {
	for _, v := range r.totals() {
		if v > 0 {
			return true
		}
	}
	return false
}

// bar draws a share in width characters, to an eighth of one.
func bar(s share, width int) string {
	eighths := scale(s.part, s.whole, uint64(width)*8)
	return strings.Repeat(blocks[8], int(eighths/8)) + blocks[eighths%8]
}

// scale is part*n/whole, rounded to the nearest, without overflowing:
// amounts go up to 2^63.
func scale(part, whole int64, n uint64) uint64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(part), n)
	lo, carry := bits.Add64(lo, uint64(whole)/2, 0)
	hi += carry
	if hi >= uint64(whole) { // the quotient would not fit: part is far above whole
		return math.MaxUint64
	}
	q, _ := bits.Div64(hi, lo, uint64(whole))
	return q
}

// percent is part/whole as a percentage with one decimal.
func percent(part, whole int64) string {
	if whole <= 0 {
		return "-"
	}
	tenths := scale(part, whole, 1000)
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}

// writeCounts writes the sessions and links that could not be joined, one
// line each. When width (if > 0) is too narrow for the lines with their
// explanations, they go, then the alignment: every line keeps its count.
func (r *Report) writeCounts(b *strings.Builder, width int) {
	counts := r.Counts()
	d, nameWidth := 1, 0
	for _, c := range counts {
		d = max(d, len(strconv.Itoa(c.N)))
		nameWidth = max(nameWidth, len(c.Name))
	}
	layouts := []func(c Count) string{
		func(c Count) string { return fmt.Sprintf("%-*s  %*d  %s", nameWidth, c.Name, d, c.N, c.What) },
		func(c Count) string { return fmt.Sprintf("%-*s  %*d", nameWidth, c.Name, d, c.N) },
		func(c Count) string { return fmt.Sprintf("%s: %d", c.Name, c.N) },
	}
	for k, layout := range layouts {
		lines := make([]string, len(counts))
		fits := true
		for i, c := range counts {
			lines[i] = layout(c)
			fits = fits && (width <= 0 || utf8.RuneCountInString(lines[i]) <= width)
		}
		if fits || k == len(layouts)-1 {
			b.WriteString(strings.Join(lines, "\n") + "\n")
			return
		}
	}
}
