package cmd

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileError: what the system says about a path becomes the path the
// user gave, what is wrong and what to do; no "stat"/"open" left.
func TestFileError(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, notExist := os.Stat(filepath.Join(dir, "missing"))
	_, notDir := os.Open(filepath.Join(file, "x"))
	readDir := func() error { f, _ := os.Open(dir); defer f.Close(); _, err := f.Read(make([]byte, 1)); return err }()
	tests := []struct {
		name     string
		err      error
		forInput bool
		want     string
	}{
		{"missing", notExist, false, `cannot scan "` + dir + `/missing": no such file or folder; check the name and the folder you run paylink in`},
		{"under a file", notDir, false, `cannot scan "` + file + `/x": a part of the path before the last / is a file, not a folder; check the path`},
		{"folder as -i", readDir, true, `cannot scan "` + dir + `": it is a folder, and -i reads one file; name a file in it (paylink validate --scan reads every file in a folder)`},
		{"folder", readDir, false, `cannot scan "` + dir + `": it is a folder; name a file`},
		{"permission", &fs.PathError{Op: "open", Path: "secret.txt", Err: fs.ErrPermission}, false, `cannot scan "secret.txt": permission denied; make it readable for your user (ls -l shows who may read it)`},
		{"other", &fs.PathError{Op: "read", Path: "f", Err: errors.New("input/output error")}, false, `cannot scan "f": input/output error`},
	}
	for _, tt := range tests {
		got := fileError("scan", tt.err, tt.forInput).Error()
		if got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
		if strings.Contains(got, "stat ") || strings.Contains(got, "open ") {
			t.Errorf("%s: the system's words are left: %s", tt.name, got)
		}
	}
	plain := errors.New("not about a path")
	if got := fileError("scan", plain, false); got != plain {
		t.Errorf("an error about no path: got %v, want it unchanged", got)
	}
}
