package scan

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Ordered runs work on several goroutines at once and finishes it in the
// order it was given: a scan reads many files at a time, yet reports them
// in the walk's order, exactly as one file after the other would. Work is
// given by one goroutine (see Run) while the caller's goroutine finishes
// it, so that neither waits for the other: a long file being read holds
// back the report of the files after it, not the walk nor their reading.
// Every finish function runs on the goroutine that calls Run, one at a
// time, so it may print and count without locks.
type Ordered struct {
	workers int                    // goroutines that run the work, each a piece at a time
	window  chan struct{}          // a token for each piece given and not finished
	queue   chan chan func() error // the work given, oldest first
	jobs    chan func()            // the work given and not yet started
	mu      sync.Mutex
	err     error // the first error of a finish
}

// NewOrdered returns an Ordered that runs up to running pieces of work at
// once, and lets up to window pieces be given and not yet finished.
// running < 1 means four for each processor Go may use (reading a file
// waits on the disk as often as it computes); window < 1 means 64 for each
// piece running. NewOrdered(1, 1) does one piece after the other, each
// finished before the next starts.
func NewOrdered(running, window int) *Ordered {
	if running < 1 {
		running = 4 * runtime.GOMAXPROCS(0)
	}
	if window < 1 {
		window = 64 * running
	}
	return &Ordered{workers: running, window: make(chan struct{}, window)}
}

// Run calls give on a goroutine of its own, to give work with Go, GoCut
// and Then, and meanwhile finishes that work in order, on the caller's
// goroutine, as it completes. It returns once give has returned and all
// the work it gave is finished: the first error of a finish, else give's.
// After a finish error nothing more is started or finished (Go returns
// that error, for give to stop); the goroutines of work started before
// end on their own.
//
// The work runs on a fixed set of goroutines, which take the next piece
// as soon as they are done with one: a goroutine started, or woken, for
// each file cost a scan of small files a tenth of its time.
func (o *Ordered) Run(give func() error) error {
	o.queue = make(chan chan func() error, cap(o.window))
	o.jobs = make(chan func(), cap(o.window))
	for range o.workers {
		go runJobs(o.jobs)
	}
	gave := make(chan error, 1)
	go func() {
		defer close(o.queue)
		defer close(o.jobs)
		gave <- give()
	}()
	for done := range o.queue {
		if o.failed() == nil {
			if finish := <-done; finish != nil {
				o.fail(finish())
			}
		}
		<-o.window
	}
	if err := o.failed(); err != nil {
		return err
	}
	return <-gave
}

// runJobs runs the jobs given until there are no more.
func runJobs(jobs <-chan func()) {
	for job := range jobs {
		job()
	}
}

func (o *Ordered) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

func (o *Ordered) fail(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err == nil {
		o.err = err
	}
}

// Go gives work to be run by the first of the running goroutines free,
// once fewer than window pieces wait to be finished. The function work
// returns is its finish: Run runs it after the finish of all work given
// before. Go returns the first error of a finish, having given nothing.
func (o *Ordered) Go(work func() (finish func() error)) error {
	return o.GoCut(func(func(func() error)) func() error { return work() })
}

// GoCut is Go for work that may be cut short before it returns: work is
// given cut, which it, or any goroutine it hands cut to, calls with the
// finish to run in its place. Whichever of that finish and the one work
// returns comes first is run, in its turn; the other is dropped, and a
// new goroutine takes the place of the one the work holds. A read that
// never returns is given up this way (see Finder.ReadWhole).
func (o *Ordered) GoCut(work func(cut func(finish func() error)) (finish func() error)) error {
	done, err := o.enqueue()
	if err != nil {
		return err
	}
	var once sync.Once
	var returned atomic.Bool
	jobs := o.jobs
	cut := func(finish func() error) {
		once.Do(func() {
			done <- finish
			if !returned.Load() {
				go runJobs(jobs) // in place of the one left waiting
			}
		})
	}
	jobs <- func() { // never waits: jobs holds as many as the window
		finish := work(cut)
		returned.Store(true)
		cut(finish)
	}
	return nil
}

// Then queues finish to run, in order, after the work given before it,
// with no work of its own: an error met while walking is printed between
// the files before and after it.
func (o *Ordered) Then(finish func() error) error {
	done, err := o.enqueue()
	if err == nil {
		done <- finish
	}
	return err
}

// enqueue takes a place in the window, waiting for one, and returns the
// channel that will hold the finish of the work given.
func (o *Ordered) enqueue() (chan func() error, error) {
	if err := o.failed(); err != nil {
		return nil, err
	}
	o.window <- struct{}{} // Run frees it, also after an error
	if err := o.failed(); err != nil {
		<-o.window
		return nil, err
	}
	done := make(chan func() error, 1)
	o.queue <- done // never waits: the queue holds as many as the window
	return done, nil
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
