package scan

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReadWhole: a regular file that fits is read whole and its links
// found; a file of a kernel pseudo file system is skipped in a folder and
// read when named; anything else (a folder, a file too long to hold, one
// that cannot be opened) is left unread for File to stream or explain.
func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	if err := os.WriteFile(page, []byte("text\n"+pl+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var lines []int
	read, err := (Finder{}).ReadWhole(page, true, nil, func(f Found) error { lines = append(lines, f.Line); return nil })
	if !read || err != nil || len(lines) != 1 || lines[0] != 2 {
		t.Errorf("ReadWhole(page.md) = %v, %v, links on lines %v; want read, nil, [2]", read, err, lines)
	}
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(long, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(long, WholeFileLimit+1); err != nil {
		t.Fatal(err)
	}
	none := func(Found) error { t.Error("a link in a file not read"); return nil }
	for _, p := range []string{dir, long, filepath.Join(dir, "missing")} {
		if read, err := (Finder{}).ReadWhole(p, true, nil, none); read || err != nil {
			t.Errorf("ReadWhole(%s) = %v, %v; want not read, nil", p, read, err)
		}
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Logf("no procfs: %v", err)
		return
	}
	if read, err := (Finder{}).ReadWhole("/proc/self/status", true, nil, none); !read || !errors.Is(err, ErrPseudoFS) {
		t.Errorf("ReadWhole(/proc/self/status) in a folder = %v, %v; want read, ErrPseudoFS", read, err)
	}
	if read, err := (Finder{}).ReadWhole("/proc/self/status", false, nil, none); !read || err != nil {
		t.Errorf("ReadWhole(/proc/self/status) named = %v, %v; want read, nil", read, err)
	}
}

// TestWatchGivesUpStalledRead: the shared watchdog calls onStall for a
// read that waits past its limit, once, and the reader returns nothing
// more when that read ends at last; a read that keeps going is left be.
func TestWatchGivesUpStalledRead(t *testing.T) {
	pr, pw := io.Pipe()
	stalled := make(chan bool, 2)
	w := watch(pr, 30*time.Millisecond, func() { stalled <- true })
	ok := watch(&slowReader{pl + "\n", time.Millisecond}, 30*time.Millisecond, func() { stalled <- false })
	got := make(chan error, 1)
	go func() { _, err := w.Read(make([]byte, 8)); got <- err }()
	if _, err := io.ReadAll(ok); err != nil {
		t.Fatal(err)
	}
	unwatch(ok)
	select {
	case s := <-stalled:
		if !s {
			t.Fatal("the read that kept going was given up")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the stalled read was not given up")
	}
	_, _ = pw.Write([]byte("late"))
	if err := <-got; !errors.Is(err, errGivenUp) {
		t.Errorf("the stalled read ended with %v, want errGivenUp", err)
	}
	time.Sleep(100 * time.Millisecond)
	if len(stalled) != 0 {
		t.Error("onStall called more than once")
	}
}

// TestOrderedGoCut: work cut short is finished, in its turn, with the
// finish given to cut; the finish it returns later is dropped.
func TestOrderedGoCut(t *testing.T) {
	q := NewOrdered(1, 2)
	var got []string
	release := make(chan struct{})
	returned := make(chan struct{})
	err := q.Run(func() error {
		_ = q.GoCut(func(cut func(func() error)) func() error {
			cut(func() error { got = append(got, "cut"); return nil })
			<-release
			defer close(returned)
			return func() error { got = append(got, "late"); return nil }
		})
		// With one piece running at a time, this starts only because the
		// cut one no longer counts as running.
		return q.Go(func() func() error { return func() error { got = append(got, "next"); return nil } })
	})
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	<-returned
	if len(got) != 2 || got[0] != "cut" || got[1] != "next" {
		t.Errorf("finished %q, want [cut next]", got)
	}
}
