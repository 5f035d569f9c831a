package cmd

// Tests against real system tools: an X server with xclip for --copy, and
// zbarimg, an independent QR decoder, for --qr and --qr-png. .ci/run
// installs them (Debian: xvfb, xclip, zbar-tools).

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// requireTools finds each tool on PATH. A missing one skips the test on a
// developer's machine but fails it in CI (CI=true), where .ci/run installs
// them: there the real test must run, never be skipped.
func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI (the README's apt-get install line, as .ci/run runs it): %v", tool, err)
			}
			t.Skipf("%s not installed (see the apt-get install line in the README's Development section); CI=true makes this a failure", tool)
		}
	}
}

// startXvfb starts a virtual X server on a free display, waits until it
// accepts connections and returns the display (":N"). Cleanup stops it,
// which also ends the xclip process that serves the selection.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var stderr bytes.Buffer
	// -displayfd: the server picks a free display and writes its number on
	// fd 3 once it is ready, so there is no guessing and no polling.
	x := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "320x240x24")
	x.ExtraFiles = []*os.File{w}
	x.Stderr = &stderr
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = x.Process.Kill()
		_ = x.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not start: %s", stderr.String())
		}
		return ":" + n
	case <-time.After(15 * time.Second):
		t.Fatalf("Xvfb gave no display within 15s: %s", stderr.String())
	}
	return ""
}

func TestCopyXvfbClipboard(t *testing.T) {
	requireTools(t, "Xvfb", "xclip")
	if os.Getenv("WAYLAND_DISPLAY") != "" && os.Getenv("CI") != "true" {
		t.Skip("WAYLAND_DISPLAY is set: the clipboard library would use wl-copy, not the X server under test")
	}
	display := startXvfb(t)
	t.Setenv("DISPLAY", display)

	streams, _, out, errOut := iostreams.Test()
	code := Execute([]string{"build", outURL, "-s", "newsletter", "--copy"}, streams)
	if code != exitcode.OK || out.String() != outLink+"\n" || errOut.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0, the link, nothing", code, out.String(), errOut.String())
	}
	got := readClipboard(t)
	if string(got) != outLink {
		t.Errorf("clipboard holds %q, want exactly %q", got, outLink)
	}
}

// readClipboard reads the X clipboard with xclip while the X server, and so
// the xclip process serving the selection, is alive. The xclip that paylink
// ran exits once it has forked that server, which may not have taken the
// selection yet, so an empty clipboard is read again for up to 10 s.
func readClipboard(t *testing.T) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		got, err := exec.CommandContext(ctx, "xclip", "-o", "-selection", "clipboard").Output()
		cancel()
		if err == nil {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("xclip -o: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// zbarimg decodes the QR code in the image at path with zbarimg, a decoder
// that shares no code with paylink's encoder.
func zbarimg(t *testing.T, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got, err := exec.CommandContext(ctx, "zbarimg", "--raw", "-q", path).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: %v", path, err)
	}
	return strings.TrimSuffix(string(got), "\n")
}

// zbarCases are links of a small and of a large QR code version: every
// parameter at its longest.
var zbarCases = [][]string{
	{outURL, "-s", "newsletter"},
	{outURL + "?ref=flyer#pricing", "-s", strings.Repeat("s", 150), "-m", strings.Repeat("m", 150),
		"-c", strings.Repeat("c", 150), "--utm-term", strings.Repeat("t", 150), "--utm-content", strings.Repeat("x", 150),
		"-r", strings.Repeat("r", 200), "--prefilled-email", "jenny+spring@example.com", "--locale", "pt-BR"},
}

// buildLink runs paylink build with args plus more and returns the link it
// printed.
func buildLink(t *testing.T, args []string, more ...string) (link string, stderr string) {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	if code := Execute(append(append([]string{"build"}, args...), more...), streams); code != exitcode.OK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	return strings.TrimSuffix(out.String(), "\n"), errOut.String()
}

func TestQRPNGDecodesWithZbar(t *testing.T) {
	requireTools(t, "zbarimg")
	for _, args := range zbarCases {
		path := filepath.Join(t.TempDir(), "link.png")
		link, _ := buildLink(t, args, "--qr-png", path)
		if got := zbarimg(t, path); got != link {
			t.Errorf("PNG decodes to %q, want the link printed, %q", got, link)
		}
	}
}

// TestQRTerminalDecodesWithZbar turns the half blocks drawn on stderr back
// into pixels, dark where a terminal shows background, and decodes them: what
// a phone sees on a light-on-dark terminal is a valid QR code with its quiet
// zone.
func TestQRTerminalDecodesWithZbar(t *testing.T) {
	requireTools(t, "zbarimg")
	for _, args := range zbarCases {
		link, stderr := buildLink(t, args, "--qr")
		path := filepath.Join(t.TempDir(), "terminal.png")
		writeTerminalPNG(t, path, stderr)
		if got := zbarimg(t, path); got != link {
			t.Errorf("terminal QR decodes to %q, want the link printed, %q", got, link)
		}
	}
}

// writeTerminalPNG draws text made of half blocks as a PNG, 4 pixels per
// module, with no margin of its own: the quiet zone must come from the text.
func writeTerminalPNG(t *testing.T, path, text string) {
	t.Helper()
	const scale = 4
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	width := len([]rune(lines[0]))
	img := image.NewGray(image.Rect(0, 0, width*scale, 2*len(lines)*scale))
	for row, line := range lines {
		for col, r := range []rune(line) {
			upper := r == '█' || r == '▀'
			lower := r == '█' || r == '▄'
			fill(img, col, 2*row, scale, upper)
			fill(img, col, 2*row+1, scale, lower)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// fill paints module (x, y) white when light, else black.
func fill(img *image.Gray, x, y, scale int, light bool) {
	c := color.Gray{}
	if light {
		c.Y = 255
	}
	for dy := range scale {
		for dx := range scale {
			img.SetGray(x*scale+dx, y*scale+dy, c)
		}
	}
}
