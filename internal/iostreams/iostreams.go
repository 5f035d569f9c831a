// Package iostreams gives commands their standard streams, so tests can hand
// them buffers and ask whether a stream is a terminal; how wide a terminal
// is; and the status line a long run draws on stderr (progress.go).
package iostreams

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes. Commands never touch
// os.Stdin, os.Stdout or os.Stderr directly.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdoutTTY, stderrTTY bool
	stdoutWidth          int // columns of the terminal on stdout; 0 when it is none
	stderrWidth          func() int
	quiet                bool     // -q: no notes, hints or progress on stderr
	outFiles             []string // the files -o writes stdout to
}

// System returns the process's own streams.
func System() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
	if s.stdoutTTY {
		s.stdoutWidth = terminalWidth(os.Stdout)
	}
	if s.stderrTTY {
		s.stderrWidth = func() int { return terminalWidth(os.Stderr) }
	}
	return s
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// terminalWidth is f's width in columns, at most MaxColumns (a terminal
// may report up to 65,535), 80 when the terminal does not say (a serial
// console reports 0).
func terminalWidth(f *os.File) int {
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
		return min(w, MaxColumns)
	}
	return 80
}

// Test returns streams backed by buffers: input, output and error output.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// TerminalWidth is the width in columns of the terminal on stdout, or 0
// when stdout is not a terminal: output to a file or a pipe is not wrapped.
func (s *IOStreams) TerminalWidth() int { return s.stdoutWidth }

// StderrWidth is the width in columns of the terminal on stderr, asked
// anew at each call (a bulk run's progress line follows a resize); 0 when
// stderr is no terminal.
func (s *IOStreams) StderrWidth() int {
	if s.stderrWidth == nil {
		return 0
	}
	return s.stderrWidth()
}

// SetStderrWidth sets the width StderrWidth reports, for tests.
func (s *IOStreams) SetStderrWidth(columns int) { s.stderrWidth = func() int { return columns } }

// SetTerminalWidth sets the width TerminalWidth reports, for tests.
func (s *IOStreams) SetTerminalWidth(columns int) { s.stdoutWidth = columns }

// SetTTY marks stdout and stderr as terminals or not, for tests.
func (s *IOStreams) SetTTY(stdout, stderr bool) {
	s.stdoutTTY, s.stderrTTY = stdout, stderr
}

// ColorEnabled reports whether output to stdout may use colour: only on a
// terminal, and never when NO_COLOR is set to anything but "" (https://no-color.org).
func (s *IOStreams) ColorEnabled() bool {
	return s.stdoutTTY && os.Getenv("NO_COLOR") == ""
}

// SetQuiet makes Notes discard what is written to it and stderr no
// terminal, so no progress is drawn: -q/--quiet. Errors still reach ErrOut.
func (s *IOStreams) SetQuiet(quiet bool) {
	s.quiet = quiet
	if quiet {
		s.stderrTTY = false
	}
}

// Notes is where a command writes what is neither its result nor an
// error (notes, hints, warnings about the run): ErrOut, or nowhere when
// quiet.
func (s *IOStreams) Notes() io.Writer {
	if s.quiet {
		return io.Discard
	}
	return s.ErrOut
}

// Redirect sends standard output to w, which is no terminal, until the
// returned function puts it back. files are those w occupies (-o FILE:
// the file written and the one it will replace).
func (s *IOStreams) Redirect(w io.Writer, files ...string) (restore func()) {
	out, tty, width, outFiles := s.Out, s.stdoutTTY, s.stdoutWidth, s.outFiles
	s.Out, s.stdoutTTY, s.stdoutWidth, s.outFiles = w, false, 0, files
	return func() { s.Out, s.stdoutTTY, s.stdoutWidth, s.outFiles = out, tty, width, outFiles }
}

// OutputFiles are the files standard output is redirected to (see
// Redirect), the last the one it will replace; none when it is not: a
// scan must not read its own report.
func (s *IOStreams) OutputFiles() []string { return s.outFiles }

// StdoutFile is the regular file standard output writes to when the shell
// redirected it there (paylink ... > FILE, >> FILE), else "": a scan must
// not read that either. Only Linux names the file of a descriptor
// (/proc/self/fd); elsewhere it is "".
func (s *IOStreams) StdoutFile() string {
	f, ok := s.Out.(*os.File)
	if !ok {
		return ""
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return ""
	}
	path, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(f.Fd())))
	if err != nil || !filepath.IsAbs(path) {
		return "" // no /proc, or not a file's name
	}
	return path
}

// MaxColumns caps a width read from $COLUMNS: COLUMNS=99999999999 must
// not lay a report out (or allocate its padding) that wide.
const MaxColumns = 1000

// LayoutWidth is the width output is laid out in (tables, wrapped text):
// $COLUMNS when it is a positive number (at most MaxColumns), else the
// width of the terminal on stdout, else 0, no limit: output to a file or a
// pipe is not wrapped unless $COLUMNS asks. lookupEnv reads the
// environment (nil: none).
func (s *IOStreams) LayoutWidth(lookupEnv func(string) (string, bool)) int {
	if lookupEnv != nil {
		v, _ := lookupEnv("COLUMNS")
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return min(n, MaxColumns)
		}
	}
	return s.TerminalWidth()
}

// ReportWidth is LayoutWidth, 80 where that is no limit: the width of a
// report that must be laid out in some width (reconcile's table).
func (s *IOStreams) ReportWidth(lookupEnv func(string) (string, bool)) int {
	if w := s.LayoutWidth(lookupEnv); w > 0 {
		return w
	}
	return 80
}
