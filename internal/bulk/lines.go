package bulk

import (
	"bufio"
	"bytes"
	"io"
)

// lineReader reads lines of any length up to MaxLine (which the source
// enforces), reusing one buffer for the rare line longer than the reader's.
type lineReader struct {
	br   *bufio.Reader
	long []byte
	n    int // number of the last line read
}

// next returns the next line without its "\n" or "\r\n", valid until the
// following call, or io.EOF.
func (lr *lineReader) next() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		lr.long = append(lr.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = lr.br.ReadSlice('\n')
			lr.long = append(lr.long, b...)
		}
		b = lr.long
	}
	if err != nil && (err != io.EOF || len(b) == 0) {
		return nil, err
	}
	lr.n++
	if lr.n == 1 {
		b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r")), nil
}

// eachLine calls fn with every line of in and its number, until the input
// ends (nil) or fn or the reader fails. The line is valid only during fn.
func eachLine(in *bufio.Reader, fn func(n int, line []byte) error) error {
	lr := lineReader{br: in}
	for {
		b, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(lr.n, b); err != nil {
			return err
		}
	}
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
