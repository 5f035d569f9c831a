package scan

import (
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// slowReader gives its text one byte a read, each after a pause.
type slowReader struct {
	s     string
	pause time.Duration
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	time.Sleep(r.pause)
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

// TestUntilStalled: a read that never returns (a kernel file that never
// ends, here a pipe nobody writes) is given up after the limit, and the
// callback is never called again; a reader that is slow but keeps giving
// data is read to its end, however long that takes in all.
func TestUntilStalled(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	start := time.Now()
	calls := 0
	// More than the 8 KiB sniffed for binary data, so the link is read.
	head := strings.Repeat("text\n", 2000) + pl + "\n"
	err := untilStalled(io.MultiReader(strings.NewReader(head), pr), 50*time.Millisecond, func(r io.Reader) error {
		return (&Finder{}).Links(r, func(Found) error { calls++; return nil })
	})
	var stalled *StalledError
	if !errors.As(err, &stalled) || calls != 1 {
		t.Fatalf("got %v after %d links, want a *StalledError after 1", err, calls)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("given up after %s, want about 50ms", d)
	}
	// The read returns at last: nothing more is called.
	_, _ = pw.Write([]byte(pl + "?x=1\n" + pl + "?x=2\n"))
	pw.Close()
	time.Sleep(20 * time.Millisecond)
	if calls != 1 {
		t.Errorf("the given-up reading went on: %d calls", calls)
	}

	text := pl + "?a=1\n"
	var got []string
	err = untilStalled(&slowReader{text, 2 * time.Millisecond}, 30*time.Millisecond, func(r io.Reader) error {
		return (&Finder{}).Links(r, func(f Found) error { got = append(got, f.Link); return nil })
	})
	if err != nil || len(got) != 1 || got[0] != pl+"?a=1" {
		t.Errorf("slow reader: %q, %v; want the link", got, err)
	}
}

// TestUntilStalledWhole: a file read whole (File's way with a regular
// file) that is given up calls nothing more should its read return at
// last, not even for the links read before it stalled: the scan has moved
// on, and a report then would come late, out of order, from another
// goroutine.
func TestUntilStalledWhole(t *testing.T) {
	pr, pw := io.Pipe()
	var calls atomic.Int32
	head := strings.Repeat("text\n", 2000) + pl + "\n"
	err := untilStalled(io.MultiReader(strings.NewReader(head), pr), 50*time.Millisecond, func(r io.Reader) error {
		return (&Finder{}).links(r, true, 0, func(Found) error { calls.Add(1); return nil })
	})
	var stalled *StalledError
	if !errors.As(err, &stalled) || calls.Load() != 0 {
		t.Fatalf("got %v after %d links, want a *StalledError before any", err, calls.Load())
	}
	_, _ = pw.Write([]byte(pl + "?x=1\n"))
	pw.Close()
	time.Sleep(50 * time.Millisecond)
	if n := calls.Load(); n != 0 {
		t.Errorf("the given-up reading went on: %d calls", n)
	}
}
