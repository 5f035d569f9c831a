package bulk

import (
	"bytes"
	"fmt"
	"io"
)

// MaxLine is the longest input line paylink reads, newline excluded. A longer
// one is malformed input rather than a reason to grow memory without bound.
const MaxLine = 1 << 20

// InputError is malformed input: the run stops, nothing is committed, exit 2.
type InputError struct {
	Line int // 1-based line of the input where the problem is
	Msg  string
}

func (e *InputError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// source wraps the input. It refuses lines over MaxLine, and before each read
// from the underlying reader, which may block, it calls beforeRead: that is
// where output is flushed and progress shown, once per buffered chunk instead
// of once per row, and always before waiting on a slow producer.
//
// For CSV input it also bounds a record, which a quoted field can stretch
// over any number of short lines: see limitRecord.
type source struct {
	r          io.Reader
	beforeRead func(bytesRead int64) error
	read       int64 // bytes read so far
	line       int   // number of the line being read, 1-based
	cur        int   // bytes of that line read so far
	err        error // an over-long line, returned once the bytes before it are consumed

	records  bool  // csv input: bound each record, not only each line
	recStart int64 // input offset where the record being read starts
	cut      bool  // a record ran past its bound: the input was ended there
}

func newSource(r io.Reader, beforeRead func(int64) error) *source {
	return &source{r: r, beforeRead: beforeRead, line: 1}
}

// maxRecord is the most bytes a CSV record may take, from the end of the
// record before it (so counting any blank lines in between) to its own end:
// as much as one line of MaxLine bytes and its "\r\n", however many lines a
// quoted field spreads it over.
const maxRecord = MaxLine + 2

// maxRecordRead is how far the input may be read past the start of a CSV
// record. The reader consuming the source buffers at most readBuffer bytes
// ahead of the record it parses, so reading more than this means the record
// holds over maxRecord bytes, and a record within maxRecord is never cut.
const maxRecordRead = maxRecord + readBuffer

// limitRecord starts the bound of the next CSV record at offset, the
// csv.Reader's InputOffset after the record before it (0 for the header).
func (s *source) limitRecord(offset int64) { s.records, s.recStart = true, offset }

func (s *source) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.records && s.read-s.recStart > maxRecordRead {
		// Ending the input here, rather than failing the read, lets
		// encoding/csv report the unclosed quote with the line where its
		// record starts; the runner sees cut and reports the bound.
		s.cut = true
		return 0, io.EOF
	}
	if s.beforeRead != nil {
		if err := s.beforeRead(s.read); err != nil {
			return 0, err
		}
	}
	n, err := s.r.Read(p)
	s.read += int64(n)
	if lerr := s.scan(p[:n]); lerr != nil {
		s.err = lerr
		return n, lerr
	}
	return n, err
}

// scan counts lines in b and fails when one grows past MaxLine.
func (s *source) scan(b []byte) error {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			s.cur += len(b)
			break
		}
		if s.cur += i; s.cur > MaxLine {
			break
		}
		s.cur = 0
		s.line++
		b = b[i+1:]
	}
	if s.cur > MaxLine {
		return &InputError{s.line, "longer than 1 MiB, the most paylink reads on one line"}
	}
	return nil
}
