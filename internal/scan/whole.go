package scan

import (
	"io"
	"sync"
	"time"
)

// ReadWhole finds the payment links in the file at path as File does (as
// FolderFile does when inFolder), when it is a regular file of at most
// WholeFileLimit bytes; read is false, and nothing was read, for any other
// file or one that cannot be opened: File then streams it, or says why it
// cannot be read. It costs a scan of many small files fewer system calls
// than File: one fstat tells regular-ness and size, and the file system is
// looked up once per device, not per file.
//
// The read runs on the caller's goroutine, watched with every other read
// in flight by one shared watchdog: when a read waits longer than
// StallAfter, stalled is called, on the watchdog's goroutine, with a
// *StalledError, and should the read ever return, ReadWhole calls fn no
// more and returns that error too.
func (f Finder) ReadWhole(path string, inFolder bool, stalled func(error), fn func(Found) error) (read bool, err error) {
	fh, size, fits, err := openWhole(path)
	if err != nil {
		return false, nil
	}
	defer fh.Close()
	if !fits {
		return false, nil
	}
	if inFolder && fh.onPseudoFS() {
		return true, ErrPseudoFS
	}
	f.Syntax, f.fence, f.raw = SyntaxOf(path), "", ""
	limit := StallAfter
	w := watch(fh, limit, func() { stalled(&StalledError{limit}) })
	defer unwatch(w)
	if err := f.links(w, true, size, fn); err != nil {
		if w.isGivenUp() {
			return true, &StalledError{limit}
		}
		return true, err
	}
	return true, nil
}

// wholeFile is a file ReadWhole opened.
type wholeFile interface {
	io.Reader
	Close() error
	onPseudoFS() bool // on a kernel pseudo file system (see FolderFile)
}

// watchdog is the one goroutine that watches every read in flight, and
// the reads it watches. It ends when it finds none left at a tick, and
// starts again with the next read watched.
var watchdog struct {
	mu      sync.Mutex
	reads   map[*watchedReader]struct{}
	running bool
	tick    time.Duration // how long it sleeps now
	wake    chan struct{} // cuts that sleep short, for a read with a shorter limit
}

// watch returns r watched: when one of its reads waits longer than
// limit, onStall is called once, on the watchdog's goroutine, and the
// reader returns errGivenUp from then on.
func watch(r io.Reader, limit time.Duration, onStall func()) *watchedReader {
	w := &watchedReader{r: r, limit: limit, onStall: onStall}
	watchdog.mu.Lock()
	defer watchdog.mu.Unlock()
	if watchdog.reads == nil {
		watchdog.reads = map[*watchedReader]struct{}{}
	}
	watchdog.reads[w] = struct{}{}
	switch {
	case !watchdog.running:
		watchdog.running, watchdog.tick = true, tickFor(limit)
		watchdog.wake = make(chan struct{}, 1)
		go watchReads(watchdog.wake)
	case tickFor(limit) < watchdog.tick:
		select {
		case watchdog.wake <- struct{}{}:
		default: // woken already
		}
	}
	return w
}

// unwatch stops watching w, once its reading is over.
func unwatch(w *watchedReader) {
	watchdog.mu.Lock()
	delete(watchdog.reads, w)
	watchdog.mu.Unlock()
}

// watchReads is the watchdog: every quarter of the shortest limit of the
// reads it watches, it gives up those waiting longer than their limit.
func watchReads(wake chan struct{}) {
	sleep := time.NewTimer(time.Hour)
	defer sleep.Stop()
	for {
		wait, ok := nextTick()
		if !ok {
			return
		}
		sleep.Reset(wait)
		select {
		case <-sleep.C:
		case <-wake:
		}
		for _, w := range giveUpStalled(time.Now()) {
			w.onStall()
		}
	}
}

// nextTick is how long the watchdog sleeps next, and false when it has
// nothing to watch, having stopped.
func nextTick() (time.Duration, bool) {
	watchdog.mu.Lock()
	defer watchdog.mu.Unlock()
	if len(watchdog.reads) == 0 {
		watchdog.running = false
		return 0, false
	}
	wait := time.Duration(-1)
	for w := range watchdog.reads {
		if t := tickFor(w.limit); wait < 0 || t < wait {
			wait = t
		}
	}
	watchdog.tick = wait
	return wait, true
}

// tickFor is how often the watchdog looks at a read with limit.
func tickFor(limit time.Duration) time.Duration {
	return max(limit/4, time.Millisecond)
}

// giveUpStalled gives up, and stops watching, the reads that have waited
// longer than their limit at now.
func giveUpStalled(now time.Time) []*watchedReader {
	watchdog.mu.Lock()
	defer watchdog.mu.Unlock()
	var stalled []*watchedReader
	for w := range watchdog.reads {
		if w.giveUpIfWaiting(now, w.limit) {
			delete(watchdog.reads, w)
			stalled = append(stalled, w)
		}
	}
	return stalled
}
