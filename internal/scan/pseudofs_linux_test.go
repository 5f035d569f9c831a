package scan

import (
	"errors"
	"os"
	"testing"
)

// TestFolderFileSkipsPseudoFS: a file of procfs or sysfs found in a
// scanned folder is not read; the same file named on purpose is, and so is
// an ordinary file found in a folder.
func TestFolderFileSkipsPseudoFS(t *testing.T) {
	none := func(Found) error { return nil }
	for _, p := range []string{"/proc/self/status", "/proc/sys/kernel/random/boot_id", "/sys/kernel/address_bits"} {
		if _, err := os.Stat(p); err != nil {
			t.Logf("%s: %v", p, err)
			continue
		}
		if err := (Finder{}).FolderFile(p, none); !errors.Is(err, ErrPseudoFS) {
			t.Errorf("FolderFile(%s) = %v, want ErrPseudoFS", p, err)
		}
		if err := (Finder{}).File(p, none); err != nil {
			t.Errorf("File(%s) = %v, want it read", p, err)
		}
	}
	f := t.TempDir() + "/page.md"
	if err := os.WriteFile(f, []byte(pl+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := (Finder{}).FolderFile(f, func(Found) error { n++; return nil }); err != nil || n != 1 {
		t.Errorf("FolderFile(%s): %d links, %v; want 1", f, n, err)
	}
}
