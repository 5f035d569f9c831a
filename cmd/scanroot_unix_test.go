//go:build unix

package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// runValidateWithin runs validate with args and fails the test if it has
// not returned within a minute: the bug was a scan that never returns.
func runValidateWithin(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	done := make(chan int, 1)
	go func() {
		done <- execCode(t, NewValidateCmd(testFactory(streams), nil), streams, args...)
	}()
	select {
	case code := <-done:
		return code, out.String(), errOut.String()
	case <-time.After(time.Minute):
		t.Fatalf("validate %v still running after a minute", args)
		return 0, "", ""
	}
}

// A FIFO named to --scan is refused (exit 2) instead of opened, which waits
// for a writer forever; the other paths are still scanned. So is a
// symbolic link to one, and a device.
func TestScanRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	must(t, os.Symlink("pipe.md", link))
	page := filepath.Join(dir, "page.md")
	must(t, os.WriteFile(page, []byte("see "+vLink+"?utm_source=a+b\n"), 0o644))
	for _, tc := range []struct{ path, what string }{
		{fifo, "a FIFO (named pipe)"},
		{link, "a FIFO (named pipe)"},
		{os.DevNull, "a device"},
	} {
		code, out, errOut := runValidateWithin(t, "--scan", tc.path, page)
		want := fmt.Sprintf("error: cannot scan %q: it is %s, not a file or a folder, and reading it could wait forever; to scan what a program writes, pipe it in: PROGRAM | paylink validate --scan -i -\n", tc.path, tc.what)
		if code != exitcode.Usage || !strings.Contains(errOut, want) {
			t.Errorf("--scan %s: exit %d, stderr:\n%s\nwant exit 2 and %q", tc.path, code, errOut, want)
		}
		if !strings.Contains(out, "page.md:1:5: utm_source: error") {
			t.Errorf("--scan %s page.md: the page was not scanned:\n%s", tc.path, out)
		}
	}
	// A FIFO inside a scanned folder is skipped, as before.
	code, _, errOut := runValidateWithin(t, "--scan", dir)
	if code != exitcode.Invalid || strings.Contains(errOut, "pipe.md") {
		t.Errorf("--scan DIR: exit %d, stderr:\n%s\nwant exit 1, the FIFO skipped quietly", code, errOut)
	}
}

// The pipe of the shell's process substitution, --scan <(cmd), is read:
// it reaches paylink as /dev/fd/N, a link to "pipe:[…]", and has a writer.
func TestScanReadsProcessSubstitution(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/fd links to pipes are Linux's")
	}
	r, w, err := os.Pipe()
	must(t, err)
	defer r.Close()
	go func() {
		fmt.Fprintln(w, "see "+vLink+"?utm_source=a+b")
		w.Close()
	}()
	path := fmt.Sprintf("/dev/fd/%d", r.Fd())
	code, out, errOut := runValidateWithin(t, "--scan", path)
	if code != exitcode.Invalid || !strings.Contains(out, path+":1:5: utm_source: error") {
		t.Errorf("--scan %s: exit %d, stdout:\n%s\nstderr:\n%s", path, code, out, errOut)
	}
}
