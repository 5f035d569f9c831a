// Package clipboard puts text on the clipboard: the system clipboard when one
// can be reached, else the terminal's through the OSC 52 escape sequence.
package clipboard

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"

	"github.com/atotto/clipboard"
)

// MaxOSC52 is the longest text sent through OSC 52. xterm and several other
// terminals drop a sequence longer than about 100 kB; base64 makes 4 bytes of
// every 3, so this keeps the sequence under 100,000 bytes.
const MaxOSC52 = 74_994

// systemTimeout bounds the wait for the clipboard tool: a clipboard that
// hangs (an X server that never answers) must not hang paylink.
const systemTimeout = 5 * time.Second

// Target is where Copy may put text. Tests replace both fields with fakes.
type Target struct {
	// System writes to the system clipboard.
	System func(text string) error
	// Terminal receives the OSC 52 sequence; nil when no terminal is
	// attached, so that an escape sequence never lands in a pipe or a file.
	Terminal io.Writer
}

// Copy puts text on the system clipboard, else on the terminal's through OSC
// 52. When neither works, the error says what failed and what to install.
func Copy(text string, t Target) error {
	sysErr := t.System(text)
	if sysErr == nil {
		return nil
	}
	if t.Terminal != nil && len(text) <= MaxOSC52 {
		if err := WriteOSC52(t.Terminal, text); err == nil {
			return nil
		}
	}
	return fmt.Errorf("could not copy to the clipboard: %v; install xclip, xsel or wl-clipboard (wl-copy), "+
		"or run paylink in a terminal that supports OSC 52", reason(sysErr))
}

// reason explains a failure of the system clipboard: a tool that exits with
// an error nearly always found no display to talk to. One that exits before
// the text is written to it fails the write with a broken pipe instead
// ("write |1: broken pipe"), which means the same and says nothing to a user.
func reason(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Sprintf("the clipboard tool failed (%v), usually because no display is set (DISPLAY, WAYLAND_DISPLAY)", err)
	}
	if errors.Is(err, syscall.EPIPE) {
		return "the clipboard tool exited before reading the text, usually because no display is set (DISPLAY, WAYLAND_DISPLAY)"
	}
	return err.Error()
}

// WriteOSC52 writes the escape sequence that asks the terminal to put text on
// its clipboard ("c"): ESC ] 52 ; c ; base64(text) BEL. It works over SSH,
// since the terminal, not the remote host, does the copying.
func WriteOSC52(w io.Writer, text string) error {
	_, err := io.WriteString(w, "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte(text))+"\a")
	return err
}

// errNoTool replaces the library's message, which names the tools again.
var errNoTool = errors.New("no clipboard tool found")

// WriteSystem writes text to the system clipboard through
// github.com/atotto/clipboard, giving up after a few seconds.
func WriteSystem(text string) error {
	if clipboard.Unsupported {
		return errNoTool
	}
	done := make(chan error, 1)
	go func() { done <- clipboard.WriteAll(text) }()
	select {
	case err := <-done:
		return err
	case <-time.After(systemTimeout):
		return fmt.Errorf("the clipboard tool did not answer within %v", systemTimeout)
	}
}
