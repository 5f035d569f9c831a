package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/scan"
)

// TestRealWorldCorpusFix runs validate --scan --fix on a copy of the
// real-world corpus: a second scan finds nothing left to repair (--diff
// prints nothing), only bytes inside links changed (every line reads the
// same once its links are blanked out, before and after), and a second
// --fix changes nothing.
func TestRealWorldCorpusFix(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(realWorldDir)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	if _, stderr, code := validate(t, "", "--scan", dir, "--fix"); code == 2 {
		t.Fatalf("--fix: exit 2: %s", stderr)
	}
	after := readTree(t, dir)
	changed := 0
	for name, old := range before {
		if after[name] == old {
			continue
		}
		changed++
		if blankLinks(t, name, old) != blankLinks(t, name, after[name]) {
			t.Errorf("%s: --fix changed bytes outside its links", name)
		}
	}
	t.Logf("--fix repaired %d of %d files", changed, len(before))
	if changed == 0 {
		t.Error("--fix repaired nothing: the corpus has repairable links (EXPECTED)")
	}
	if out, _, _ := validate(t, "", "--scan", dir, "--diff"); out != "" {
		t.Errorf("--diff after --fix shows more to repair:\n%s", out)
	}
	validate(t, "", "--scan", dir, "--fix")
	for name, data := range readTree(t, dir) {
		if data != after[name] {
			t.Errorf("%s: a second --fix changed it", name)
		}
	}
}

// readTree reads every file under dir, by name relative to it.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// blankLinks is text with the bytes of each payment link a scan finds in
// it (a link cut by a space with the rest of its query) replaced by one
// "<link>".
func blankLinks(t *testing.T, name, text string) string {
	t.Helper()
	var b strings.Builder
	f := scan.Finder{Syntax: scan.SyntaxOf(name)}
	for raw := range strings.SplitSeq(text, "\n") {
		line := strings.TrimSuffix(raw, "\r")
		at := 0
		for _, c := range f.Candidates(line) {
			w := c.Written()
			if w.Start < at {
				continue
			}
			b.WriteString(line[at:w.Start])
			b.WriteString("<link>")
			at = max(w.End, w.CutEnd)
		}
		b.WriteString(raw[at:])
		b.WriteByte('\n')
	}
	return b.String()
}
