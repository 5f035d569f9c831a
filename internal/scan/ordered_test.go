package scan

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestOrderedFinishesInOrder: work that ends in any order is finished in
// the order given, on the caller's goroutine, never more than running at
// once; the first finish error stops the rest.
func TestOrderedFinishesInOrder(t *testing.T) {
	q := NewOrdered(3, 5)
	var got []int
	var running, most atomic.Int32
	err := q.Run(func() error {
		for i := range 20 {
			err := q.Go(func() func() error {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(time.Duration(20-i) * time.Millisecond / 4)
				running.Add(-1)
				return func() error { got = append(got, i); return nil }
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range got {
		if n != i {
			t.Fatalf("finished in the order %v", got)
		}
	}
	if len(got) != 20 || most.Load() > 3 {
		t.Errorf("%d finished, at most %d at once; want 20 and at most 3", len(got), most.Load())
	}

	stop := errors.New("stop")
	q = NewOrdered(2, 2)
	got = nil
	var gaveAfter error
	err = q.Run(func() error {
		for i := range 10 {
			if err := q.Go(func() func() error {
				return func() error {
					got = append(got, i)
					if i == 4 {
						return stop
					}
					return nil
				}
			}); err != nil {
				gaveAfter = err
				return err
			}
		}
		return nil
	})
	if err != stop || len(got) != 5 || gaveAfter != stop {
		t.Errorf("Run = %v after finishing %v, Go said %v; want stop after 0..4, and Go to say so", err, got, gaveAfter)
	}
	err = q.Run(func() error {
		return q.Then(func() error { t.Error("finished after an error"); return nil })
	})
	if err != stop {
		t.Errorf("Run after an error = %v, want stop", err)
	}
}

// TestOrderedWindow: the work after a slow piece is read meanwhile (the
// window), and with a window of one each piece is finished before the
// next starts, as --fix needs.
func TestOrderedWindow(t *testing.T) {
	q := NewOrdered(2, 8)
	release := make(chan struct{})
	var started atomic.Int32
	err := q.Run(func() error {
		_ = q.Go(func() func() error { <-release; return func() error { return nil } })
		for range 6 {
			_ = q.Go(func() func() error { started.Add(1); return func() error { return nil } })
		}
		// The slow first piece holds up their finish, not their work.
		deadline := time.Now().Add(10 * time.Second)
		for started.Load() < 6 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		close(release)
		return nil
	})
	if err != nil || started.Load() != 6 {
		t.Errorf("Run = %v; %d of 6 pieces after a slow one ran meanwhile", err, started.Load())
	}

	q = NewOrdered(1, 1)
	var log []string
	var mu sync.Mutex
	say := func(s string) { mu.Lock(); log = append(log, s); mu.Unlock() }
	err = q.Run(func() error {
		for _, name := range []string{"a", "b", "c"} {
			_ = q.Go(func() func() error {
				say("work " + name)
				return func() error { say("finish " + name); return nil }
			})
		}
		return nil
	})
	want := []string{"work a", "finish a", "work b", "finish b", "work c", "finish c"}
	if err != nil || !slices.Equal(log, want) {
		t.Errorf("NewOrdered(1, 1): %q, %v; want %q", log, err, want)
	}
}

// TestOrderedCutFreesItsPlace: work cut short while it still waits (a read
// that never returns) gives its place to the pieces after it, however many
// are cut: more than there are goroutines to run them here.
func TestOrderedCutFreesItsPlace(t *testing.T) {
	q := NewOrdered(2, 16)
	never := make(chan struct{})
	defer close(never)
	var got []string
	ran := make(chan error, 1)
	go func() {
		ran <- q.Run(func() error {
			for i := range 4 {
				_ = q.GoCut(func(cut func(func() error)) func() error {
					cut(func() error { got = append(got, fmt.Sprint("cut ", i)); return nil })
					<-never
					return nil
				})
			}
			for i := range 3 {
				_ = q.Go(func() func() error { return func() error { got = append(got, fmt.Sprint("done ", i)); return nil } })
			}
			return nil
		})
	}()
	select {
	case err := <-ran:
		want := []string{"cut 0", "cut 1", "cut 2", "cut 3", "done 0", "done 1", "done 2"}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("finished %q, %v; want %q", got, err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the work after four pieces cut short never ran")
	}
}
