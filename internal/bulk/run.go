package bulk

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"sync/atomic"
)

// Run reads rows from in and writes them to out. It returns an *InputError
// for malformed input and an *OutputError when out fails; rows that fail to
// build are written with their error and counted in Stats, not returned.
//
// Three goroutines share the work, each owning its part of the runner: the
// reader parses rows into batches, the builder runs them through the engine,
// and the caller's goroutine writes them. Batches travel in order through
// channels and are recycled, so the output keeps the input's order and
// memory holds a few batches whatever the size of the input.
func Run(cfg *Config, in io.Reader, out io.Writer) (Stats, error) {
	if err := cfg.Check(); err != nil {
		return Stats{}, err
	}
	r := &runner{cfg: cfg, out: bufio.NewWriterSize(out, 64<<10)}
	r.src = newSource(in, r.beforeRead)
	br := bufio.NewReaderSize(r.src, readBuffer)
	read, err := r.start(br) // the header, if any, before the pipeline
	if err == nil {
		err = r.flush()
	}
	if err != nil {
		return r.stats, err
	}
	r.free = make(chan *batch, batches)
	for range batches {
		r.free <- &batch{}
	}
	r.cur = <-r.free
	r.parsed = make(chan *batch, 1)
	built := make(chan *batch, 1)
	r.piping = true
	go func() {
		err := read()
		r.cur.err, r.cur.last = err, true
		r.parsed <- r.cur
		close(r.parsed)
	}()
	go r.buildAll(built)
	err = r.writeAll(built)
	return r.stats, err
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
	piping  bool        // the rows are being read: the pipeline is running
	stopped atomic.Bool // the writer failed: the reader gives up

	// builder
	stats   Stats
	rows    atomic.Int64 // stats.Rows, for the progress bar
	presets map[string]presetResult

	// writer
	out  *bufio.Writer
	werr error    // the first error writing out
	rec  []string // csv output record
	buf  []byte   // csv or jsonl output line

	// header, read before the pipeline starts
	roles   []int    // csv input: the role of each column
	header  []string // csv input: the column names
	linkCol int      // csv input: the column that receives the link, or -1
	errCol  int      // csv input: the column that receives the error, or -1
	keys    [][]byte // csv input, jsonl output: each column name as a JSON key
}

// start reads what comes before the rows (a CSV header), writes the
// output's header, and returns the reader of the rows.
func (r *runner) start(br *bufio.Reader) (func() error, error) {
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
		r.writeCSV([]string{"url", linkColumn, errorColumn})
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

// send passes the batch being filled on and takes a free one.
func (r *runner) send() {
	r.parsed <- r.cur
	next := <-r.free
	next.rows, next.fields, next.err, next.last = next.rows[:0], next.fields[:0], nil, false
	r.cur = next
}

// errStopped ends the reader once the output cannot be written.
var errStopped = errors.New("output failed")

// beforeRead runs before the input is read again, which may block: the rows
// read so far go down the pipeline, whose writer flushes them. It also shows
// progress, once per chunk of input.
func (r *runner) beforeRead(bytesRead int64) error {
	if r.stopped.Load() {
		return errStopped
	}
	if r.piping && len(r.cur.rows) > 0 {
		r.send()
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress(bytesRead, r.rows.Load())
	}
	return nil
}

// buildAll is the builder: every row of every batch through the engine.
func (r *runner) buildAll(built chan<- *batch) {
	for b := range r.parsed {
		for i := range b.rows {
			r.build(&b.rows[i])
		}
		r.rows.Store(r.stats.Rows)
		built <- b
	}
	close(built)
}

// writeAll is the writer: the built batches in order, flushed after each,
// since a batch ends where the reader went back to its input.
func (r *runner) writeAll(built <-chan *batch) error {
	var err error
	for b := range built {
		if r.werr == nil {
			for i := range b.rows {
				r.writeRow(&b.rows[i])
			}
			if r.flush() != nil {
				r.stopped.Store(true)
			}
		}
		if b.err != nil && err == nil {
			err = b.err
		}
		if !b.last {
			r.free <- b
		}
	}
	if r.werr != nil {
		return r.werr
	}
	return err
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
