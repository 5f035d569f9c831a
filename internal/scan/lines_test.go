package scan

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// endless is a reader of n bytes of 'a' and no newline, made as it is read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := int64(len(p))
	k = min(k, e.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= k
	return int(k), nil
}

// A line over MaxLine stops Lines with a *LineTooLongError naming it, after
// reading about MaxLine bytes of it: memory stays flat for a line of a
// gigabyte (read here until the error, not to its end).
func TestLinesBoundsALine(t *testing.T) {
	in := io.MultiReader(strings.NewReader("first\n"), &endless{1 << 30})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var lines []string
	err := Lines(in, func(_ int, line string) error { lines = append(lines, line); return nil })
	runtime.ReadMemStats(&after)
	var tl *LineTooLongError
	if !errors.As(err, &tl) || tl.Line != 2 {
		t.Fatalf("error %v, want line 2 too long", err)
	}
	if want := "line 2 is longer than 8 MiB; paylink reads no further (is this a text file?)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if len(lines) != 1 || lines[0] != "first" {
		t.Errorf("lines %q, want only \"first\"", lines)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*MaxLine {
		t.Errorf("allocated %d MiB for a line cut at %d MiB", alloc>>20, MaxLine>>20)
	}
	// A line of exactly MaxLine bytes, with its "\r\n", is read.
	n := 0
	err = Lines(io.MultiReader(&endless{MaxLine}, strings.NewReader("\r\nx")), func(_ int, line string) error { n += len(line); return nil })
	if err != nil || n != MaxLine+1 {
		t.Errorf("a line of MaxLine bytes: %v, %d bytes read", err, n)
	}
}
