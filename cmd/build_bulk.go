package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/bulk"
)

// BulkOptions are the flags of a bulk build, `paylink build -i FILE`.
type BulkOptions struct {
	Input       string // FILE, or "-" for stdin
	Output      string // FILE, "-" or "" for stdout
	InputFormat string // as given; "" to tell from the extension
	Quiet       bool   // no progress bar, warnings or summary unless rows failed

	in, out bulk.Format // resolved by checkBulk
}

func addBulkFlags(c *cobra.Command, o *BulkOptions) {
	f := c.Flags()
	f.StringVarP(&o.Input, "input", "i", "", "build a link for each row of `FILE` (- for stdin): csv, jsonl or lines")
	f.StringVarP(&o.Output, "output", "o", "", "with --input, write the rows to `FILE` (default stdout), replaced once all the input is read (exit 0 or 1), untouched on exit 2 or an interrupt")
	f.StringVar(&o.InputFormat, "input-format", "", "with --input, the input's `FORMAT`: csv, jsonl or lines (default: from the extension, lines for stdin)")
	f.BoolVar(&o.Quiet, "quiet", false, "with --input, no progress bar, warnings or summary unless rows failed")
}

// checkBulk validates the flags of a bulk build and resolves its formats.
// It reports whether the build is a bulk one (-i given).
func checkBulk(c *cobra.Command, opts *BuildOptions, args []string) (bool, error) {
	f, o := c.Flags(), &opts.Bulk
	if !f.Changed("input") {
		for _, name := range []string{"output", "input-format"} {
			if f.Changed(name) {
				return false, usageErrorf("--%s goes with --input (-i)", name)
			}
		}
		return false, nil
	}
	switch {
	case len(args) > 0:
		return true, usageErrorf("give a payment link or --input, not both")
	case o.Input == "":
		return true, usageErrorf("--input: give a file, or - for stdin")
	}
	in, err := inputFormat(o)
	if err != nil {
		return true, err
	}
	o.in, o.out = in, in
	if f.Changed("format") {
		out, ok := bulk.ParseFormat(opts.Format)
		if !ok {
			return true, usageErrorf("--format %q with --input: use csv, jsonl or lines (default: the input's format)", opts.Format)
		}
		o.out = out
	}
	if err := (&bulk.Config{Input: o.in, Output: o.out}).Check(); err != nil {
		return true, usageErrorf("%v", err)
	}
	return true, nil
}

func inputFormat(o *BulkOptions) (bulk.Format, error) {
	if o.InputFormat != "" {
		in, ok := bulk.ParseFormat(o.InputFormat)
		if !ok {
			return "", usageErrorf("--input-format %q: use csv, jsonl or lines", o.InputFormat)
		}
		return in, nil
	}
	if o.Input == "-" {
		return bulk.Lines, nil
	}
	in, ok := bulk.FormatOf(o.Input)
	if !ok {
		return "", usageErrorf("cannot tell the format of %s from its extension (.csv, .jsonl, .ndjson or .txt); give --input-format csv, jsonl or lines", o.Input)
	}
	return in, nil
}

// runBulk builds a link for every row of the input. An interrupt (SIGINT,
// SIGTERM, SIGHUP) abandons the run: the output file, if any, is left as it
// was.
func runBulk(opts *BuildOptions) error {
	if err := checkDomains(opts.Domains); err != nil {
		return err
	}
	defer tuneGC()()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	o := &opts.Bulk
	in, name, size, err := openInput(opts)
	if err != nil {
		return err
	}
	defer in.Close()
	out, file, err := openOutput(opts)
	if err != nil {
		return err
	}
	cfg := bulkConfig(opts)
	bar := newProgress(opts, size)
	cfg.Progress = bar.update

	done := make(chan bulkResult, 1)
	go func() {
		stats, err := bulk.Run(cfg, in, out)
		done <- bulkResult{stats, err}
	}()
	var res bulkResult
	select {
	case sig := <-sigs:
		if file != nil {
			file.Abort()
		}
		bar.clear()
		return interrupted(sig, o.Output)
	case res = <-done:
	}
	bar.clear()
	return finishBulk(opts, name, file, res)
}

// tuneGC sets the garbage collector for a bulk run and returns what puts it
// back. The live heap of a run is a few batches of rows, a few MB; the
// default GOGC would collect every few MB of garbage, about once per ten
// thousand rows. Collecting at 4x the live heap, capped at 48 MiB, takes a
// third of the GC work off the run and keeps the peak under the 64 MiB
// target.
func tuneGC() (restore func()) {
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(48 << 20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

type bulkResult struct {
	stats bulk.Stats
	err   error
}

func bulkConfig(opts *BuildOptions) *bulk.Config {
	cfg := &bulk.Config{
		Input: opts.Bulk.in, Output: opts.Bulk.out,
		Defaults: opts.Values, Options: opts.Link, Domains: opts.Domains,
		Policy: opts.Policy, Preset: opts.Preset,
		Errors: opts.IO.ErrOut,
	}
	if !opts.Bulk.Quiet {
		cfg.Warnings = opts.IO.ErrOut
	}
	return cfg
}

// openInput opens the input and returns its name for messages and, for a
// regular file, its size for the progress bar (-1 otherwise).
func openInput(opts *BuildOptions) (io.ReadCloser, string, int64, error) {
	if opts.Bulk.Input == "-" {
		return io.NopCloser(opts.IO.In), "stdin", -1, nil
	}
	f, err := os.Open(opts.Bulk.Input)
	if err != nil {
		return nil, "", 0, &exitError{exitUsage, fmt.Errorf("cannot read the input: %w", err)}
	}
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return f, opts.Bulk.Input, size, nil
}

// openOutput returns where rows go: stdout (through opts.IO.Out, which
// --copy may wrap) or an atomic file.
func openOutput(opts *BuildOptions) (io.Writer, *bulk.AtomicFile, error) {
	if opts.Bulk.Output == "" || opts.Bulk.Output == "-" {
		return opts.IO.Out, nil, nil
	}
	file, err := bulk.CreateAtomic(opts.Bulk.Output)
	if err != nil {
		return nil, nil, &exitError{exitUsage, fmt.Errorf("cannot write %s: %w", opts.Bulk.Output, err)}
	}
	return file, file, nil
}

// finishBulk commits the output of a run that read its input to the end,
// prints the summary, and maps the outcome to an exit code: 2 for malformed
// input or output that could not be written (nothing committed), 1 when a
// row failed.
func finishBulk(opts *BuildOptions, name string, file *bulk.AtomicFile, res bulkResult) error {
	if res.err == nil && file != nil {
		if err := file.Commit(); err != nil {
			res.err = fmt.Errorf("cannot write %s: %w", opts.Bulk.Output, err)
		}
	}
	if res.err != nil {
		if file != nil {
			file.Abort()
		}
		var ie *bulk.InputError
		if errors.As(res.err, &ie) {
			return &exitError{exitUsage, fmt.Errorf("%s: %w%s", name, ie, whatWasWritten(file, res.stats))}
		}
		return &exitError{exitUsage, res.err}
	}
	s := res.stats
	if s.Failed > 0 || !opts.Bulk.Quiet {
		noun := "links"
		if s.Rows == 1 {
			noun = "link"
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s %s, %s failed\n", thousands(s.Rows), noun, thousands(s.Failed))
	}
	if s.Failed > 0 {
		return &silentError{exitInvalid}
	}
	return nil
}

// whatWasWritten ends the message of a run stopped by malformed input: -o
// FILE is left as it was, but stdout already has the rows before the bad
// one.
func whatWasWritten(file *bulk.AtomicFile, s bulk.Stats) string {
	switch {
	case file != nil:
		return "; nothing was written"
	case s.Rows == 1:
		return "; the row before it was written"
	case s.Rows > 1:
		return "; the " + thousands(s.Rows) + " rows before it were written"
	}
	return ""
}

// interrupted is the error of a run stopped by a signal; the exit code is
// the shell's 128 + signal number (129 for SIGHUP, 130 for SIGINT, 143 for
// SIGTERM).
func interrupted(sig os.Signal, output string) error {
	code := 130
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	msg := "interrupted by " + sig.String()
	if output != "" && output != "-" {
		msg += "; " + output + " was left as it was"
	}
	return &exitError{code, errors.New(msg)}
}

// thousands writes n with comma separators: 12,345.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// progress draws a bar on stderr when stderr is a terminal and the input a
// regular file (its size gives the percentage); otherwise it does nothing.
type progress struct {
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
}

func newProgress(opts *BuildOptions, size int64) *progress {
	if opts.Bulk.Quiet || !opts.IO.IsStderrTTY() || size <= 0 {
		return &progress{}
	}
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(opts.IO.ErrOut),
		progressbar.OptionSetDescription("0 rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, start: time.Now()}
}

// update is called once per chunk of input, so at most a few times per
// millisecond; the row count and rate are redrawn at most ten times a second.
func (p *progress) update(bytesRead, rows int64) {
	if p.bar == nil {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		rate := float64(rows) / now.Sub(p.start).Seconds()
		p.bar.Describe(fmt.Sprintf("%s rows, %s rows/s", thousands(rows), thousands(int64(rate))))
	}
	p.bar.Set64(bytesRead)
}

func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
