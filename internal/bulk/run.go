package bulk

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"sync/atomic"

	"github.com/paylink/paylink/internal/textin"
)

// Run reads rows from in and writes them to out. It returns an *InputError
// for malformed input and an *OutputError when out fails; rows that fail to
// build are written with their error and counted in Stats, not returned.
//
// Three goroutines share the work, each owning its part of the runner: the
// reader parses rows into batches, the builder runs them through the engine,
// and the caller's goroutine writes them, with their messages and the
// progress, so out, Errors, Warnings and Progress are only ever used from
// the caller's goroutine. Batches travel in order through channels and are
// recycled, so the output keeps the input's order and memory holds a few
// batches whatever the size of the input.
//
// When ctx is cancelled Run stops writing and returns ctx's error once the
// builder has stopped: nothing is written to out, Errors or Warnings after
// it returns. The reader stops at its next read of in; a Read that never
// returns (a terminal, a silent pipe) keeps only that goroutine, which
// touches nothing of the caller's but in.
func Run(ctx context.Context, cfg *Config, in io.Reader, out io.Writer) (Stats, error) {
	if err := cfg.Check(); err != nil {
		return Stats{}, err
	}
	r := &runner{cfg: cfg, out: bufio.NewWriterSize(out, 64<<10), done: ctx.Done()}
	r.src = newSource(in, r.beforeRead)
	r.free = make(chan *batch, batches)
	for range batches {
		r.free <- &batch{}
	}
	r.cur = <-r.free
	r.parsed = make(chan *batch, 1)
	built := make(chan *batch, 1)
	go r.readAll(bufio.NewReaderSize(r.src, readBuffer))
	builderDone := make(chan struct{})
	go func() {
		defer close(builderDone)
		r.buildAll(built)
	}()
	err := r.writeAll(built)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	r.stopped.Store(true)
	<-builderDone
	return r.stats, err
}

// readAll is the reader: the header, if any, then every row, in batches.
// The last batch carries why reading stopped (nil at the end of the input).
func (r *runner) readAll(br *bufio.Reader) {
	read, err := r.start(br)
	if err == nil {
		r.send() // the output's header, written before any row arrives
		err = read()
	}
	r.cur.err, r.cur.last = err, true
	select {
	case r.parsed <- r.cur:
	case <-r.done:
	}
	close(r.parsed)
}

// runner holds the state of one run. The reader owns the batch being filled,
// the builder owns stats and presets, the writer owns out and the output
// buffers; the header fields are set before the pipeline starts. Every buffer
// is reused row after row.
type runner struct {
	cfg *Config

	// reader
	src     *source
	cr      *csv.Reader // csv input
	cur     *batch
	free    chan *batch
	parsed  chan *batch
	stopped atomic.Bool     // the writer failed or the run was cancelled: the reader gives up
	done    <-chan struct{} // closed when the run is cancelled

	// builder
	stats   Stats
	presets map[string]presetResult

	// writer
	out  *bufio.Writer
	werr error    // the first error writing out
	rec  []string // csv output record
	buf  []byte   // csv or jsonl output line
	msgs messages // the rows' warnings and, for lines output, errors

	// header, read by the reader before it sends the first batch
	outHeader []string // csv output: the header to write, nil for none
	roles     []int    // csv input: the role of each column
	header    []string // csv input: the column names
	linkCol   int      // csv input: the column that receives the link, or -1
	errCol    int      // csv input: the column that receives the error, or -1
	keys      [][]byte // csv input, jsonl output: each column name as a JSON key

	checkedKeys map[string]struct{} // reader, jsonl input: keys checked for lookalikes
}

// start reads what comes before the rows (a CSV header), writes the
// output's header, and returns the reader of the rows.
func (r *runner) start(br *bufio.Reader) (func() error, error) {
	if err := textin.Start(br); err != nil {
		return nil, &InputError{1, err.Error()}
	}
	switch r.cfg.Input {
	case CSV:
		if err := r.readHeader(br); err != nil {
			return nil, err
		}
		return func() error { return r.readCSV() }, nil
	case JSONL:
		return func() error { return r.readJSONL(br) }, nil
	}
	if r.cfg.Output == CSV {
		r.outHeader = []string{"url", linkColumn, errorColumn}
	}
	return func() error { return r.readLines(br) }, nil
}

// readBuffer is the size of the buffer the input is read through.
const readBuffer = 64 << 10

// batches is how many batches of rows are in flight: one being read, one
// being built, one being written and one waiting.
const batches = 4

// batchRows caps a batch; a batch also ends each time the input is read.
const batchRows = 1024

// batch is a run of consecutive rows.
type batch struct {
	rows   []row
	fields []string // the storage of the rows' CSV records
	err    error    // the reader stopped after these rows: malformed input or a read error
	last   bool     // no batch follows
	notes  []note   // warnings about the input found while reading these rows
	read   int64    // bytes of input read when the batch was sent, for Progress
	done   int64    // rows built up to the end of this batch, for Progress
}

// next returns the slot of the row the reader has just read whole.
func (r *runner) next(line int) *row {
	if len(r.cur.rows) == batchRows {
		r.send()
	}
	b := r.cur
	if len(b.rows) < cap(b.rows) {
		b.rows = b.rows[:len(b.rows)+1]
	} else {
		b.rows = append(b.rows, row{})
	}
	rw := &b.rows[len(b.rows)-1]
	rw.reset(line)
	return rw
}

// send passes the batch being filled on and takes a free one. Once the run
// is cancelled nothing is passed on: the batch is emptied for the reader to
// fill until it notices (at its next read of the input).
func (r *runner) send() {
	r.cur.read = r.src.read
	if r.cancelled() {
		r.cur.reset()
		return
	}
	select {
	case r.parsed <- r.cur:
	case <-r.done:
		r.cur.reset()
		return
	}
	var next *batch
	select {
	case next = <-r.free:
	case <-r.done:
		next = &batch{}
	}
	next.reset()
	r.cur = next
}

func (b *batch) reset() {
	b.rows, b.fields, b.notes, b.err, b.last = b.rows[:0], b.fields[:0], b.notes[:0], nil, false
}

// errStopped ends the reader once the output cannot be written.
var errStopped = errors.New("output failed")

// beforeRead runs before the input is read again, which may block: the rows
// read so far go down the pipeline, whose writer flushes them and shows
// progress, once per chunk of input.
func (r *runner) beforeRead(int64) error {
	if r.stopped.Load() || r.cancelled() {
		return errStopped
	}
	if len(r.cur.rows) > 0 {
		r.send()
	}
	return nil
}

// buildAll is the builder: every row of every batch through the engine. It
// stops at once when the run is cancelled, built or not.
func (r *runner) buildAll(built chan<- *batch) {
	defer close(built)
	for {
		var b *batch
		var ok bool
		select {
		case b, ok = <-r.parsed:
		case <-r.done:
			return
		}
		if !ok {
			return
		}
		for i := range b.rows {
			r.build(&b.rows[i])
		}
		b.done = r.stats.Rows
		select {
		case built <- b:
		case <-r.done:
			return
		}
	}
}

// writeAll is the writer: the built batches in order, flushed after each,
// since a batch ends where the reader went back to its input, then each
// batch's messages and the progress. It returns as soon as the run is
// cancelled, before writing another batch.
func (r *runner) writeAll(built <-chan *batch) error {
	var err error
	for first := true; ; first = false {
		var b *batch
		var ok bool
		select {
		case b, ok = <-built:
		case <-r.done:
			return nil
		}
		if !ok || r.cancelled() {
			return nil // the builder closes built early only when cancelled
		}
		if r.werr == nil {
			if first && r.outHeader != nil {
				r.writeCSV(r.outHeader)
			}
			for i := range b.rows {
				r.writeRow(&b.rows[i])
			}
			if r.flush() != nil {
				r.stopped.Store(true)
			}
		}
		r.report(b)
		if b.err != nil && err == nil {
			err = b.err
		}
		if b.last {
			break
		}
		select {
		case r.free <- b:
		default: // a cancelled reader made a batch of its own: this one goes
		}
	}
	r.msgs.finish(r.cfg)
	if r.werr != nil {
		return r.werr
	}
	return err
}

func (r *runner) cancelled() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// report writes a written batch's messages and shows the progress.
func (r *runner) report(b *batch) {
	for _, n := range b.notes {
		r.msgs.note(r.cfg, n)
	}
	for i := range b.rows {
		r.msgs.row(r.cfg, &b.rows[i])
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress(b.read, b.done)
	}
}

func (r *runner) writeRow(rw *row) {
	switch r.cfg.Input {
	case CSV:
		r.writeCSVRow(rw)
	case JSONL:
		r.writeJSONRow(rw)
	default:
		r.writeLinesRow(rw)
	}
}

func (r *runner) flush() error {
	if r.werr == nil {
		if err := r.out.Flush(); err != nil {
			r.werr = &OutputError{err}
		}
	}
	return r.werr
}

// write appends b to the output, keeping the first error.
func (r *runner) write(b []byte) {
	if _, err := r.out.Write(b); err != nil && r.werr == nil {
		r.werr = &OutputError{err}
	}
}

// OutputError is a failure to write the output.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return "writing output: " + e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }
