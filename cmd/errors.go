package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command.
const (
	exitOK      = 0
	exitInvalid = 1 // a link or value is invalid; nothing unsafe was printed
	exitUsage   = 2 // usage error, unreadable input, bad configuration
)

// usageError is a mistake in how the command was called. It is the only
// error printed with a usage hint.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitError carries the exit code of an error that is not a usage error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// invalid wraps errors about links or values: exit 1.
func invalid(err error) error { return &exitError{exitInvalid, err} }

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

// exitCoder is an error from an internal package that knows its exit code
// (internal packages cannot use this package's types): account.Error.
type exitCoder interface {
	error
	ExitCode() int
}

// report prints err on w, once, and returns the exit code it maps to. This is
// the only place where errors become exit codes.
func report(w io.Writer, c *cobra.Command, err error) int {
	var (
		usage    *usageError
		problems *problemsError
		exit     *exitError
		silent   *silentError
		coded    exitCoder
	)
	switch {
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &problems):
		for _, e := range problems.errs {
			printMessage(w, "error", e)
		}
		return exitInvalid
	case errors.As(err, &usage):
		printMessage(w, "error", err)
		fmt.Fprintf(w, "Usage: %s\nRun '%s --help' for more.\n", usageLine(c), c.CommandPath())
		return exitUsage
	case errors.As(err, &exit):
		printMessage(w, "error", err)
		return exit.code
	case errors.As(err, &coded):
		printMessage(w, "error", err)
		return coded.ExitCode()
	}
	printMessage(w, "error", err)
	return exitUsage
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
