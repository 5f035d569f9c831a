package bulk

import (
	"errors"
	"fmt"
	"io"

	"github.com/paylink/paylink/internal/textin"
)

// MaxLine is the longest input line paylink reads in a bulk build, newline
// excluded: textin.MaxRow, a row holding one link and its values.
const MaxLine = textin.MaxRow

// InputError is malformed input: the run stops, nothing is committed, exit 2.
type InputError struct {
	Line int // 1-based line of the input where the problem is
	Msg  string
}

func (e *InputError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// source wraps the input. It refuses lines over MaxLine (counting them with
// textin's Counter, as every reader of paylink's inputs does), and before each read
// from the underlying reader, which may block, it calls beforeRead: that is
// where output is flushed and progress shown, once per buffered chunk instead
// of once per row, and always before waiting on a slow producer.
//
// For CSV input it also bounds a record, which a quoted field can stretch
// over any number of short lines: see limitRecord.
type source struct {
	r          io.Reader
	beforeRead func(bytesRead int64) error
	read       int64          // bytes read so far
	lines      textin.Counter // the lines read so far, and how far into the last
	err        error          // an over-long line, returned once the bytes before it are consumed

	records  bool  // csv input: bound each record, not only each line
	recStart int64 // input offset where the record being read starts
	cut      bool  // a record ran past its bound: the input was ended there
}

func newSource(r io.Reader, beforeRead func(int64) error) *source {
	return &source{r: r, beforeRead: beforeRead, lines: textin.Counter{Max: MaxLine}}
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
	var long *textin.LineTooLongError
	if err := s.lines.Add(b); errors.As(err, &long) {
		return &InputError{long.Line, long.Reason()}
	}
	return nil
}
