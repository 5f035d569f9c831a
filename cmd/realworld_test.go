package cmd

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/printers"
)

// realWorldDir is the corpus of files holding Stripe payment links taken
// from public repositories; EXPECTED in it says, per file, where it came
// from and the problems a careful reader sees there.
const realWorldDir = "../testdata/realworld"

// finding is one problem: file, line, parameter ("link" for the link
// itself) and severity.
type finding struct {
	file, param, severity string
	line                  int
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.file, f.line, f.param, f.severity)
}

// TestRealWorldCorpus runs validate --scan over the corpus and measures it
// against the expectations written by hand: precision (how many reported
// problems are real) must be at least 95% and recall (how many real
// problems are reported) 100%. Run with -v to see the numbers.
func TestRealWorldCorpus(t *testing.T) {
	files, want := readExpected(t, filepath.Join(realWorldDir, "EXPECTED"))
	stdout, stderr, code := validate(t, "", "--scan", realWorldDir, "--format", "json")
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	got, scanned := parseFindings(t, stdout)
	for f := range scanned {
		if !slices.Contains(files, f) {
			t.Errorf("%s holds payment links but has no block in EXPECTED", f)
		}
	}
	tp, fp, fn := 0, 0, 0
	for _, g := range got {
		if slices.Contains(want, g) {
			tp++
		} else {
			fp++
			t.Logf("false alarm: %s", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			fn++
			t.Errorf("missed: %s", w)
		}
	}
	precision, recall := ratio(tp, tp+fp), ratio(tp, tp+fn)
	t.Logf("corpus: %d files; %d expected problems; reported %d: %d real, %d false alarms, %d missed",
		len(files), len(want), len(got), tp, fp, fn)
	t.Logf("precision %.1f%%, recall %.1f%%", 100*precision, 100*recall)
	if precision < 0.95 {
		t.Errorf("precision %.1f%% is below 95%%", 100*precision)
	}
	if recall < 1 {
		t.Errorf("recall %.1f%% is below 100%%", 100*recall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// readExpected reads EXPECTED: blocks of "file:", "from:" and "expect:"
// lines (see the file's header).
func readExpected(t *testing.T, path string) (files []string, want []finding) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	file := ""
	for n := 1; sc.Scan(); n++ {
		key, val, _ := strings.Cut(sc.Text(), ": ")
		switch key {
		case "file":
			file = val
			if _, err := os.Stat(filepath.Join(realWorldDir, file)); err != nil {
				t.Fatalf("EXPECTED:%d: %v", n, err)
			}
			files = append(files, file)
		case "expect":
			if val == "none" {
				continue
			}
			var f finding
			if _, err := fmt.Sscanf(val, "%d %s %s", &f.line, &f.param, &f.severity); err != nil {
				t.Fatalf("EXPECTED:%d: %q: %v", n, val, err)
			}
			f.file = file
			want = append(want, f)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return files, want
}

// parseFindings reads validate's JSON lines: the problems, and the files
// in which links were found.
func parseFindings(t *testing.T, stdout string) ([]finding, map[string]bool) {
	t.Helper()
	var out []finding
	scanned := map[string]bool{}
	for line := range strings.Lines(stdout) {
		var l printers.LinkJSON
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		rel, err := filepath.Rel(realWorldDir, l.File)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		scanned[rel] = true
		for _, p := range l.Problems {
			param := p.Param
			if param == "" {
				param = "link"
			}
			out = append(out, finding{rel, param, string(p.Severity), l.Line})
		}
	}
	return out, scanned
}
