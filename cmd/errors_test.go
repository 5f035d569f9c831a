package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/exitcode"
)

// A message from outside (Stripe's, a file's) reaches stderr escaped
// whatever error carries it: coded by an internal package, coded here,
// wrapped or not. Raw, ESC]0;…BEL retitles the terminal and a line starting
// "::error::" is a GitHub Actions command.
func TestReportEscapesEveryMessage(t *testing.T) {
	const hostile = "\x1b]0;pwned\x07 bad\r\n::error::forged"
	const escaped = `\x1b]0;pwned\x07 bad\r\n::error::forged`
	tests := []struct {
		name string
		err  error
		want string
		code int
	}{
		{"account error", account.Errorf("listing payment links: Stripe answered 400: %s", hostile),
			"error: listing payment links: Stripe answered 400: " + escaped + "\n", exitcode.Usage},
		{"wrapped account error", fmt.Errorf("reconcile: %w", account.Errorf("%s", hostile)),
			"error: reconcile: " + escaped + "\n", exitcode.Usage},
		{"exitcode error", exitcode.New(exitcode.Invalid, errors.New(hostile)),
			"error: " + escaped + "\n", exitcode.Invalid},
		{"interrupted", exitcode.Errorf(exitcode.Interrupted(15), "%s", hostile),
			"error: " + escaped + "\n", 143},
		{"plain error", errors.New(hostile), "error: " + escaped + "\n", exitcode.Usage},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := cmdutil.Report(&stderr, nil, tt.err)
		if code != tt.code || stderr.String() != tt.want {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tt.name, code, stderr.String(), tt.code, tt.want)
		}
	}
}
