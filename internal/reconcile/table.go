package reconcile

import (
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// WriteTable writes the report as an aligned table, largest amount first,
// then the sessions and links that could not be joined. The last column is
// a bar of each group's share of the first currency's total, so the winner
// is seen at a glance; the table fits in opt.Width columns.
func (r *Report) WriteTable(w io.Writer, opt TableOptions) error {
	cells, right := r.cells(opt.Text)
	widths := make([]int, len(cells[0]))
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	barWidth := r.fit(widths, opt.Width)
	if opt.Width > 0 && tableWidth(widths) > opt.Width {
		return r.writeStacked(w, cells, opt.Width)
	}
	var b strings.Builder
	for i, row := range cells {
		line := make([]string, len(row))
		for j, c := range row {
			c = cut(c, widths[j])
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c))
			if right[j] {
				line[j] = pad + c
			} else {
				line[j] = c + pad
			}
		}
		if i > 0 && barWidth > 0 {
			line = append(line, r.bar(r.Groups[i-1], barWidth))
		}
		b.WriteString(strings.TrimRight(strings.Join(line, gap), " ") + "\n")
	}
	if len(r.Groups) == 0 {
		b.WriteString("(no links)\n")
	}
	b.WriteString("\n")
	r.writeCounts(&b, opt.Width)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeStacked writes each group as a block, for a terminal too narrow for
// even the narrowest table: the group's values on one line, then its
// numbers as "NAME value" fields, wrapped within width under an indent.
// Numbers are never cut; a value line is, with '…'.
func (r *Report) writeStacked(w io.Writer, cells [][]string, width int) error {
	header, n := cells[0], len(r.By)
	var b strings.Builder
	for _, row := range cells[1:] {
		b.WriteString(cut(strings.Join(row[:n], " / "), width) + "\n")
		line := ""
		for j := n; j < len(row); j++ {
			field := header[j] + " " + row[j]
			if line != "" && utf8.RuneCountInString(line)+len(gap)+utf8.RuneCountInString(field) > width {
				b.WriteString(line + "\n")
				line = ""
			}
			if line == "" {
				line = "  " + field
			} else {
				line += gap + field
			}
		}
		b.WriteString(line + "\n")
	}
	if len(r.Groups) == 0 {
		b.WriteString("(no links)\n")
	}
	b.WriteString("\n")
	r.writeCounts(&b, width)
	_, err := io.WriteString(w, b.String())
	return err
}

// cells are the table's header and rows as text, and which columns are
// numbers (aligned right).
func (r *Report) cells(text func(string) string) ([][]string, []bool) {
	header := []string{}
	right := []bool{}
	for _, p := range r.By {
		header = append(header, columnName(p))
		right = append(right, false)
	}
	header = append(header, "LINKS", "PAID", "CONV")
	right = append(right, true, true, true)
	for _, c := range r.Currencies {
		header = append(header, strings.ToUpper(c))
		right = append(right, true)
	}
	if len(r.Currencies) > 0 {
		header = append(header, "SHARE")
		right = append(right, true)
	}
	cells := [][]string{header}
	for _, g := range r.Groups {
		row := []string{}
		for _, v := range g.Values {
			if v == "" {
				row = append(row, "(none)")
			} else {
				row = append(row, text(v))
			}
		}
		row = append(row, strconv.Itoa(g.Links), strconv.Itoa(g.Paid), percent(int64(g.Paid), int64(g.Links)))
		for _, c := range r.Currencies {
			amount, ok := g.Amounts[c]
			if ok {
				row = append(row, money.Format(amount, c))
			} else {
				row = append(row, "-")
			}
		}
		if len(r.Currencies) > 0 {
			row = append(row, percent(g.Amounts[r.Currencies[0]], r.total()))
		}
		cells = append(cells, row)
	}
	return cells, right
}

// columnName is a parameter's column header: utm_source is SOURCE.
func columnName(p string) string {
	return strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(p, "utm_"), "prefilled_"))
}

// fit narrows the group columns, longest first, so that the table fits in
// width with a bar of wantBar columns, else of minBar, else with no bar,
// and returns the width left for the bar (0 for none). Values are not cut
// for a bar that would not fit anyway.
func (r *Report) fit(widths []int, width int) int {
	if len(r.Currencies) > 0 && r.total() > 0 {
		for _, bar := range []int{wantBar, minBar} {
			if w, ok := r.narrow(widths, width-len(gap)-bar); ok {
				copy(widths, w)
				return width - tableWidth(w) - len(gap)
			}
		}
	}
	w, _ := r.narrow(widths, width)
	copy(widths, w)
	return 0
}

// narrow returns widths with the group columns cut, widest first, to no
// less than minValue, until the table fits in room; ok tells whether it does.
func (r *Report) narrow(widths []int, room int) ([]int, bool) {
	w := slices.Clone(widths)
	for tableWidth(w) > room {
		widest := -1
		for i := range r.By {
			if w[i] > minValue && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return w, false
		}
		w[widest]--
	}
	return w, true
}

func tableWidth(widths []int) int {
	n := len(gap) * (len(widths) - 1)
	for _, w := range widths {
		n += w
	}
	return n
}

// cut shortens s to n characters, the last one '…'.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

// total is the sum of the first currency's amounts over all groups.
func (r *Report) total() int64 {
	if r.firstTotal >= 0 {
		return r.firstTotal
	}
	r.firstTotal = r.sumFirst()
	return r.firstTotal
}

func (r *Report) sumFirst() int64 {
	var t int64
	for _, g := range r.Groups {
		sum, ok := money.Add(t, g.Amounts[r.Currencies[0]])
		if !ok { // beyond any real total: the shares are then approximate
			return math.MaxInt64
		}
		t = sum
	}
	return t
}

// bar draws row's share of the first currency's total in width characters,
// to an eighth of one.
func (r *Report) bar(row Row, width int) string {
	eighths := scale(row.Amounts[r.Currencies[0]], r.total(), uint64(width)*8)
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
	counts := []struct {
		name string
		n    int
		what string
	}{
		{"unmatched sessions", r.UnmatchedSessions, "paid, with a reference no link carries"},
		{"sessions without reference", r.SessionsWithoutReference, "paid, with no client_reference_id"},
		{"links without reference", r.LinksWithoutReference, "their payments cannot be attributed"},
		{"unpaid links", r.UnpaidLinks, "no paid session carries their reference"},
	}
	d := digits(counts[0].n, counts[1].n, counts[2].n, counts[3].n)
	layouts := []func(name string, n int, what string) string{
		func(name string, n int, what string) string { return fmt.Sprintf("%-26s  %*d  %s", name, d, n, what) },
		func(name string, n int, _ string) string { return fmt.Sprintf("%-26s  %*d", name, d, n) },
		func(name string, n int, _ string) string { return fmt.Sprintf("%s: %d", name, n) },
	}
	for k, layout := range layouts {
		lines := make([]string, len(counts))
		fits := true
		for i, c := range counts {
			lines[i] = layout(c.name, c.n, c.what)
			fits = fits && (width <= 0 || utf8.RuneCountInString(lines[i]) <= width)
		}
		if fits || k == len(layouts)-1 {
			b.WriteString(strings.Join(lines, "\n") + "\n")
			return
		}
	}
}

// digits is how many digits the largest of ns has.
func digits(ns ...int) int {
	w := 1
	for _, n := range ns {
		w = max(w, len(strconv.Itoa(n)))
	}
	return w
}
