package cmdutil

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/atomicfile"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/safe"
)

// AddResultFlags gives c, a command that prints results, -o/--output FILE
// and -q/--quiet, the same on every such command (build -i has its own,
// which mean the same). Call it once c's RunE is set: it wraps it.
//
// -o writes stdout to FILE as build -o does (internal/atomicfile): whole
// or not at all, replacing FILE once the command is done with exit 0 or
// 1 (a check that found problems still wrote its report), left as it was
// on exit 2. -q drops what goes to stderr but errors: notes, hints,
// warnings about the run, progress.
func AddResultFlags(c *cobra.Command, f *Factory) {
	streams := f.IO
	var path string
	var quiet bool
	c.Flags().StringVarP(&path, "output", "o", "", "write the output to `FILE`, replaced whole once done (untouched on exit 2)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing on stderr but errors (no notes, hints or progress)")
	run := c.RunE
	c.RunE = func(c *cobra.Command, args []string) error {
		streams.SetQuiet(quiet)
		if path == "" || path == "-" {
			return run(c, args)
		}
		if err := CheckNotInput(c, args, "output", path); err != nil {
			return err
		}
		// The config file in use, found without --config, is read too
		// (presets list -o paylink.yaml); an error finding it is the
		// command's to report.
		if src, err := f.FindConfig(c); err == nil && src.Path != "" && SameFile(path, src.Path) {
			return sameInputError("output", path, "the config file in use, "+safe.Quote(src.Path))
		}
		file, err := atomicfile.Create(path)
		if err != nil {
			return exitcode.New(exitcode.Usage, err)
		}
		restore := streams.Redirect(file, file.Files()...)
		err = run(c, args)
		restore()
		if code := CodeOf(err); code != exitcode.OK && code != exitcode.Invalid {
			file.Abort()
			return err
		}
		if cerr := file.Commit(); cerr != nil {
			return exitcode.New(exitcode.Usage, cerr)
		}
		return err
	}
}

// CodeOf is the exit code err ends the run with: the one place errors
// become exit codes, for Report and for -o, which must know whether to
// keep its file before anything is printed.
func CodeOf(err error) int {
	var (
		silent   *SilentError
		problems *ProblemsError
		usage    *UsageError
	)
	switch {
	case err == nil:
		return exitcode.OK
	case errors.As(err, &silent):
		return silent.Code
	case errors.As(err, &problems):
		return exitcode.Invalid
	case errors.As(err, &usage):
		return exitcode.Usage
	}
	if code, ok := exitcode.Of(err); ok {
		return code
	}
	return exitcode.Usage
}
