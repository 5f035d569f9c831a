// Package table lays out rows of text in aligned columns for a terminal,
// as links, presets, inspect and reconcile print them. Widths are display
// widths (internal/wrap, from uniseg): a CJK character or an emoji takes two
// columns, a combining accent none. A table too wide for the terminal
// narrows the columns that may be cut, wraps its last column, or, when no
// table fits, stacks each row into a block.
package table

import (
	"io"
	"slices"
	"strings"

	"github.com/paylink/paylink/internal/wrap"
)

// MaxWidth caps the width a table is laid out in, so that a $COLUMNS of
// 99999999999 cannot make a bar or a padding of that many columns.
const MaxWidth = 1000

// Gap is the space between two columns, unless Table.Gap says otherwise,
// and between two fields of a block.
const Gap = "  "

// Column describes one column.
type Column struct {
	Header string
	Right  bool // aligned right, as numbers are
	// Min, when above 0, lets the column be cut (its cells end in '…') to
	// no less than Min columns so that the table fits; the widest such
	// column is cut first.
	Min int
	// Key columns make the first line of a row's block, when the table is
	// stacked; the others follow as "HEADER value" fields.
	Key bool
}

// Table is a header and rows of cells. Cells are printed as they are:
// escape text from outside (internal/safe) before putting it in one.
type Table struct {
	Columns []Column
	Rows    [][]string
	// NoHeader leaves out the header line (a list of facts).
	NoHeader bool
	// Wrap, when above 0, wraps the last column's cells within the room
	// the others leave it, each further line under the column; the table
	// stacks into blocks when that room is below Wrap columns.
	Wrap int
	// Bar, when set, draws after the last column, without a header, a bar
	// of n columns for data row i (reconcile's share of the total). The
	// bar takes the room the table leaves, when it is at least one of
	// BarWidths (tried in order, then none); with no limit, BarWidths[0].
	Bar       func(i, n int) string
	BarWidths []int
	// Paint, when set, is the ANSI colour of a cell (row -1 is the
	// header), "" for none; the padding is never painted.
	Paint func(row, col int) string
	// Gap, when not "", is the space between two columns instead of Gap
	// (a list of "label: value" lines takes one space).
	Gap string
	// KeySep joins the key cells on a block's first line; " / " if "".
	KeySep string
	// Stack, when set, lays out data row i as a block within width
	// columns, for a command whose blocks say more than "HEADER value".
	Stack func(i, width int) string
}

// Write writes t within width columns (0 or less: no limit, one line a row).
func (t *Table) Write(w io.Writer, width int) error {
	_, err := io.WriteString(w, t.String(width))
	return err
}

// String is t laid out within width columns, as Write writes it.
func (t *Table) String(width int) string {
	if width > MaxWidth {
		width = MaxWidth
	}
	widths, bar, ok := t.fit(width)
	if !ok {
		return t.stacked(width)
	}
	var b strings.Builder
	if !t.NoHeader {
		header := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			header[i] = c.Header
		}
		t.writeRow(&b, -1, header, widths, 0)
	}
	for i, row := range t.Rows {
		t.writeRow(&b, i, row, widths, bar)
	}
	return b.String()
}

// widths are the columns' natural widths: their widest cell, header
// included.
func (t *Table) widths() []int {
	w := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		if !t.NoHeader {
			w[i] = wrap.Width(c.Header)
		}
		for _, row := range t.Rows {
			if i < len(row) {
				w[i] = max(w[i], wrap.Width(row[i]))
			}
		}
	}
	return w
}

// fit returns the column widths within width and the bar's width (0 for
// none); ok is false when no table fits and the rows must be stacked.
func (t *Table) fit(width int) (widths []int, bar int, ok bool) {
	widths = t.widths()
	if width <= 0 {
		if t.Bar != nil && len(t.BarWidths) > 0 {
			bar = t.BarWidths[0]
		}
		return widths, bar, true
	}
	if t.Bar != nil {
		for _, want := range t.BarWidths {
			if w, fits := t.narrow(widths, width-len(t.gap())-want); fits {
				return w, width - t.width(w) - len(t.gap()), true
			}
		}
	}
	if t.Wrap > 0 {
		last := len(widths) - 1
		room := width - t.width(widths[:last]) - len(t.gap())
		if room < t.Wrap {
			return nil, 0, false
		}
		widths[last] = min(widths[last], room)
		return widths, 0, true
	}
	w, fits := t.narrow(widths, width)
	return w, 0, fits
}

// narrow cuts the columns that may be cut, widest first, to no less than
// their Min, until the table fits in room; fits tells whether it does.
func (t *Table) narrow(widths []int, room int) (w []int, fits bool) {
	w = slices.Clone(widths)
	for t.width(w) > room {
		widest := -1
		for i, c := range t.Columns {
			if c.Min > 0 && w[i] > c.Min && (widest < 0 || w[i] > w[widest]) {
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

func (t *Table) gap() string {
	if t.Gap != "" {
		return t.Gap
	}
	return Gap
}

// width is the width of the table when its columns are widths wide, gaps
// included.
func (t *Table) width(widths []int) int {
	n := len(t.gap()) * max(len(widths)-1, 0)
	for _, w := range widths {
		n += w
	}
	return n
}

// writeRow writes row i (-1: the header) in columns widths wide, then its
// bar when bar > 0; the last column wraps when t.Wrap says so.
func (t *Table) writeRow(b *strings.Builder, i int, row []string, widths []int, bar int) {
	last := len(widths) - 1
	var line strings.Builder
	var more []string // the last column's further lines, when it wraps
	for j, width := range widths {
		cell := ""
		if j < len(row) {
			cell = row[j]
		}
		if j == last && t.Wrap > 0 {
			lines := wrap.Lines(cell, width)
			cell, more = lines[0], lines[1:]
		}
		cell = wrap.Shorten(cell, width)
		pad := strings.Repeat(" ", width-wrap.Width(cell))
		if t.Paint != nil {
			if code := t.Paint(i, j); code != "" {
				cell = code + cell + "\x1b[0m"
			}
		}
		if j > 0 {
			line.WriteString(t.gap())
		}
		if t.Columns[j].Right {
			line.WriteString(pad + cell)
		} else {
			line.WriteString(cell + pad)
		}
	}
	if i >= 0 && bar > 0 {
		line.WriteString(t.gap() + t.Bar(i, bar))
	}
	b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	indent := strings.Repeat(" ", t.width(widths[:last])+len(t.gap()))
	for _, l := range more {
		b.WriteString(indent + l + "\n")
	}
}

// blockIndent indents a block's fields under its first line.
const blockIndent = "  "

// stacked writes each row as a block, for a terminal too narrow for any
// table: the key cells on one line (cut to width, with '…'), then the
// other cells as "HEADER value" fields, filled into lines under an
// indent; a field wider than a line is wrapped on its own lines.
func (t *Table) stacked(width int) string {
	sep := t.KeySep
	if sep == "" {
		sep = " / "
	}
	room := max(width-len(blockIndent), 1)
	var b strings.Builder
	for i, row := range t.Rows {
		if t.Stack != nil {
			b.WriteString(t.Stack(i, width))
			continue
		}
		var keys []string
		var fields []field
		for j, c := range t.Columns {
			cell := ""
			if j < len(row) {
				cell = row[j]
			}
			if c.Key {
				keys = append(keys, cell)
			} else {
				fields = append(fields, t.paintField(i, j, c.Header, cell))
			}
		}
		b.WriteString(wrap.Shorten(strings.Join(keys, sep), width) + "\n")
		for _, line := range fill(fields, room) {
			b.WriteString(blockIndent + line + "\n")
		}
	}
	return b.String()
}

// field is a block's "HEADER value", plain for measuring and as printed.
type field struct{ plain, painted string }

// paintField is "HEADER value", its value painted as its cell would be.
func (t *Table) paintField(i, j int, header, cell string) field {
	if header != "" {
		header += " "
	}
	f := field{header + cell, header + cell}
	if t.Paint != nil {
		if code := t.Paint(i, j); code != "" {
			f.painted = header + code + cell + "\x1b[0m"
		}
	}
	return f
}

// fill puts fields on lines of at most width columns, Gap between two on a
// line; a field wider than a line is wrapped at its spaces (and unpainted:
// a colour cannot follow the breaks).
func fill(fields []field, width int) []string {
	var lines []string
	line, used := "", 0
	for _, f := range fields {
		w := wrap.Width(f.plain)
		switch {
		case line != "" && used+len(Gap)+w <= width:
			line, used = line+Gap+f.painted, used+len(Gap)+w
			continue
		case line != "":
			lines = append(lines, line)
		}
		if w <= width {
			line, used = f.painted, w
			continue
		}
		parts := wrap.Lines(f.plain, width)
		lines = append(lines, parts[:len(parts)-1]...)
		line = parts[len(parts)-1]
		used = wrap.Width(line)
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
