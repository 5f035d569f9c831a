package textin

import (
	"bufio"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func eachLine(t *testing.T, in string, max int) ([]string, error) {
	t.Helper()
	var got []string
	// A 16-byte buffer: lines longer than it take the long path.
	err := EachLine(bufio.NewReaderSize(strings.NewReader(in), 16), max, func(n int, line []byte) error {
		if n != len(got)+1 {
			t.Errorf("%q: line numbered %d after %d lines", in, n, len(got))
		}
		got = append(got, string(line))
		return nil
	})
	return got, err
}

func TestEachLine(t *testing.T) {
	long := strings.Repeat("x", 40)
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\r\nb\n\nc", []string{"a", "b", "", "c"}},
		{"a\rb\n", []string{"a\rb"}}, // a lone CR is no line ending
		{long + "\r\n" + long, []string{long, long}},
	}
	for _, tt := range tests {
		got, err := eachLine(t, tt.in, 40)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("EachLine(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestEachLineTooLong(t *testing.T) {
	for _, in := range []string{
		"ok\n" + strings.Repeat("x", 41) + "\n",     // one byte over, with its line ending
		"ok\n" + strings.Repeat("x", 41),            // at the end of the input
		"ok\n" + strings.Repeat("x", 40) + "\r\r\n", // a CR inside counts
		"ok\n" + strings.Repeat("x", 1000) + "\nnever read\n",
	} {
		_, err := eachLine(t, in, 40)
		var tl *LineTooLongError
		if !errors.As(err, &tl) || tl.Line != 2 || tl.Max != 40 {
			t.Errorf("EachLine(%.20q...): %v, want line 2 too long", in, err)
		}
	}
	err := &LineTooLongError{Line: 7, Max: MaxLine}
	if want := "line 7: longer than 8 MiB, the most paylink reads on one line"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestEachLineStopsAtErrors(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := EachLine(bufio.NewReader(strings.NewReader("a\nb\nc\n")), 10, func(int, []byte) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("fn's error: %v after %d lines", err, n)
	}
	broken := errors.New("disk")
	var got []string
	err = EachLine(bufio.NewReader(io.MultiReader(strings.NewReader("a\npart"), iotest.ErrReader(broken))), 10,
		func(_ int, b []byte) error { got = append(got, string(b)); return nil })
	if err != broken || len(got) != 1 || got[0] != "a" {
		t.Errorf("read error: %v after %q; want the error after line a only", err, got)
	}
}

func TestLimit(t *testing.T) {
	r := Limit(iotest.OneByteReader(strings.NewReader("12345\n123456\n1234567\n")), 6)
	b, err := io.ReadAll(r)
	var tl *LineTooLongError
	if !errors.As(err, &tl) || tl.Line != 3 || strings.Count(string(b), "\n") != 2 {
		t.Errorf("read %q, %v; want two lines, then line 3 too long", b, err)
	}
	if b, err := io.ReadAll(Limit(strings.NewReader("123456\n\n123456"), 6)); err != nil || len(b) != 14 {
		t.Errorf("lines of exactly the limit: %q, %v", b, err)
	}
}

func TestCounterLine(t *testing.T) {
	c := Counter{Max: 10}
	for _, chunk := range []string{"ab", "c\nde", "\n\nf"} {
		if err := c.Add([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	if c.Line() != 4 {
		t.Errorf("Line() = %d, want 4 (three line endings read)", c.Line())
	}
}

// endless is a reader of n bytes of 'a' and no newline, made as it is read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= k
	return int(k), nil
}

// A line over MaxLine stops EachLine with a *LineTooLongError naming it,
// after reading about MaxLine bytes of it: memory stays flat for a line of
// a gigabyte (read here until the error, not to its end).
func TestEachLineBoundsALine(t *testing.T) {
	in := bufio.NewReader(io.MultiReader(strings.NewReader("first\n"), &endless{1 << 30}))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var lines []string
	err := EachLine(in, MaxLine, func(_ int, line []byte) error { lines = append(lines, string(line)); return nil })
	runtime.ReadMemStats(&after)
	var tl *LineTooLongError
	if !errors.As(err, &tl) || tl.Line != 2 {
		t.Fatalf("error %v, want line 2 too long", err)
	}
	if len(lines) != 1 || lines[0] != "first" {
		t.Errorf("lines %q, want only \"first\"", lines)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*MaxLine {
		t.Errorf("allocated %d MiB for a line cut at %d MiB", alloc>>20, MaxLine>>20)
	}
	// A line of exactly MaxLine bytes, with its "\r\n", is read.
	n := 0
	err = EachLine(bufio.NewReader(io.MultiReader(&endless{MaxLine}, strings.NewReader("\r\nx"))), MaxLine,
		func(_ int, line []byte) error { n += len(line); return nil })
	if err != nil || n != MaxLine+1 {
		t.Errorf("a line of MaxLine bytes: %v, %d bytes read", err, n)
	}
}
