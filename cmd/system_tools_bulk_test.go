package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestCopyXvfbBulk: with --input, the clipboard holds every row exactly as
// written to stdout, final newline included.
func TestCopyXvfbBulk(t *testing.T) {
	requireTools(t, "Xvfb", "xclip")
	if os.Getenv("WAYLAND_DISPLAY") != "" && os.Getenv("CI") != "true" {
		t.Skip("WAYLAND_DISPLAY is set: the clipboard library would use wl-copy, not the X server under test")
	}
	input := filepath.Join(t.TempDir(), "links.txt")
	if err := os.WriteFile(input, []byte(outURL+"\n"+outURL+"?ref=flyer\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DISPLAY", startXvfb(t))

	streams, _, out, errOut := iostreams.Test()
	if code := Execute([]string{"build", "-i", input, "-s", "newsletter", "--quiet", "--copy"}, streams); code != exitcode.OK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	want := outLink + "\n" + outURL + "?ref=flyer&utm_source=newsletter\n"
	if out.String() != want {
		t.Fatalf("stdout %q, want %q", out.String(), want)
	}
	got := readClipboard(t)
	if string(got) != want {
		t.Errorf("clipboard holds %q, want stdout exactly, %q", got, want)
	}
}
