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

// maxKinds bounds the groups of warnings: a warning's kind holds the names
// of the characters replaced and of the input's own query keys, so a hostile
// input could make every row a new kind.
const maxKinds = 64

// messages writes the rows' messages as the writer passes them: for lines
// output every failed row's problems to Errors, every warning to
// AllWarnings, the first ShownWarnings to Warnings and, at the end, each
// kind of warning once with how many rows had it.
type messages struct {
	shown  int              // warnings written in full to Warnings
	total  int64            // warnings in all
	kinds  map[string]*kind // by what the warning says
	order  []string         // kinds in order of their first row
	others kind             // warnings past maxKinds kinds
	buf    []byte
}

type kind struct {
	rows  int64 // rows with this warning
	first int   // the line of the first one
}

// row reports one row's messages.
func (m *messages) row(cfg *Config, rw *row) {
	if rw.err != "" && cfg.Output == Lines && cfg.Errors != nil {
		m.errors(cfg.Errors, rw)
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
		m.count(rw.kinds[i], rw.line)
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

// errors writes a failed row's problems, one a line, since lines output has
// no column for them.
func (m *messages) errors(w io.Writer, rw *row) {
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

func (m *messages) count(what string, line int) {
	k, ok := m.kinds[what]
	if !ok {
		if len(m.order) == maxKinds {
			k = &m.others
		} else {
			if m.kinds == nil {
				m.kinds = map[string]*kind{}
			}
			k = &kind{first: line}
			m.kinds[what] = k
			m.order = append(m.order, what)
		}
	}
	if k.rows == 0 {
		k.first = line
	}
	k.rows++
}

// finish writes, when some warnings were not shown in full, how many rows
// had each kind of warning and where to find every one.
func (m *messages) finish(cfg *Config) {
	w := cfg.Warnings
	if w == nil || m.total <= int64(m.shown) {
		return
	}
	for _, what := range m.order {
		k := m.kinds[what]
		fmt.Fprintf(w, "warning: %s: in %s, first at line %d\n", safe.Text(what), rowCount(k.rows), k.first)
	}
	if m.others.rows > 0 {
		fmt.Fprintf(w, "warning: other warnings in %s, first at line %d\n", rowCount(m.others.rows), m.others.first)
	}
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
