package textin

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// The longest lines paylink reads, line ending excluded. A longer line is
// malformed input rather than a reason to grow memory without bound.
const (
	// MaxLine bounds a line of a file of links (validate -i, inspect -i,
	// reconcile) and of a scanned file: minified HTML is one long line, and
	// a link in it must not be missed because a buffer was full; but a line
	// of a gigabyte is not a page anyone wrote.
	MaxLine = 8 << 20
	// MaxRow bounds a row of a bulk build (build -i), which holds one link
	// and its values: a few KiB at most.
	MaxRow = 1 << 20
)

// LineTooLongError stops the reading of an input at a line over Max bytes.
type LineTooLongError struct{ Line, Max int }

func (e *LineTooLongError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason()) }

// Reason is the message without the line, for a caller that names the
// line its own way (FILE:LINE).
func (e *LineTooLongError) Reason() string {
	return fmt.Sprintf("longer than %d MiB, the most paylink reads on one line", e.Max>>20)
}

// EachLine calls fn with each line of br, numbered from 1, without its line
// ending ("\n" or "\r\n"), stopping at fn's first error. A line over max
// bytes stops it with a *LineTooLongError, having held no more than max+2
// bytes of it. The line fn gets is valid only during the call. A read error
// ends it; the part of a line read before the error is not passed on.
func EachLine(br *bufio.Reader, max int, fn func(n int, line []byte) error) error {
	var long []byte
	for n := 1; ; n++ {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long[:0], b...)
			for err == bufio.ErrBufferFull {
				b, err = br.ReadSlice('\n')
				if len(long)+len(b) > max+2 { // room for "\r\n"
					return &LineTooLongError{n, max}
				}
				long = appendDoubling(long, b, max+2)
			}
			b = long
		}
		if err != nil && (err != io.EOF || len(b) == 0) {
			if err == io.EOF {
				return nil
			}
			return err
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if len(b) > max {
			return &LineTooLongError{n, max}
		}
		if ferr := fn(n, b); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// appendDoubling is append that doubles the capacity when it grows, up to
// limit: append's gentler growth for large slices would allocate about five
// times a long line while reading it.
func appendDoubling(buf, b []byte, limit int) []byte {
	if need := len(buf) + len(b); need > cap(buf) {
		grown := make([]byte, len(buf), min(max(2*cap(buf), need), limit))
		copy(grown, buf)
		buf = grown
	}
	return append(buf, b...)
}

// Counter counts the lines of a stream of bytes and fails once one grows
// past Max, for readers that do not read line by line (encoding/csv): a
// file of one endless line cannot take all memory.
type Counter struct {
	Max  int
	line int // lines ended so far
	cur  int // bytes of the line being read
}

// Add counts the bytes b, which follow those added before, and returns a
// *LineTooLongError once a line is over Max.
func (c *Counter) Add(b []byte) error {
	for c.cur <= c.Max && len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			c.cur += len(b)
			break
		}
		if c.cur += i; c.cur > c.Max {
			break
		}
		c.cur, c.line, b = 0, c.line+1, b[i+1:]
	}
	if c.cur > c.Max {
		return &LineTooLongError{c.line + 1, c.Max}
	}
	return nil
}

// Line is the number of the line being read, from 1.
func (c *Counter) Line() int { return c.line + 1 }

// Limit returns a reader of r that fails with a *LineTooLongError once a
// line of r is over max bytes.
func Limit(r io.Reader, max int) io.Reader { return &limited{r: r, c: Counter{Max: max}} }

type limited struct {
	r   io.Reader
	c   Counter
	err error
}

func (l *limited) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if l.err = l.c.Add(p[:n]); l.err != nil {
		return 0, l.err
	}
	return n, err
}
