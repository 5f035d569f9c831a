// Package bulk streams rows of payment links through internal/link: CSV,
// JSON Lines or plain lines in, the same rows out in the same order, each
// with its built link or the reason it failed. Memory stays flat whatever
// the size of the input, and output is flushed whenever more input is
// needed, so a reader downstream sees rows before the input ends.
package bulk

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// Format is how rows are written: a CSV file, JSON Lines or one link a line.
type Format string

const (
	CSV   Format = "csv"
	JSONL Format = "jsonl"
	Lines Format = "lines"
)

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, bool) {
	switch f := Format(s); f {
	case CSV, JSONL, Lines:
		return f, true
	}
	return "", false
}

// FormatOf tells an input's format from its file extension.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	case ".txt":
		return Lines, true
	}
	return "", false
}

// PresetColumn is the column (or JSON key) naming a row's preset.
const PresetColumn = "preset"

// Config is one bulk run.
type Config struct {
	Input, Output Format

	// Defaults are the values of every row (flags and --preset); a row's
	// preset column overrides them, and the row's own cells override both.
	Defaults link.Values
	Options  link.Options
	Domains  []string
	// Policy is the team's naming policy; every built link must pass it.
	Policy *link.Policy
	// Preset returns the values of a named preset; nil when there is no
	// configuration, which makes a row naming a preset fail.
	Preset func(name string) (link.Values, error)

	// Errors receives "line N: message" for each failed row when the output
	// is lines, which has no column to hold the message.
	Errors io.Writer
	// Warnings receives "line N: warning: ..." for each value rewritten by
	// sanitizing; nil hides them.
	Warnings io.Writer
	// Progress is called once per chunk of input read, with the bytes read
	// and rows done so far; nil for none.
	Progress func(bytesRead, rows int64)
}

// Check refuses a combination of formats that cannot be written.
func (c *Config) Check() error {
	if c.Output == CSV && c.Input == JSONL {
		return fmt.Errorf("JSON Lines objects have no fixed columns to write as CSV; use --format jsonl or lines")
	}
	return nil
}

// Stats counts the rows of a run.
type Stats struct {
	Rows   int64 // rows read and written
	Failed int64 // rows written with an error instead of a link
}

// Run reads rows from in and writes them to out. It returns an *InputError
// for malformed input; rows that fail to build are written with their error
// and counted in Stats, not returned.
func Run(cfg *Config, in io.Reader, out io.Writer) (Stats, error) {
	if err := cfg.Check(); err != nil {
		return Stats{}, err
	}
	r := &runner{cfg: cfg, out: bufio.NewWriterSize(out, 64<<10)}
	src := newSource(in, r.beforeRead)
	br := bufio.NewReaderSize(src, 64<<10)
	var err error
	switch cfg.Input {
	case CSV:
		err = r.readCSV(br)
	case JSONL:
		err = r.readJSONL(br)
	default:
		err = r.readLines(br)
	}
	if err == nil {
		err = r.flush()
	}
	return r.stats, err
}

// runner holds the state of one run; every buffer in it is reused row after
// row.
type runner struct {
	cfg     *Config
	out     *bufio.Writer
	stats   Stats
	presets map[string]presetResult
	werr    error // the first error writing out

	header  []string // csv input: the column names
	linkCol int      // csv input: the column that receives the link, or -1
	errCol  int      // csv input: the column that receives the error, or -1
	keys    [][]byte // csv input, jsonl output: each column name as a JSON key
	cw      *csv.Writer
	rec     []string // csv output record
	buf     []byte   // jsonl output line
}

// beforeRead flushes the rows written so far and shows progress, before the
// input is read again (and may block).
func (r *runner) beforeRead(bytesRead int64) error {
	if err := r.flush(); err != nil {
		return err
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress(bytesRead, r.stats.Rows)
	}
	return nil
}

func (r *runner) flush() error {
	if r.werr == nil {
		if err := r.out.Flush(); err != nil {
			r.werr = &OutputError{err}
		}
	}
	return r.werr
}

// OutputError is a failure to write the output.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return "writing output: " + e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }

// write appends b to the output, keeping the first error.
func (r *runner) write(b []byte) {
	if _, err := r.out.Write(b); err != nil && r.werr == nil {
		r.werr = &OutputError{err}
	}
}
