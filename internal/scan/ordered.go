package scan

import (
	"runtime"
	"sync"
	"time"
)

// Ordered runs work on several goroutines at once and finishes it in the
// order it was given: a scan reads many files at a time, yet reports them
// in the walk's order, exactly as one file after the other would. Every
// finish function runs on the goroutine that calls Go and Wait, one at a
// time, so it may print and count without locks.
type Ordered struct {
	pending []chan func() error // oldest first
	limit   int
	err     error
}

// NewOrdered returns an Ordered that runs up to limit pieces of work at
// once; limit < 1 means four for each processor Go may use: reading a
// file waits on the disk as often as it computes.
func NewOrdered(limit int) *Ordered {
	if limit < 1 {
		limit = 4 * runtime.GOMAXPROCS(0)
	}
	return &Ordered{limit: limit}
}

// Go starts work on a goroutine of its own. The function work returns is
// its finish: it runs after the finish of all work given before, on the
// caller's goroutine, during a later Go or Wait. Go first finishes the
// oldest work while limit pieces are running. It returns the first error
// of a finish; after one, nothing more is started or finished.
func (o *Ordered) Go(work func() (finish func() error)) error {
	return o.GoCut(func(func(func() error)) func() error { return work() })
}

// GoCut is Go for work that may be cut short before it returns: work is
// given cut, which it, or any goroutine it hands cut to, calls with the
// finish to run in its place. Whichever of that finish and the one work
// returns comes first is run, in its turn; the other is dropped. A read
// that never returns is given up this way (see Finder.ReadWhole).
func (o *Ordered) GoCut(work func(cut func(finish func() error)) (finish func() error)) error {
	if o.err != nil {
		return o.err
	}
	for len(o.pending) >= o.limit {
		if o.finishOldest(); o.err != nil {
			return o.err
		}
	}
	done := make(chan func() error, 1)
	o.pending = append(o.pending, done)
	var once sync.Once
	cut := func(finish func() error) { once.Do(func() { done <- finish }) }
	goReuse(func() { cut(work(cut)) })
	return nil
}

// Then queues finish to run, in order, after the work given before it,
// with no work of its own: an error met while walking is printed between
// the files before and after it.
func (o *Ordered) Then(finish func() error) error {
	return o.Go(func() func() error { return finish })
}

// Wait finishes all the work given, in order, and returns the first error
// of a finish. After an error the rest is not finished; its goroutines end
// on their own.
func (o *Ordered) Wait() error {
	for len(o.pending) > 0 && o.err == nil {
		o.finishOldest()
	}
	o.pending = nil
	return o.err
}

func (o *Ordered) finishOldest() {
	finish := <-o.pending[0]
	o.pending[0] = nil
	o.pending = o.pending[1:]
	if finish != nil {
		o.err = finish()
	}
}

// handoff passes work to a goroutine goReuse started that is idle.
var handoff = make(chan func())

// idleFor is how long such a goroutine waits for more work before it ends.
const idleFor = 100 * time.Millisecond

// goReuse runs fn on a goroutine of its own, one that ran work before when
// one is idle: a new goroutine's stack starts small and is copied as it
// grows, each time, which for one goroutine per file read took a tenth of
// a scan's time.
func goReuse(fn func()) {
	select {
	case handoff <- fn:
	default:
		go func() {
			fn()
			idle := time.NewTimer(idleFor)
			defer idle.Stop()
			for {
				select {
				case fn := <-handoff:
					fn()
					idle.Reset(idleFor)
				case <-idle.C:
					return
				}
			}
		}()
	}
}
