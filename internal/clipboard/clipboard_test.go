package clipboard

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// failingWriter is a terminal that refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

func TestWriteOSC52(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOSC52(&buf, "https://buy.stripe.com/x?a=1&b=2"); err != nil {
		t.Fatal(err)
	}
	// base64("https://buy.stripe.com/x?a=1&b=2"), checked with `printf %s ... | base64`.
	want := "\x1b]52;c;aHR0cHM6Ly9idXkuc3RyaXBlLmNvbS94P2E9MSZiPTI=\a"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestCopy(t *testing.T) {
	noTool := errors.New("no clipboard tool found")
	tests := []struct {
		name      string
		sysErr    error
		terminal  bool
		text      string
		wantOSC   bool
		wantInErr string
	}{
		{"system clipboard wins", nil, true, "link", false, ""},
		{"terminal when no tool", noTool, true, "link", true, ""},
		{"warning without a terminal", noTool, false, "link", false, "no clipboard tool found; install xclip, xsel or wl-clipboard"},
		{"too long for OSC 52", noTool, true, strings.Repeat("a", MaxOSC52+1), false, "OSC 52"},
		{"longest text for OSC 52", noTool, true, strings.Repeat("a", MaxOSC52), true, ""},
		{"tool without a display", &exec.ExitError{}, false, "link", false, "usually because no display is set"},
		// xclip without a display may exit before paylink writes the link:
		// the write then fails with a broken pipe, which means the same.
		{"tool gone before the write", &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}, false, "link", false,
			"the clipboard tool exited before reading the text, usually because no display is set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var copied string
			var term bytes.Buffer
			target := Target{System: func(s string) error { copied = s; return tt.sysErr }}
			if tt.terminal {
				target.Terminal = &term
			}
			err := Copy(tt.text, target)
			if copied != tt.text {
				t.Errorf("system clipboard got %q, want %q", copied, tt.text)
			}
			if gotOSC := strings.HasPrefix(term.String(), "\x1b]52;c;"); gotOSC != tt.wantOSC {
				t.Errorf("OSC 52 written: %v, want %v (%q)", gotOSC, tt.wantOSC, term.String())
			}
			if (err != nil) != (tt.wantInErr != "") || err != nil && !strings.Contains(err.Error(), tt.wantInErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantInErr)
			}
		})
	}
}

func TestCopyTerminalWriteFails(t *testing.T) {
	if err := Copy("link", Target{System: func(string) error { return errNoTool }, Terminal: failingWriter{}}); err == nil {
		t.Error("got no warning though nothing was copied")
	}
}
