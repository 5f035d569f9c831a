package cmd

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// readSpy is an input of one link that records whether anything read it.
type readSpy struct{ read bool }

func (r *readSpy) Read(p []byte) (int, error) {
	if r.read {
		return 0, io.EOF
	}
	r.read = true
	return copy(p, testLink+"\n"), nil
}

// -o naming a folder (or a socket) is refused before the input is read:
// exit 2, a message naming it, nothing read.
func TestOutputFolderRefusedBeforeReading(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	streams, _, out, errOut := iostreams.Test()
	spy := &readSpy{}
	streams.In = spy
	code := Execute([]string{"build", "-i", "-", "-o", dir, "-s", "a"}, streams)
	want := "error: cannot write " + dir + ": it is a folder; name a file in it\n"
	if code != exitcode.Usage || errOut.String() != want || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errOut, want)
	}
	if spy.read {
		t.Error("the input was read before -o was checked")
	}
}

// -o naming a device (as /dev/null) writes to it and leaves it a device;
// as root the old code replaced it with a regular file.
func TestOutputDeviceNotReplaced(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mknod (needs root): %v", err)
		}
		t.Skipf("mknod (needs root): %v", err)
	}
	rows := filepath.Join(dir, "rows.txt")
	os.WriteFile(rows, []byte(testLink+"\n"), 0o644)
	for _, args := range [][]string{
		{"build", "-i", rows, "-o", dev, "-s", "a"},
		{"build", testLink, "-s", "a", "--qr-png", dev},
	} {
		streams, _, _, errOut := iostreams.Test()
		if code := Execute(args, streams); code != exitcode.OK {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
		if fi, err := os.Stat(dev); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%q: %s is no longer a device: %v, %v", args, dev, fi.Mode(), err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 || strings.Contains(errOut.String(), ".tmp") {
			t.Errorf("%q: %d entries in the folder, stderr %q", args, len(entries), errOut)
		}
	}
}
