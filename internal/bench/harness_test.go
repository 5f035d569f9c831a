// Package bench measures paylink as a user runs it: whole processes, each
// timed against a baseline program run alternately in the same benchmark, so
// the figures are ratios that survive a shared, noisy machine.
package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

var (
	paylinkOnce sync.Once
	paylinkBin  string
	paylinkErr  error
)

// paylinkBinary builds paylink once per run, the way `make build` does, into
// a folder removed when the process ends.
func paylinkBinary(b *testing.B) string {
	b.Helper()
	paylinkOnce.Do(func() {
		dir, err := os.MkdirTemp("", "paylink-bench-")
		if err != nil {
			paylinkErr = err
			return
		}
		paylinkBin = filepath.Join(dir, "paylink")
		// Built as it ships (make build, make cross, .goreleaser.yaml): a
		// static binary without cgo. With cgo, net (linked for the Stripe
		// commands) makes the binary load libc at every start, about 0.9 ms
		// of CPU that paylink never uses.
		build := exec.Command("go", "build", "-trimpath", "-o", paylinkBin, "../..")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			paylinkErr = &buildError{string(out), err}
		}
	})
	if paylinkErr != nil {
		b.Fatal(paylinkErr)
	}
	return paylinkBin
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }
func (e *buildError) Unwrap() error { return e.err }

// goProgram builds a one-file Go program from src into dir and returns its path.
func goProgram(b *testing.B, dir, name, src string) string {
	b.Helper()
	srcDir := filepath.Join(dir, name+"-src")
	if err := os.MkdirAll(srcDir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, "main.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(srcDir, "go.mod"), []byte("module "+name+"\n\ngo 1.26\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, name)
	c := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	c.Dir = srcDir
	c.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := c.CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", name, err, out)
	}
	return bin
}

// alternate runs subject and baseline one after the other, n times each, and
// reports the ratio of their median wall times as "x-baseline" (and each
// median in ms for context). Alternating spreads the machine's noise evenly
// over both.
func alternate(b *testing.B, n int, subject, baseline func() error) float64 {
	b.Helper()
	var subj, base []time.Duration
	for range n {
		for _, r := range []struct {
			run  func() error
			into *[]time.Duration
		}{{subject, &subj}, {baseline, &base}} {
			runtime.GC()
			start := time.Now()
			if err := r.run(); err != nil {
				b.Fatal(err)
			}
			*r.into = append(*r.into, time.Since(start))
		}
	}
	ratio := float64(median(subj)) / float64(median(base))
	b.ReportMetric(ratio, "x-baseline")
	b.ReportMetric(float64(median(subj))/1e6, "subject-ms")
	b.ReportMetric(float64(median(base))/1e6, "baseline-ms")
	return ratio
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// run executes a command, discarding its output, and fails with its stderr.
func run(name string, args ...string) func() error {
	return func() error {
		c := exec.Command(name, args...)
		c.Env = append(os.Environ(), "PAYLINK_CONFIG=", "HOME=/nonexistent", "XDG_CONFIG_HOME=/nonexistent")
		if out, err := c.CombinedOutput(); err != nil {
			return &buildError{string(out), err}
		}
		return nil
	}
}
