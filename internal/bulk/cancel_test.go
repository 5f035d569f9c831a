package bulk

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// endlessRows is an input that never ends: a header, then rows, a chunk
// per Read.
type endlessRows struct {
	header bool
	n      int
}

func (e *endlessRows) Read(p []byte) (int, error) {
	var b []byte
	if !e.header {
		e.header = true
		b = append(b, "url,utm_campaign\n"...)
	}
	for len(b) < len(p)-100 && len(b) < 4096 {
		e.n++
		b = append(b, slug+",Spring Sale "+strconv.Itoa(e.n)+"\n"...)
	}
	return copy(p, b), nil
}

// guardedWriter fails the test when written once closed: the caller closes
// it (Abort) as soon as Run returns.
type guardedWriter struct {
	t      *testing.T
	mu     sync.Mutex
	closed bool
	n      int
	onN    int    // call onWrite once n passes onN
	onHit  func() // e.g. cancel the run midway
}

func (w *guardedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		w.t.Errorf("%d bytes written after Run returned", len(p))
		return 0, errors.New("closed")
	}
	w.n += len(p)
	if w.onHit != nil && w.n > w.onN {
		w.onHit()
		w.onHit = nil
	}
	return len(p), nil
}

func (w *guardedWriter) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}

// waitGoroutines waits until no more goroutines run than before: every
// goroutine a run started has ended.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if runtime.NumGoroutine() <= before {
			return
		}
	}
	buf := make([]byte, 1<<16)
	t.Fatalf("%d goroutines left running, %d before the run:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
}

// TestRunCancelled cancels a run midway through an input that never ends:
// Run returns the context's error, nothing reaches the output, Errors,
// Warnings or Progress after it returns, and every goroutine it started
// ends.
func TestRunCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &guardedWriter{t: t, onN: 200_000, onHit: cancel}
	warn := &guardedWriter{t: t}
	var progressAfter bool
	var returned bool
	cfg := &Config{Input: CSV, Output: Lines, Warnings: warn, AllWarnings: warn, Errors: warn,
		Progress: func(int64, int64) { progressAfter = progressAfter || returned }}
	stats, err := Run(ctx, cfg, &endlessRows{}, out)
	returned = true
	out.close()
	warn.close()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if stats.Rows == 0 {
		t.Error("no row counted before the cancel")
	}
	waitGoroutines(t, before)
	if progressAfter {
		t.Error("Progress called after Run returned")
	}
}

// TestRunCancelledWhileReadBlocks cancels a run whose input has nothing to
// read (a silent pipe): Run returns at once, and the reader ends as soon as
// its Read returns.
func TestRunCancelledWhileReadBlocks(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, f := range []Format{CSV, JSONL, Lines} {
		t.Run(string(f), func(t *testing.T) {
			inR, inW := io.Pipe()
			ctx, cancel := context.WithCancel(context.Background())
			out := &guardedWriter{t: t}
			done := make(chan error, 1)
			go func() {
				_, err := Run(ctx, &Config{Input: f, Output: f}, inR, out)
				out.close()
				done <- err
			}()
			if f == CSV {
				io.WriteString(inW, "url\n")
			}
			io.WriteString(inW, slug+"\n")
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not return after the cancel while its Read was blocked")
			}
			inW.Close() // the blocked Read returns: the reader ends
		})
	}
	waitGoroutines(t, before)
}

// TestMessagesFromCallersGoroutine runs sanitized rows with Warnings and
// Progress sharing one buffer, as the progress bar and the warnings share a
// terminal: under -race, a call from any goroutine but Run's caller is a
// data race on the buffer.
func TestMessagesFromCallersGoroutine(t *testing.T) {
	var stderr bytes.Buffer
	var in strings.Builder
	in.WriteString("url,utm_campaign\n")
	for i := range 3000 {
		in.WriteString(slug + ",Spring Sale " + strconv.Itoa(i) + "\n")
	}
	cfg := &Config{Input: CSV, Output: Lines, Warnings: &stderr, Errors: &stderr,
		Progress: func(read, rows int64) { stderr.WriteString("\rprogress " + strconv.FormatInt(rows, 10)) }}
	// A reader giving a little at a time makes many batches and many reads.
	if _, err := Run(context.Background(), cfg, &smallReads{strings.NewReader(in.String())}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "line 2: warning: utm_campaign") || !strings.Contains(stderr.String(), "progress 3000") {
		t.Errorf("stderr %q, want the first warning and the progress", stderr.String())
	}
}

type smallReads struct{ r io.Reader }

func (s *smallReads) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), 512)]) }
