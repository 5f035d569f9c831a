package bulk

import (
	"bufio"
	"bytes"
	"errors"

	"github.com/paylink/paylink/internal/textin"
)

// eachLine calls fn with every line of in and its number, until the input
// ends (nil) or fn or the reader fails. The line is valid only during fn.
func eachLine(in *bufio.Reader, fn func(n int, line []byte) error) error {
	err := textin.EachLine(in, MaxLine, fn)
	var long *textin.LineTooLongError
	if errors.As(err, &long) { // seen here before the source saw it
		return &InputError{long.Line, long.Reason()}
	}
	return err
}

// readLines is the reader of lines input: one payment link a line. A blank
// line, or a comment (a line whose first byte after any white space is '#',
// as validate -i reads it), is no row; lines output keeps it as an empty
// line, so output line N is input line N.
func (r *runner) readLines(in *bufio.Reader) error {
	return eachLine(in, func(n int, b []byte) error {
		if t := bytes.TrimSpace(b); len(t) == 0 || t[0] == '#' {
			if r.cfg.Output == Lines {
				r.next(n).blank = true
			}
			return nil
		}
		r.next(n).url = string(b)
		return nil
	})
}

// writeLinesRow writes a row read from lines in the output format.
func (r *runner) writeLinesRow(rw *row) {
	switch r.cfg.Output {
	case CSV:
		r.rec = append(r.rec[:0], rw.url, rw.link, rw.err)
		r.writeCSV(r.rec)
	case JSONL:
		b := append(r.buf[:0], `{"url":`...)
		b = appendJSONString(b, rw.url)
		b = r.appendResult(b, true, true, true, rw)
		r.buf = b
		r.write(b)
	default:
		r.writeLink(rw)
	}
}

// writeLink writes the row's link, or an empty line for a failed row.
func (r *runner) writeLink(rw *row) {
	r.out.WriteString(rw.link)
	if err := r.out.WriteByte('\n'); err != nil && r.werr == nil {
		r.werr = &OutputError{err}
	}
}
