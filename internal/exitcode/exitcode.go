// Package exitcode holds paylink's process exit codes, the same for every
// command, and the error that carries one. It is a leaf: any package may
// return an *Error, and the command tree maps every error to its code in
// one place (golangci-lint's pkg/exitcodes is the model).
package exitcode

import (
	"errors"
	"fmt"
)

// The codes README.md documents under "Exit codes".
const (
	OK      = 0
	Invalid = 1 // a link or value is invalid; nothing unsafe was printed
	Usage   = 2 // usage error, unreadable input, bad configuration, the account refused
)

// Interrupted is the code of a run stopped by signal number sig: the
// shell's 128 + sig (129 for SIGHUP, 130 for SIGINT, 143 for SIGTERM).
func Interrupted(sig int) int { return 128 + sig }

// Coder is an error that knows its exit code. Packages with an error type
// of their own (account.Error) implement it rather than wrap in *Error.
type Coder interface {
	error
	ExitCode() int
}

// Error is err with the exit code it maps to.
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ExitCode is the process exit code the error maps to.
func (e *Error) ExitCode() int { return e.Code }

// New gives err the exit code code.
func New(code int, err error) *Error { return &Error{Code: code, Err: err} }

// Errorf makes an *Error from a message, as fmt.Errorf does (%w wraps).
func Errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// Of is the exit code err carries, the outermost one when several are
// wrapped, and ok false when it carries none.
func Of(err error) (code int, ok bool) {
	var c Coder
	if errors.As(err, &c) {
		return c.ExitCode(), true
	}
	return 0, false
}
