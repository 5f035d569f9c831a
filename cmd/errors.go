package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/exitcode"
)

// usageError is a mistake in how the command was called. It is the only
// error printed with a usage hint.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// invalid wraps errors about links or values: exit 1.
func invalid(err error) error { return exitcode.New(exitcode.Invalid, err) }

// problemsError is several invalid values at once: one line each, exit 1.
type problemsError struct{ errs []error }

func (e *problemsError) Error() string {
	lines := make([]string, len(e.errs))
	for i, err := range e.errs {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// silentError exits with a code after the command already reported why.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// report prints err on w, once, and returns the exit code it maps to. This is
// the only place where errors become exit codes.
func report(w io.Writer, c *cobra.Command, err error) int {
	var (
		usage    *usageError
		problems *problemsError
		silent   *silentError
	)
	switch {
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &problems):
		for _, e := range problems.errs {
			printMessage(w, "error", e)
		}
		return exitcode.Invalid
	}
	// Every message, whatever carries it, goes through printMessage and so
	// through safe.Text: an error may quote Stripe, a file or a link.
	printMessage(w, "error", err)
	if errors.As(err, &usage) {
		fmt.Fprintf(w, "Usage: %s\nRun '%s --help' for more.\n", usageLine(c), c.CommandPath())
		return exitcode.Usage
	}
	if code, ok := exitcode.Of(err); ok {
		return code
	}
	return exitcode.Usage
}

// wrapArgs makes a cobra argument validator's errors usage errors.
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
