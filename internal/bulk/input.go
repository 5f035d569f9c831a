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
type source struct {
	r          io.Reader
	beforeRead func(bytesRead int64) error
	read       int64 // bytes read so far
	line       int   // number of the line being read, 1-based
	cur        int   // bytes of that line read so far
	err        error // an over-long line, returned once the bytes before it are consumed
}

func newSource(r io.Reader, beforeRead func(int64) error) *source {
	return &source{r: r, beforeRead: beforeRead, line: 1}
}

func (s *source) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
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
