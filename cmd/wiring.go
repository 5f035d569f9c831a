package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/iostreams"
)

// What every command shares lives in cmd/cmdutil: the factory and its
// binder, errors and their exit codes, suggestions. These names let the
// commands read as before.
type (
	Factory = cmdutil.Factory
	Binding = cmdutil.Binding

	usageError    = cmdutil.UsageError
	problemsError = cmdutil.ProblemsError
	silentError   = cmdutil.SilentError
)

var (
	usageErrorf  = cmdutil.UsageErrorf
	invalid      = cmdutil.Invalid
	wrapArgs     = cmdutil.WrapArgs
	report       = cmdutil.Report
	printMessage = cmdutil.PrintMessage
	paramFlags   = cmdutil.ParamFlags
	noColor      = cmdutil.NoColor
)

// NewFactory returns the factory of a real run: the given streams and the
// process's environment.
var NewFactory = cmdutil.NewFactory

// tooManyLinks replaces cobra's "accepts at most 1 arg(s)" for build: one
// link a build; many go in a file, or to the commands that take many.
func tooManyLinks(_ *cobra.Command, args []string) error {
	if len(args) <= 1 {
		return nil
	}
	return usageErrorf("build takes one link, not %d; for many, put them in a file, one a line, and run paylink build -i FILE (or paylink validate/inspect, which take several)", len(args))
}

// The status line of long runs, and counts as people read them.
type progress = iostreams.Progress

var (
	startProgress = iostreams.StartProgress
	thousands     = iostreams.Thousands
)

// newProgress is a bulk build's status line: only on a terminal, not with
// --quiet, and for an input whose size gives the share done; not when the
// rows go to the same screen, where the line would break into them.
func newProgress(opts *BuildOptions, size int64) *progress {
	if opts.Bulk.Quiet || !opts.IO.IsStderrTTY() || size <= 0 || opts.IO.IsStdoutTTY() && (opts.Bulk.Output == "" || opts.Bulk.Output == "-") {
		return &progress{}
	}
	return startProgress(opts.IO.ErrOut, opts.IO.StderrWidth, size, time.Now)
}
