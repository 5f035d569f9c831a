package scan

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestOrderedFinishesInOrder: work that ends in any order is finished in
// the order given, on the caller's goroutine, never more than limit
// running; the first finish error stops the rest.
func TestOrderedFinishesInOrder(t *testing.T) {
	q := NewOrdered(3)
	var got []int
	var running, most atomic.Int32
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
			t.Fatal(err)
		}
	}
	if err := q.Wait(); err != nil {
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
	q = NewOrdered(2)
	got = nil
	for i := range 10 {
		_ = q.Go(func() func() error {
			return func() error {
				got = append(got, i)
				if i == 4 {
					return stop
				}
				return nil
			}
		})
	}
	if err := q.Wait(); err != stop || len(got) != 5 {
		t.Errorf("Wait = %v after finishing %v; want stop after 0..4", err, got)
	}
	if err := q.Then(func() error { t.Error("finished after an error"); return nil }); err != stop {
		t.Errorf("Then after an error = %v, want stop", err)
	}
}
