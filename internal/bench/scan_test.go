package bench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScan times `paylink validate --scan` over a tree of source code
// of about 200 MB and 12,000 files, with payment links planted in it,
// against ripgrep looking for the Stripe host in the same tree
// (`rg -uuu -c 'stripe\.com'`: no ignore files, hidden and binary files
// read), alternately, 5 runs each. Without ripgrep the baseline is
// `grep -r -c`, and the benchmark says so. Goal: at most 1.5x. Before
// timing, paylink's findings are checked against what was planted.
//
// PAYLINK_BENCH_SCAN_DIR names another tree to scan as it is (nothing is
// planted in it or checked).
func BenchmarkScan(b *testing.B) {
	dir := os.Getenv("PAYLINK_BENCH_SCAN_DIR")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "tree")
		planted := writeScanTree(b, dir)
		checkScanFindings(b, paylinkBinary(b), dir, planted)
	}
	subject := runFound(paylinkBinary(b), "validate", "--scan", dir)
	name, baseline := scanBaseline(b, dir)
	_, _ = subject(), baseline() // warm the page cache for both
	for b.Loop() {
		ratio := alternate(b, 5, subject, baseline)
		b.Logf("scan: %.2fx %s (goal: at most 1.5x)", ratio, name)
	}
}

// scanBaseline is ripgrep, or grep -r where ripgrep is not installed.
func scanBaseline(b *testing.B, dir string) (string, func() error) {
	if rg, err := exec.LookPath("rg"); err == nil {
		return "rg -uuu -c 'stripe\\.com'", runFound(rg, "-uuu", "-c", `stripe\.com`, dir)
	}
	grep, err := exec.LookPath("grep")
	if err != nil {
		b.Fatal("neither ripgrep (rg) nor grep, the baselines, is installed")
	}
	b.Log("ripgrep (rg) is not installed: the baseline is grep -r -c instead, slower than ripgrep")
	return "grep -r -c 'stripe\\.com' (ripgrep not installed)", runFound(grep, "-r", "-c", `stripe\.com`, dir)
}

// The tree: a copy of GOROOT/src (about 133 MB in 11,500 files with Go
// 1.26), and generated files of real Go source (GOROOT's own, concatenated)
// until it holds scanTreeBytes; one text file in plantEvery gets a payment
// link.
const (
	scanTreeBytes = 200 << 20
	genFileBytes  = 128 << 10
	plantEvery    = 40
)

// planted counts the payment links written into the tree.
type planted struct {
	links, invalid int
	files, bytes   int64 // of the whole tree
}

// The planted links, in turn: valid; utm_source with a space (an error);
// the same error as JSON writes a URL, with its slashes escaped.
var plantedLinks = []struct {
	format  string
	invalid bool
}{
	{"// pay: https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=news&client_reference_id=bench-%d\n", false},
	{"// pay: https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=spring%%20sale&client_reference_id=bench-%d\n", true},
	{`{"url":"https:\/\/buy.stripe.com\/test_eVa5nPg1j1wmfXq5kr?utm_source=spring%%20sale&client_reference_id=bench-%d"}` + "\n", true},
}

// plantable files are text a scan reads line by line.
var plantable = map[string]bool{".go": true, ".s": true, ".c": true, ".h": true, ".md": true, ".txt": true, ".html": true, ".json": true}

func writeScanTree(b *testing.B, dir string) planted {
	b.Helper()
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Fatalf("go env GOROOT: %v", err)
	}
	src := filepath.Join(string(bytes.TrimSpace(goroot)), "src")
	var p planted
	var total int64
	var goSource []string // for the generated files
	n := 0
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			if err == nil && d.IsDir() {
				rel, _ := filepath.Rel(src, path)
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if plantable[filepath.Ext(path)] {
			if n%plantEvery == 0 {
				l := plantedLinks[p.links%len(plantedLinks)]
				data = append(bytes.Clone(data), fmt.Sprintf("\n"+l.format, p.links)...)
				p.links++
				if l.invalid {
					p.invalid++
				}
			}
			n++
			if filepath.Ext(path) == ".go" && len(goSource) < 4000 {
				goSource = append(goSource, path)
			}
		}
		total += int64(len(data))
		p.files++
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	files, size := writeGenerated(b, filepath.Join(dir, "generated"), goSource, scanTreeBytes-total)
	p.files += files
	p.bytes = total + size
	return p
}

// writeGenerated writes files of about genFileBytes, each GOROOT's Go files
// one after the other, until want bytes are written.
func writeGenerated(b *testing.B, dir string, sources []string, want int64) (files, size int64) {
	b.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	next := 0
	for i := 0; want > 0; i++ {
		var buf bytes.Buffer
		for buf.Len() < genFileBytes {
			data, err := os.ReadFile(sources[next%len(sources)])
			if err != nil {
				b.Fatal(err)
			}
			next++
			buf.Write(data)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen_%04d.go", i)), buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		want -= int64(buf.Len())
		files, size = files+1, size+int64(buf.Len())
	}
	return files, size
}

// checkScanFindings runs the scan once with --format json (one object per
// link found) and fails unless it found each planted link, and as invalid
// exactly those planted so; ripgrep (or grep) must count as many lines.
func checkScanFindings(b *testing.B, paylink, dir string, want planted) {
	b.Helper()
	c := exec.Command(paylink, "validate", "--scan", dir, "--format", "json")
	c.Env = append(os.Environ(), "PAYLINK_CONFIG=", "HOME=/nonexistent", "XDG_CONFIG_HOME=/nonexistent")
	out, err := c.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		b.Fatalf("paylink validate --scan: %v", err)
	}
	got := planted{files: want.files, bytes: want.bytes}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, "client_reference_id=bench-") {
			continue
		}
		got.links++
		if strings.Contains(line, `"valid":false`) {
			got.invalid++
		}
	}
	if got != want {
		b.Fatalf("paylink found %d planted links, %d invalid; planted %d, %d invalid", got.links, got.invalid, want.links, want.invalid)
	}
	if lines := countMatchingLines(b, dir); lines != want.links {
		b.Fatalf("%d lines of the tree hold stripe.com; planted %d", lines, want.links)
	}
	b.Logf("tree: %d files, %.0f MB; %d links planted (%d invalid), all found", want.files, float64(want.bytes)/1e6, want.links, want.invalid)
}

// countMatchingLines is the baseline's answer, counted here in Go.
func countMatchingLines(b *testing.B, dir string) int {
	b.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		for line := range bytes.Lines(data) {
			if bytes.Contains(line, []byte("stripe.com")) {
				n++
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// runFound is run for commands whose exit code 1 reports a finding (a link
// with an error, a grep with no match), not a failure.
func runFound(name string, args ...string) func() error {
	return func() error {
		c := exec.Command(name, args...)
		c.Env = append(os.Environ(), "PAYLINK_CONFIG=", "HOME=/nonexistent", "XDG_CONFIG_HOME=/nonexistent")
		out, err := c.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 {
			return nil
		}
		if err != nil {
			return &buildError{string(out[:min(len(out), 2000)]), err}
		}
		return nil
	}
}
