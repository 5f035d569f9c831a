package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/atomicfile"
	"github.com/paylink/paylink/internal/bulk"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/textin"
)

// BulkOptions are the flags of a bulk build, `paylink build -i FILE`.
type BulkOptions struct {
	Input       string // FILE, or "-" for stdin
	Output      string // FILE, "-" or "" for stdout
	InputFormat string // as given; "" to tell from the extension
	Quiet       bool   // no progress bar, warnings or summary unless rows failed
	Warnings    string // FILE for every warning, or ""

	in, out bulk.Format // resolved by checkBulk
}

func addBulkFlags(c *cobra.Command, o *BulkOptions) {
	f := c.Flags()
	f.StringVarP(&o.Input, "input", "i", "", "build a link for each row of `FILE` (- for stdin): csv, jsonl or lines")
	f.StringVarP(&o.Output, "output", "o", "", "with --input, write the rows to `FILE` (default stdout; not the input), replaced once all the input is read (exit 0 or 1), untouched on exit 2 or an interrupt")
	f.StringVar(&o.InputFormat, "input-format", "", "with --input, the input's `FORMAT`: csv, jsonl or lines (default: from the extension, lines for stdin)")
	cmdutil.Enum(c, "input-format", bulkFormats, cmdutil.JSON)
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "with --input, no progress bar, warnings or summary unless rows failed")
	f.StringVar(&o.Warnings, "warnings", "", "with --input, write every warning to `FILE` (stderr shows the first 5 and a count of each kind), replaced as -o is")
}

// checkBulk validates the flags of a bulk build and resolves its formats.
// It reports whether the build is a bulk one (-i given).
func checkBulk(c *cobra.Command, opts *BuildOptions, args []string) (bool, error) {
	f, o := c.Flags(), &opts.Bulk
	if !f.Changed("input") {
		for _, name := range []string{"output", "input-format", "warnings"} {
			if f.Changed(name) {
				return false, cmdutil.UsageErrorf("--%s goes with --input (-i)", name)
			}
		}
		return false, nil
	}
	switch {
	case len(args) > 0:
		return true, cmdutil.UsageErrorf("give a payment link or --input, not both")
	case o.Input == "":
		return true, cmdutil.UsageErrorf("--input: give a file, or - for stdin")
	}
	in, err := inputFormat(o)
	if err != nil {
		return true, err
	}
	o.in, o.out = in, in
	if f.Changed("format") {
		out, ok := parseBulkFormat(opts.Format)
		if !ok {
			return true, cmdutil.UsageErrorf("%v (with --input; default: the input's format)", &cmdutil.EnumError{Flag: "format", Value: opts.Format, Words: bulkFormats})
		}
		o.out = out
	}
	if o.in == "" { // a file: checked once its format is known
		return true, nil
	}
	return true, checkFormats(o)
}

// bulkFormats are the formats of a bulk build's input and output.
var bulkFormats = []string{cmdutil.CSV, cmdutil.JSONL, cmdutil.Lines}

// parseBulkFormat reads a bulk format's name. json is jsonl: with --input
// every row is one JSON object a line, the only JSON a stream of rows has.
func parseBulkFormat(name string) (bulk.Format, bool) {
	if name == "json" {
		name = "jsonl"
	}
	return bulk.ParseFormat(name)
}

// inputFormat is the format --input-format names; without it stdin is
// lines and a file goes by its extension, or "" when that says nothing: the
// first line tells, once the file is open (textin.FormatOf).
func inputFormat(o *BulkOptions) (bulk.Format, error) {
	if o.InputFormat != "" {
		in, ok := parseBulkFormat(o.InputFormat)
		if !ok {
			return "", cmdutil.UsageErrorf("--input-format %q: use csv, jsonl or lines", o.InputFormat)
		}
		return in, nil
	}
	if o.Input == "-" {
		return bulk.Lines, nil
	}
	in, _ := textin.FormatByName(o.Input)
	return in, nil
}

// resolveFormats tells the input's format from the open file when no flag
// gave it, the output's being the input's unless --format set it.
func resolveFormats(o *BulkOptions, in *textin.File) error {
	if o.in != "" {
		return nil
	}
	o.in = in.Format()
	if o.out == "" {
		o.out = o.in
	}
	return checkFormats(o)
}

func checkFormats(o *BulkOptions) error {
	if err := (&bulk.Config{Input: o.in, Output: o.out}).Check(); err != nil {
		return cmdutil.UsageErrorf("%v", err)
	}
	return nil
}

// runBulk builds a link for every row of the input. An interrupt (SIGINT,
// SIGTERM, SIGHUP) or ctx's end stops the run: the pipeline is waited for,
// then the output file, if any, is left as it was.
func runBulk(ctx context.Context, opts *BuildOptions) error {
	if err := checkDomains(opts.Domains); err != nil {
		return err
	}
	if err := checkDistinctFiles(&opts.Bulk, opts.IO.In); err != nil {
		return err
	}
	// The process's own environment, not the Factory's: the runtime read its
	// GOGC and GOMEMLIMIT from there.
	defer tuneGC(os.LookupEnv)()
	// Listening before any file is created: a signal from here on ends the
	// run through ctx, never by killing the process with a temporary file.
	ctx, stop := notifyInterrupt(ctx)
	defer stop()
	// The outputs first: a target that cannot be written is refused before
	// the input is touched (stdin may be a terminal a read would wait on).
	out, file, err := openOutput(opts)
	if err != nil {
		return err
	}
	warnings, err := openWarnings(opts)
	if err != nil {
		abort(file)
		return err
	}
	in, name, size, err := openInput(opts)
	if err != nil {
		abort(file, warnings)
		return err
	}
	defer in.Close()
	cfg := bulkConfig(opts)
	if file == nil && opts.IO.IsStdoutTTY() {
		// On a terminal the rows are a display: a cell's escape sequence
		// or a row starting "::" must not act. To a file or a pipe they
		// stay byte for byte: there they are data.
		tw := safe.NewTerminalWriter(out, cfg.Output == bulk.JSONL)
		defer tw.Flush() // rows end with a line break: nothing is left
		out = tw
	}
	var allWarnings *bufio.Writer
	if warnings != nil {
		allWarnings = bufio.NewWriterSize(warnings, 64<<10)
		cfg.AllWarnings = allWarnings
	}
	bar := newProgress(opts, size)
	cfg.Progress = bar.Update
	cfg.Errors = bar.Writer(cfg.Errors)
	if cfg.Warnings != nil {
		cfg.Warnings = bar.Writer(cfg.Warnings)
	}
	stats, err := bulk.Run(ctx, cfg, in, out)
	defer bar.Clear()
	if ctx.Err() != nil {
		bar.Clear()
		abort(file, warnings)
		return interrupted(context.Cause(ctx), opts.Bulk.Output)
	}
	if err == nil && (file != nil || warnings != nil) {
		// Syncing a large file takes a moment: say so rather than leave the
		// terminal blank.
		bar.Say("syncing the output to disk…")
	}
	if warnings != nil {
		if err == nil {
			cerr := allWarnings.Flush()
			if cerr == nil {
				cerr = warnings.Commit()
			}
			err = cerr // it names the file: "cannot write FILE: ..."
		}
		warnings.Abort() // after Commit: nothing to undo
	}
	return finishBulk(opts, name, file, bulkResult{stats, err}, bar)
}

// abort drops the outputs not committed; nil ones are skipped.
func abort(files ...*atomicfile.File) {
	for _, f := range files {
		if f != nil {
			f.Abort()
		}
	}
}

// openWarnings starts the --warnings FILE, written whole once the input is
// read, as -o is; nil without --warnings.
func openWarnings(opts *BuildOptions) (*atomicfile.File, error) {
	if opts.Bulk.Warnings == "" {
		return nil, nil
	}
	file, err := atomicfile.Create(opts.Bulk.Warnings)
	if err != nil {
		return nil, exitcode.New(exitcode.Usage, err)
	}
	return file, nil
}

// interruptSignals end a bulk run as an interrupt: exit 128 + the signal's
// number, the output file left as it was.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// interruptCause is the cause of a context ended by a signal.
type interruptCause struct{ sig os.Signal }

// Error names the signal as kill -l and the README do: Go's own names
// ("interrupt", "terminated") made "interrupted by terminated".
func (c interruptCause) Error() string {
	switch c.sig {
	case os.Interrupt:
		return "interrupted by SIGINT"
	case syscall.SIGTERM:
		return "interrupted by SIGTERM"
	case syscall.SIGHUP:
		return "interrupted by SIGHUP"
	}
	return "interrupted by " + c.sig.String()
}

// notifyInterrupt is signal.NotifyContext keeping which signal arrived (its
// cause is only a sentence), for the exit code. stop ends the listening and
// its goroutine.
func notifyInterrupt(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, interruptSignals...)
	go func() {
		select {
		case sig := <-sigs:
			cancel(interruptCause{sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		cancel(nil)
	}
}

// tuneGC sets the garbage collector for a bulk run and returns what puts it
// back. The live heap of a run is a few batches of rows, a few MB; the
// default GOGC would collect every few MB of garbage, about once per ten
// thousand rows. Collecting at 4x the live heap, capped at 48 MiB, takes a
// third of the GC work off the run and keeps the peak under the 64 MiB
// target. A GOGC or GOMEMLIMIT the user set is theirs: it is left alone.
func tuneGC(lookupEnv func(string) (string, bool)) (restore func()) {
	var undo []func()
	if _, set := lookupEnv("GOGC"); !set {
		percent := debug.SetGCPercent(400)
		undo = append(undo, func() { debug.SetGCPercent(percent) })
	}
	if _, set := lookupEnv("GOMEMLIMIT"); !set {
		limit := debug.SetMemoryLimit(48 << 20)
		undo = append(undo, func() { debug.SetMemoryLimit(limit) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
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
		Policy: opts.Policy, Preset: opts.Preset, PresetPolicy: opts.PresetPolicy,
		Errors: opts.IO.ErrOut,
	}
	if !opts.Bulk.Quiet {
		cfg.Warnings = opts.IO.ErrOut
	}
	return cfg
}

// openInput opens the input through textin (a BOM dropped, UTF-16
// refused), and returns its name for messages and, for a regular file,
// its size for the progress bar (-1 otherwise).
func openInput(opts *BuildOptions) (*textin.File, string, int64, error) {
	f, err := textin.Open(opts.Bulk.Input, opts.IO.In)
	if errors.Is(err, textin.ErrUTF16) {
		return nil, "", 0, exitcode.Errorf(exitcode.Usage, "%s: %w", inputName(opts.Bulk.Input), err)
	}
	if err != nil {
		return nil, "", 0, exitcode.New(exitcode.Usage, fileError("read the input", err, true))
	}
	if err := resolveFormats(&opts.Bulk, f); err != nil {
		f.Close()
		return nil, "", 0, err
	}
	return f, f.Name, f.Size, nil
}

// openOutput returns where rows go: stdout (through opts.IO.Out, which
// --copy may wrap) or an atomic file. A target that cannot be written (a
// folder, a socket, a missing folder) is refused here, before any input is
// read.
func openOutput(opts *BuildOptions) (io.Writer, *atomicfile.File, error) {
	if opts.Bulk.Output == "" || opts.Bulk.Output == "-" {
		return opts.IO.Out, nil, nil
	}
	file, err := atomicfile.Create(opts.Bulk.Output)
	if err != nil {
		return nil, nil, exitcode.New(exitcode.Usage, err)
	}
	return file, file, nil
}

// finishBulk commits the output of a run that read its input to the end,
// prints the summary, and maps the outcome to an exit code: 2 for malformed
// input or output that could not be written (nothing committed), 1 when a
// row failed.
func finishBulk(opts *BuildOptions, name string, file *atomicfile.File, res bulkResult, bar *iostreams.Progress) error {
	if res.err == nil && file != nil {
		res.err = file.Commit()
	}
	bar.Clear()
	if res.err != nil {
		if file != nil {
			file.Abort()
		}
		var ie *bulk.InputError
		if errors.As(res.err, &ie) {
			return exitcode.Errorf(exitcode.Usage, "%s: %w%s", name, ie, whatWasWritten(file, res.stats))
		}
		var pathErr *fs.PathError
		if errors.As(res.err, &pathErr) && pathErr.Op == "read" { // "read FILE: is a directory"
			return exitcode.New(exitcode.Usage, fileError("read the input", res.err, true))
		}
		return exitcode.New(exitcode.Usage, res.err)
	}
	s := res.stats
	if s.Failed > 0 || !opts.Bulk.Quiet {
		noun := "links"
		if s.Rows == 1 {
			noun = "link"
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s %s, %s failed\n", iostreams.Thousands(s.Rows), noun, iostreams.Thousands(s.Failed))
	}
	if s.Failed > 0 {
		return &cmdutil.SilentError{Code: exitcode.Invalid}
	}
	return nil
}

// whatWasWritten ends the message of a run stopped by malformed input: -o
// FILE is left as it was, but stdout already has the rows before the bad
// one.
func whatWasWritten(file *atomicfile.File, s bulk.Stats) string {
	switch {
	case file != nil && !file.Direct():
		return "; nothing was written"
	case s.Rows == 1:
		return "; the row before it was written"
	case s.Rows > 1:
		return "; the " + iostreams.Thousands(s.Rows) + " rows before it were written"
	}
	return ""
}

// interrupted is the error of a run stopped by a signal; the exit code is
// the shell's 128 + signal number (129 for SIGHUP, 130 for SIGINT, 143 for
// SIGTERM). A run whose context ended otherwise exits as SIGINT's does.
func interrupted(cause error, output string) error {
	code, msg := exitcode.Interrupted(int(syscall.SIGINT)), "interrupted"
	var ic interruptCause
	if errors.As(cause, &ic) {
		msg = ic.Error()
		if s, ok := ic.sig.(syscall.Signal); ok {
			code = exitcode.Interrupted(int(s))
		}
	}
	if output != "" && output != "-" {
		msg += "; " + output + " was left as it was"
	}
	return exitcode.New(code, errors.New(msg))
}

// newProgress is a bulk build's status line: only on a terminal, not with
// --quiet, and for an input whose size gives the share done; not when the
// rows go to the same screen, where the line would break into them.
func newProgress(opts *BuildOptions, size int64) *iostreams.Progress {
	if opts.Bulk.Quiet || !opts.IO.IsStderrTTY() || size <= 0 || opts.IO.IsStdoutTTY() && (opts.Bulk.Output == "" || opts.Bulk.Output == "-") {
		return &iostreams.Progress{}
	}
	return iostreams.StartProgress(opts.IO.ErrOut, opts.IO.StderrWidth, size, time.Now)
}
