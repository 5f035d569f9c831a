package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/safe"
)

// UsageError is a mistake in how the command was called. It is the only
// error printed with a usage hint.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func UsageErrorf(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// Invalid wraps errors about links or values: exit 1.
func Invalid(err error) error { return exitcode.New(exitcode.Invalid, err) }

// ProblemsError is several Invalid values at once: one line each, exit 1.
type ProblemsError struct{ Errs []error }

func (e *ProblemsError) Error() string {
	lines := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// SilentError exits with a code after the command already reported why.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// Report prints err on w, once, and returns the exit code it maps to
// (CodeOf). This is the only place where errors are printed at the end of
// a run.
func Report(w io.Writer, c *cobra.Command, err error) int {
	var (
		usage    *UsageError
		problems *ProblemsError
		silent   *SilentError
	)
	switch {
	case err == nil, errors.As(err, &silent):
		return CodeOf(err)
	case errors.As(err, &problems):
		for _, e := range problems.Errs {
			PrintMessage(w, "error", e)
		}
		return CodeOf(err)
	}
	// Every message, whatever carries it, goes through PrintMessage and so
	// through safe.Text: an error may quote Stripe, a file or a link.
	PrintMessage(w, "error", err)
	if errors.As(err, &usage) {
		fmt.Fprintf(w, "Usage: %s\nRun '%s --help' for more.\n", usageLine(c), c.CommandPath())
	}
	return CodeOf(err)
}

// WrapArgs makes a cobra argument validator's errors usage errors.
func WrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return &UsageError{err}
		}
		return nil
	}
}

// PrintMessage writes "label: msg" as one line, msg through safe.Text: an
// error or warning may quote a link, a file name or config text, and none
// of it may reach the terminal raw or start a line of its own. A Stripe key
// in it (pasted where a path goes) is redacted.
func PrintMessage(w io.Writer, label string, msg any) {
	fmt.Fprintf(w, "%s: %s\n", label, safe.Text(safe.Redact(fmt.Sprint(msg))))
}
