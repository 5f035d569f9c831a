// Package bulk streams rows of payment links through internal/link: CSV,
// JSON Lines or plain lines in, the same rows out in the same order, each
// with its built link or the reason it failed. Memory stays flat whatever
// the size of the input, and output is flushed whenever more input is
// needed, so a reader downstream sees rows before the input ends.
package bulk

import (
	"fmt"
	"io"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/textin"
)

// Format is how rows are read and written: a CSV file, JSON Lines or one
// link a line; the formats textin tells inputs by.
type Format = textin.Format

const (
	CSV   = textin.CSV
	JSONL = textin.JSONL
	Lines = textin.Lines
)

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, bool) {
	switch f := Format(s); f {
	case CSV, JSONL, Lines:
		return f, true
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
	// PresetPolicy returns the policy of a row naming a preset that sets
	// GA4 channels of its own (they replace policy.channels); nil, or
	// false, for the run's Policy.
	PresetPolicy func(name string) (*link.Policy, bool)

	// Errors receives "line N: message" for each failed row when the output
	// is lines, which has no column to hold the message; for csv and jsonl
	// output, "line N: error: message" for the first ShownErrors failed rows,
	// then at the end one line for each kind of error with how many rows had
	// it. nil hides them.
	Errors io.Writer
	// Warnings receives "line N: warning: ..." for the first ShownWarnings
	// values rewritten by sanitizing (and other warnings about a link), then
	// at the end one line for each kind of warning with how many rows had
	// it; nil hides them.
	Warnings io.Writer
	// AllWarnings receives "line N: warning: ..." for every warning; nil for
	// none.
	AllWarnings io.Writer
	// Progress is called after each batch of rows is written, with the
	// bytes of input read and the rows done so far; nil for none. Like the
	// writers above, it is only called from Run's own goroutine.
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
