package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// writeAtomic writes s to path through an File and commits it.
func writeAtomic(t *testing.T, path, s string) {
	t.Helper()
	a, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(a, s)
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
}

// checkLink checks that link is still a symbolic link to target, which now
// holds want, and that no temporary file is left in the folders.
func checkLink(t *testing.T, link, target, real, want string, dirs ...string) {
	t.Helper()
	if got, err := os.Readlink(link); err != nil || got != target {
		t.Errorf("%s is no longer a link to %s: %q, %v", link, target, got, err)
	}
	if b, err := os.ReadFile(real); err != nil || string(b) != want {
		t.Errorf("%s holds %q (%v), want %q", real, b, err, want)
	}
	for _, d := range dirs {
		if tmps, _ := filepath.Glob(filepath.Join(d, ".*.tmp")); len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
	}
}

// -o over a symbolic link replaces the file it points to, keeping its mode,
// and the link stays a link, even when it is relative and sits in another
// folder, through a linked folder.
func TestFileThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	data, out := filepath.Join(dir, "data"), filepath.Join(dir, "out")
	os.Mkdir(data, 0o755)
	os.Mkdir(out, 0o755)
	real := filepath.Join(data, "links.csv")
	if err := os.WriteFile(real, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "links.csv")
	symlink(t, "../data/links.csv", link)
	writeAtomic(t, link, "new\n")
	checkLink(t, link, "../data/links.csv", real, "new\n", dir, data, out)
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old 0600", fi.Mode().Perm())
	}

	// A link to a link, reached through a linked folder.
	symlink(t, "out", filepath.Join(dir, "outlink"))
	symlink(t, "links.csv", filepath.Join(out, "again.csv"))
	writeAtomic(t, filepath.Join(dir, "outlink", "again.csv"), "newer\n")
	checkLink(t, filepath.Join(out, "again.csv"), "links.csv", real, "newer\n", dir, data, out)
	checkLink(t, link, "../data/links.csv", real, "newer\n")
}

// A link to a file not written yet: the file is created where the link
// points, and the link stays.
func TestFileThroughDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "data"), 0o755)
	link := filepath.Join(dir, "links.csv")
	symlink(t, "data/new.csv", link)
	writeAtomic(t, link, "new\n")
	checkLink(t, link, "data/new.csv", filepath.Join(dir, "data", "new.csv"), "new\n", dir)
}

// A loop of links is refused, and nothing is created.
func TestFileSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	symlink(t, "b.csv", a)
	symlink(t, "a.csv", b)
	if f, err := Create(a); err == nil {
		f.Abort()
		t.Fatal("a loop of links accepted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files in the folder, want the 2 links", len(entries))
	}
}
