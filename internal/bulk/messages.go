package bulk

import (
	"fmt"
	"io"
	"strconv"

	"github.com/paylink/paylink/internal/safe"
)

// ShownWarnings is how many warnings a run writes in full to
// Config.Warnings; the others are counted, grouped by what they say, and
// summed up at the end, so 300,000 sanitized rows give a few lines, not
// 300,000.
const ShownWarnings = 5

// ShownErrors is how many failed rows a run with csv or jsonl output names
// in full on Config.Errors (their error column has every message); the
// others are counted and grouped as warnings are.
const ShownErrors = 5

// maxKinds bounds the groups of warnings (and of errors): a warning's kind
// holds the names of the characters replaced and of the input's own query
// keys, so a hostile input could make every row a new kind.
const maxKinds = 64

// messages writes the rows' messages as the writer passes them: for lines
// output every failed row's problems to Errors, else the first ShownErrors
// failed rows; every warning to AllWarnings, the first ShownWarnings to
// Warnings; and, at the end, each kind of error and of warning once with
// how many rows had it.
type messages struct {
	shown    int   // warnings written in full to Warnings
	total    int64 // warnings in all
	warnings groups
	failed   int64 // failed rows, with csv or jsonl output
	named    int   // of those, named in full on Errors
	errors   groups
	buf      []byte
}

// groups counts messages by what they say, in order of their first row.
type groups struct {
	kinds  map[string]*kind
	order  []string
	others kind // past maxKinds kinds
}

type kind struct {
	rows  int64 // rows with this message
	first int   // the line of the first one
}

// row reports one row's messages.
func (m *messages) row(cfg *Config, rw *row) {
	if rw.err != "" && cfg.Errors != nil {
		if cfg.Output == Lines {
			m.lineErrors(cfg.Errors, rw)
		} else {
			m.failedRow(cfg.Errors, rw)
		}
	}
	for i, w := range rw.warns {
		m.total++
		if cfg.AllWarnings != nil {
			m.line(cfg.AllWarnings, rw.line, "warning: "+w)
		}
		if cfg.Warnings == nil {
			continue
		}
		if m.shown < ShownWarnings {
			m.shown++
			m.line(cfg.Warnings, rw.line, "warning: "+w)
		}
		m.warnings.count(rw.kinds[i], rw.line)
	}
}

// failedRow names a failed row, while fewer than ShownErrors were, and
// counts its kinds of error. The output's error column holds the message;
// this is so that a run saying "80 failed" says which and why.
func (m *messages) failedRow(w io.Writer, rw *row) {
	m.failed++
	if m.named < ShownErrors {
		m.named++
		m.line(w, rw.line, "error: "+rw.err)
	}
	for _, k := range rw.errKinds {
		m.errors.count(k, rw.line)
	}
}

// note writes a warning about the input, in full: there is one per
// column or key, not one per row, so it is neither counted nor grouped.
func (m *messages) note(cfg *Config, n note) {
	for _, w := range []io.Writer{cfg.AllWarnings, cfg.Warnings} {
		if w != nil {
			m.line(w, n.line, "warning: "+n.msg)
		}
	}
}

// lineErrors writes a failed row's problems, one a line, since lines
// output has no column for them.
func (m *messages) lineErrors(w io.Writer, rw *row) {
	if len(rw.errs) == 0 {
		m.line(w, rw.line, rw.err)
	}
	for _, e := range rw.errs {
		m.line(w, rw.line, e)
	}
}

func (m *messages) line(w io.Writer, line int, msg string) {
	b := append(m.buf[:0], "line "...)
	b = strconv.AppendInt(b, int64(line), 10)
	b = append(b, ": "...)
	b = append(b, safe.Text(msg)...)
	b = append(b, '\n')
	m.buf = b
	w.Write(b)
}

func (g *groups) count(what string, line int) {
	k, ok := g.kinds[what]
	if !ok {
		if len(g.order) == maxKinds {
			k = &g.others
		} else {
			if g.kinds == nil {
				g.kinds = map[string]*kind{}
			}
			k = &kind{first: line}
			g.kinds[what] = k
			g.order = append(g.order, what)
		}
	}
	if k.rows == 0 {
		k.first = line
	}
	k.rows++
}

// write writes each kind once, with how many rows had it and where first:
// "warning: KIND: in N rows, first at line L".
func (g *groups) write(w io.Writer, label string) {
	for _, what := range g.order {
		k := g.kinds[what]
		fmt.Fprintf(w, "%s: %s: in %s, first at line %d\n", label, safe.Text(what), rowCount(k.rows), k.first)
	}
	if g.others.rows > 0 {
		fmt.Fprintf(w, "%s: other %ss in %s, first at line %d\n", label, label, rowCount(g.others.rows), g.others.first)
	}
}

// finish writes, when some errors or warnings were not shown in full, how
// many rows had each kind and where to find every one.
func (m *messages) finish(cfg *Config) {
	if cfg.Errors != nil && m.failed > int64(m.named) {
		m.errors.write(cfg.Errors, "error")
		fmt.Fprintf(cfg.Errors, "%s failed in all, %d named in full; the output's error column has every message\n", rowCount(m.failed), m.named)
	}
	w := cfg.Warnings
	if w == nil || m.total <= int64(m.shown) {
		return
	}
	m.warnings.write(w, "warning")
	if cfg.AllWarnings == nil {
		fmt.Fprintf(w, "%s warnings in all, %d shown in full; --warnings FILE writes every one\n", Thousands(m.total), m.shown)
	}
}

func rowCount(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return Thousands(n) + " rows"
}

// Thousands writes n with comma separators: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
