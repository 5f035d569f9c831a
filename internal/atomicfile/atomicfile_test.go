package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestAtomicFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old\n"), 0o640)

	a, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(a, "new\n")
	a.Abort()
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("after Abort the file holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after Abort the folder holds %d files, want 1", len(entries))
	}

	a, _ = Create(path)
	io.WriteString(a, "new\n")
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("before Commit the file holds %q", b)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	a.Abort() // after Commit: nothing to undo
	fi, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || fi.Mode().Perm() != 0o640 {
		t.Errorf("after Commit: %q, mode %v; want \"new\\n\", the old mode 0640", b, fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after Commit the folder holds %d files, want 1", len(entries))
	}
}

// mknod makes a character device with the numbers of /dev/null in dir; it
// needs root, as every CI container is. Under CI=true not being root fails.
func mknod(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mknod (needs root): %v", err)
		}
		t.Skipf("mknod (needs root): %v", err)
	}
}

// A device is written in place, never replaced by a regular file, and no
// temporary file is made beside it — also through a symbolic link.
func TestDeviceWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	mknod(t, dev)
	link := filepath.Join(dir, "link")
	symlink(t, "null", link)
	for _, path := range []string{dev, link} {
		a, err := Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Direct() {
			t.Errorf("%s: not written directly", path)
		}
		if _, err := io.WriteString(a, "rows\n"); err != nil {
			t.Fatal(err)
		}
		if err := a.Commit(); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(dev); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device: %v %v", dev, fi.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the folder, want the device and the link", len(entries))
	}
	// Abort closes a device; nothing is removed.
	a, err := Create(dev)
	if err != nil {
		t.Fatal(err)
	}
	a.Abort()
	if _, err := os.Stat(dev); err != nil {
		t.Fatal(err)
	}
}

// A FIFO is opened by Create (waiting for its reader, as a shell's > does)
// and what is written reaches the reader; the FIFO stays a FIFO.
func TestFIFOWrittenInPlace(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	err := WriteFile(fifo, func(w io.Writer) error { _, err := io.WriteString(w, "rows\n"); return err })
	if err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "rows\n" {
		t.Errorf("the reader got %q", s)
	}
	if fi, _ := os.Stat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v", fifo, fi.Mode())
	}
}

// A folder or a socket is refused by Create, with a message naming it.
func TestFolderAndSocketRefused(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s.sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		dir:  "cannot write " + dir + ": it is a folder",
		sock: "cannot write " + sock + ": it is a socket",
	} {
		a, err := Create(path)
		if err == nil {
			a.Abort()
			t.Errorf("%s accepted", path)
			continue
		}
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %q, want it to start %q", err, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want only the socket", len(entries))
	}
}

// Errors name the user's file and its folder, never the temporary file.
func TestErrorsNameTheUsersFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "links.csv")
	_, err := Create(missing)
	want := "cannot write " + missing + ": cannot create a file in the folder " + filepath.Join(dir, "no") + ": no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}

	// The target became a folder with a file in it while rows were written:
	// the rename fails.
	path := filepath.Join(dir, "links.csv")
	a, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(path, "x"), 0o755)
	err = a.Commit()
	if err == nil || !strings.HasPrefix(err.Error(), "cannot write "+path+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %v, want one naming %s and no temporary file", err, path)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}

	// A write error (ENOSPC from /dev/full) names the file too.
	if _, err := os.Stat("/dev/full"); err == nil {
		a, err := Create("/dev/full")
		if err != nil {
			t.Fatal(err)
		}
		defer a.Abort()
		if _, err := io.WriteString(a, "x"); err == nil || err.Error() != "cannot write /dev/full: no space left on device" {
			t.Errorf("write error %v", err)
		}
	}
}

// TestFilesNamesWhatCreateOccupies: Files names the file Create is writing
// and the one it will replace, and nothing else in their folder.
func TestFilesNamesWhatCreateOccupies(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("the folder holds %v, %v; want the one file being written", entries, err)
	}
	files := f.Files()
	if len(files) != 2 || files[0] != filepath.Join(dir, entries[0].Name()) || files[1] != target {
		t.Errorf("Files() = %q, want [%q %q]", files, filepath.Join(dir, entries[0].Name()), target)
	}
}
