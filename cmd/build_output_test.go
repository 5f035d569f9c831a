package cmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

const (
	outURL  = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
	outLink = outURL + "?utm_source=newsletter"
	// base64 of outLink, from `printf %s "$outLink" | base64 -w0`.
	outOSC52 = "\x1b]52;c;aHR0cHM6Ly9idXkuc3RyaXBlLmNvbS90ZXN0X2VWYTVuUGcxajF3bWZYcTVrcj91dG1fc291cmNlPW5ld3NsZXR0ZXI=\a"
)

// fakeClipboard records what reached the system clipboard, or fails with err.
type fakeClipboard struct {
	got   []string
	err   error
	calls int
}

func (f *fakeClipboard) write(text string) error {
	f.calls++
	if f.err != nil {
		return f.err
	}
	f.got = append(f.got, text)
	return nil
}

// runBuildCmd runs `paylink build` with args on streams, the system
// clipboard replaced by clip.
func runBuildCmd(t *testing.T, streams *iostreams.IOStreams, clip *fakeClipboard, args ...string) error {
	t.Helper()
	return runBuildCmdEnv(t, streams, nil, clip, args...)
}

// runBuildCmdEnv is runBuildCmd with the environment env.
func runBuildCmdEnv(t *testing.T, streams *iostreams.IOStreams, env map[string]string, clip *fakeClipboard, args ...string) error {
	t.Helper()
	c := NewBuildCmd(envFactory(streams, env), func(opts *BuildOptions) error {
		opts.Output.WriteSystem = clip.write
		return runBuildCommand(context.Background(), opts)
	})
	c.SetArgs(args)
	c.SetOut(streams.Out)
	c.SetErr(streams.ErrOut)
	c.SilenceErrors, c.SilenceUsage = true, true
	return c.Execute()
}

func TestCopyToSystemClipboard(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	streams.SetTTY(true, true)
	clip := &fakeClipboard{}
	if err := runBuildCmd(t, streams, clip, outURL, "-s", "newsletter", "--copy"); err != nil {
		t.Fatal(err)
	}
	if out.String() != outLink+"\n" {
		t.Errorf("stdout %q, want the link", out.String())
	}
	// One link is copied without its newline.
	if len(clip.got) != 1 || clip.got[0] != outLink {
		t.Errorf("clipboard got %q, want [%q]", clip.got, outLink)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr %q, want nothing", errOut.String())
	}
}

func TestCopyFallsBackToOSC52(t *testing.T) {
	tests := []struct {
		name                string
		stdoutTTY, errTTY   bool
		wantOut, wantErrOut string
	}{
		{"stderr a terminal", false, true, outLink + "\n", outOSC52},
		{"stderr a terminal, stdout too", true, true, outLink + "\n", outOSC52},
		{"only stdout a terminal", true, false, outLink + "\n" + outOSC52, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, out, errOut := iostreams.Test()
			streams.SetTTY(tt.stdoutTTY, tt.errTTY)
			clip := &fakeClipboard{err: errors.New("no clipboard tool found")}
			if err := runBuildCmd(t, streams, clip, outURL, "-s", "newsletter", "--copy"); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout %q, want %q", out.String(), tt.wantOut)
			}
			if errOut.String() != tt.wantErrOut {
				t.Errorf("stderr %q, want %q", errOut.String(), tt.wantErrOut)
			}
		})
	}
}

func TestCopyWarnsWithoutClipboardOrTerminal(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	clip := &fakeClipboard{err: errors.New("no clipboard tool found")}
	if err := runBuildCmd(t, streams, clip, outURL, "-s", "newsletter", "--copy"); err != nil {
		t.Fatalf("got %v, want success: the link was printed", err)
	}
	if out.String() != outLink+"\n" {
		t.Errorf("stdout %q, want just the link (no escape sequence in a pipe)", out.String())
	}
	want := "warning: could not copy to the clipboard: no clipboard tool found; install xclip, xsel or wl-clipboard (wl-copy), or run paylink in a terminal that supports OSC 52\n"
	if errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

func TestCopyNothingWhenBuildFails(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	clip := &fakeClipboard{}
	if err := runBuildCmd(t, streams, clip, outURL, "-r", "jenny@example.com", "--copy"); err == nil {
		t.Fatal("an invalid client_reference_id was accepted")
	}
	if clip.calls != 0 {
		t.Errorf("clipboard written %d times after a failed build", clip.calls)
	}
}

func TestCopyJSONCopiesWhatWasPrinted(t *testing.T) {
	streams, _, out, _ := iostreams.Test()
	clip := &fakeClipboard{}
	if err := runBuildCmd(t, streams, clip, outURL, "-s", "newsletter", "--copy", "--format", "json"); err != nil {
		t.Fatal(err)
	}
	if len(clip.got) != 1 || clip.got[0]+"\n" != out.String() {
		t.Errorf("clipboard got %q, want stdout %q without its newline", clip.got, out.String())
	}
}

// outputCmd is a command whose run function prints lines, as bulk mode
// does, wrapped like build's; it has an --input flag as build has.
func outputCmd(streams *iostreams.IOStreams, o OutputOptions, lines ...string) *cobra.Command {
	opts := &BuildOptions{IO: streams, Output: o}
	c := &cobra.Command{Use: "x", SilenceErrors: true, SilenceUsage: true, RunE: func(*cobra.Command, []string) error {
		return withOutputs(opts, func(run *BuildOptions) (string, error) {
			for _, l := range lines {
				if _, err := run.IO.Out.Write([]byte(l)); err != nil {
					return "", err
				}
			}
			return "", nil
		})
	}}
	c.SetArgs([]string{})
	return c
}

func TestCopyBulkOutputExactly(t *testing.T) {
	streams, _, out, _ := iostreams.Test()
	clip := &fakeClipboard{}
	c := outputCmd(streams, OutputOptions{Copy: true, WriteSystem: clip.write}, "url,link\n", "a,b\n", "c,d\n")
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := "url,link\na,b\nc,d\n"; len(clip.got) != 1 || clip.got[0] != want || out.String() != want {
		t.Errorf("clipboard got %q and stdout %q, want both %q", clip.got, out.String(), want)
	}
}

func TestCopyRefusesHugeOutput(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	clip := &fakeClipboard{}
	half := strings.Repeat("x", maxCopy/2) + "\n"
	c := outputCmd(streams, OutputOptions{Copy: true, WriteSystem: clip.write}, half, half, "tail\n")
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if clip.calls != 0 {
		t.Error("copied output over the cap")
	}
	if out.Len() != 2*len(half)+5 {
		t.Errorf("stdout has %d bytes, want all %d", out.Len(), 2*len(half)+5)
	}
	if want := "warning: --copy: the output is over 4 MiB; not copied\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

func TestCopyNothingWhenStdoutEmpty(t *testing.T) {
	streams, _, _, errOut := iostreams.Test()
	clip := &fakeClipboard{}
	if err := outputCmd(streams, OutputOptions{Copy: true, WriteSystem: clip.write}).Execute(); err != nil {
		t.Fatal(err)
	}
	if clip.calls != 0 {
		t.Errorf("clipboard written %d times with nothing printed", clip.calls)
	}
	if want := "warning: --copy: nothing was written to stdout, so nothing was copied\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

func TestQRWithInputIsUsageError(t *testing.T) {
	for _, flag := range []string{"--qr", "--qr-png=x.png"} {
		streams, _, _, _ := iostreams.Test()
		c := NewBuildCmd(testFactory(streams), func(*BuildOptions) error { return nil })
		c.SetArgs([]string{flag, "--input", "links.txt"})
		c.SilenceErrors, c.SilenceUsage = true, true
		var usage *cmdutil.UsageError
		if err := c.Execute(); !errors.As(err, &usage) {
			t.Errorf("%s with --input: got %v, want a usage error", flag, err)
		}
	}
}

func TestQROnStderrOnly(t *testing.T) {
	tests := []struct {
		name      string
		errTTY    bool
		noColor   string
		wantColor bool
	}{
		{"stderr redirected", false, "", false},
		{"stderr a terminal", true, "", true},
		{"terminal with NO_COLOR", true, "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"NO_COLOR": tt.noColor}
			streams, _, out, errOut := iostreams.Test()
			streams.SetTTY(false, tt.errTTY)
			if err := runBuildCmdEnv(t, streams, env, &fakeClipboard{}, outURL, "-s", "newsletter", "--qr"); err != nil {
				t.Fatal(err)
			}
			if out.String() != outLink+"\n" {
				t.Errorf("stdout %q, want just the link", out.String())
			}
			// The top quiet zone: a full row of light modules.
			if !strings.Contains(errOut.String(), strings.Repeat("█", 20)) {
				t.Errorf("stderr has no QR code:\n%s", errOut.String())
			}
			if got := strings.HasPrefix(errOut.String(), "\x1b[97;40m"); got != tt.wantColor {
				t.Errorf("colours set: %v, want %v", got, tt.wantColor)
			}
		})
	}
}

func TestQRPNGWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "link.png")
	streams, _, out, errOut := iostreams.Test()
	if err := runBuildCmd(t, streams, &fakeClipboard{}, outURL, "-s", "newsletter", "--qr-png", path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG (%v)", path, err)
	}
	if out.String() != outLink+"\n" || errOut.Len() != 0 {
		t.Errorf("stdout %q, stderr %q; want the link and nothing", out.String(), errOut.String())
	}
}

func TestQRPNGNotWrittenForInvalidLink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "link.png")
	streams, _, _, _ := iostreams.Test()
	if err := runBuildCmd(t, streams, &fakeClipboard{}, outURL, "-r", "a b", "--qr-png", path); err == nil {
		t.Fatal("an invalid client_reference_id was accepted")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("%s written for a link that was refused", path)
	}
}

func TestQRPNGUnwritable(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	path := filepath.Join(t.TempDir(), "missing", "link.png")
	code := Execute([]string{"build", outURL, "-s", "newsletter", "--qr-png", path}, streams)
	if code != exitcode.Usage {
		t.Errorf("exit %d, want %d", code, exitcode.Usage)
	}
	if out.String() != outLink+"\n" {
		t.Errorf("stdout %q, want the link, built before the image failed", out.String())
	}
	if !strings.HasPrefix(errOut.String(), "error: --qr-png: ") {
		t.Errorf("stderr %q, want an error naming --qr-png", errOut.String())
	}
}
