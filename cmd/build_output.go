package cmd

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/clipboard"
	"github.com/paylink/paylink/internal/qr"
)

// OutputOptions are build's flags that send the result somewhere besides
// stdout: the clipboard and QR codes.
type OutputOptions struct {
	Copy  bool   // --copy
	QR    bool   // --qr
	QRPNG string // --qr-png FILE

	// WriteSystem writes to the system clipboard; tests replace it.
	WriteSystem func(text string) error
	// NoColor is set when NO_COLOR asks for no colour (https://no-color.org).
	NoColor bool
}

// maxCopy caps what --copy records of stdout, so that bulk output keeps
// memory flat; nobody pastes megabytes from a clipboard.
const maxCopy = 4 << 20

// addOutputFlags binds the flags to o and sets o's defaults.
func addOutputFlags(f *pflag.FlagSet, o *OutputOptions) {
	o.WriteSystem = clipboard.WriteSystem
	f.BoolVar(&o.Copy, "copy", false, "also put the output on the clipboard (falls back to the terminal's OSC 52)")
	f.BoolVar(&o.QR, "qr", false, "draw the link as a QR code on stderr")
	f.StringVar(&o.QRPNG, "qr-png", "", "write the link as a QR code to the PNG image `FILE`")
}

// withOutputs runs build's run function, which returns the link it built
// ("" in bulk mode), with options of its own whose stdout is recorded for
// --copy; when it succeeds, the recorded text is copied and the link drawn
// as QR codes. Bulk mode therefore copies exactly what it printed.
func withOutputs(opts *BuildOptions, run func(*BuildOptions) (string, error)) error {
	runOpts := *opts // the caller's options stay as they are
	var rec *recorder
	if opts.Output.Copy {
		rec = &recorder{w: opts.IO.Out}
		teed := *opts.IO // the same streams and terminal flags, stdout recorded
		teed.Out = rec
		runOpts.IO = &teed
	}
	built, err := run(&runOpts)
	if err != nil {
		return err
	}
	if rec != nil {
		copyOutput(opts, rec)
	}
	return drawQR(opts, built)
}

// copyOutput puts what was printed on the clipboard, or warns why it could
// not. It never fails the command: the output is on stdout in any case.
func copyOutput(opts *BuildOptions, rec *recorder) {
	if rec.overflow {
		fmt.Fprintf(opts.IO.ErrOut, "warning: --copy: the output is over %d MiB; not copied\n", maxCopy>>20)
		return
	}
	text := rec.buf.String()
	// With -o FILE nothing reaches stdout; copying "" would wipe the
	// clipboard instead.
	if text == "" {
		fmt.Fprintln(opts.IO.ErrOut, "warning: --copy: nothing was written to stdout, so nothing was copied")
		return
	}
	// A single line is pasted without its newline, as a link in a sentence.
	if strings.Count(text, "\n") == 1 {
		text = strings.TrimSuffix(text, "\n")
	}
	target := clipboard.Target{System: opts.Output.WriteSystem, Terminal: terminal(opts)}
	if err := clipboard.Copy(text, target); err != nil {
		cmdutil.PrintMessage(opts.IO.ErrOut, "warning", err)
	}
}

// terminal is where the OSC 52 sequence may go: stderr if it is a terminal,
// else stdout if that is one; nil when both are redirected, so the escape
// sequence never lands in a pipe or a file.
func terminal(opts *BuildOptions) io.Writer {
	switch {
	case opts.IO.IsStderrTTY():
		return opts.IO.ErrOut
	case opts.IO.IsStdoutTTY():
		return opts.IO.Out
	}
	return nil
}

// drawQR draws the link built as a QR code on stderr (--qr) and into a PNG
// (--qr-png). An error here is exit 2: the link itself was printed.
func drawQR(opts *BuildOptions, built string) error {
	o := opts.Output
	if !o.QR && o.QRPNG == "" || built == "" {
		return nil
	}
	code, err := qr.Encode(built)
	if err != nil {
		return err
	}
	if o.QR {
		// Fixed colours need a terminal that understands them, and a user
		// who has not asked for no colour (https://no-color.org).
		color := opts.IO.IsStderrTTY() && !o.NoColor
		if err := qr.Render(opts.IO.ErrOut, code, color); err != nil {
			return err
		}
	}
	if o.QRPNG != "" {
		if err := qr.WritePNG(o.QRPNG, code); err != nil {
			return fmt.Errorf("--qr-png: %w", err)
		}
	}
	return nil
}

// recorder passes writes through to w and keeps a copy of up to maxCopy
// bytes.
type recorder struct {
	w        io.Writer
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if r.overflow || r.buf.Len()+n > maxCopy {
		r.overflow = true
		r.buf.Reset()
	} else {
		r.buf.Write(p[:n])
	}
	return n, err
}
