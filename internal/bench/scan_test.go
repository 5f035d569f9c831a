package bench

import (
	"errors"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkScan times `paylink validate --scan` over a large real tree, the
// Go module cache (or PAYLINK_BENCH_SCAN_DIR), against `grep -rIiF` looking
// for the Stripe host in the same tree: the cost of finding and checking
// links compared with only finding the bytes. Both read every file, so the
// page cache serves them alike after the warm-up.
func BenchmarkScan(b *testing.B) {
	dir := os.Getenv("PAYLINK_BENCH_SCAN_DIR")
	if dir == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			b.Fatal(err)
		}
		dir = string(trimNewline(out))
	}
	if _, err := os.Stat(dir); err != nil {
		b.Fatalf("scan tree: %v", err)
	}
	grep, err := exec.LookPath("grep")
	if err != nil {
		b.Fatal("grep, the baseline, is not installed")
	}
	subject := runFound(paylinkBinary(b), "validate", "--scan", dir)
	baseline := runFound(grep, "-rIiF", "stripe.com", dir)
	_, _ = subject(), baseline() // warm the page cache for both
	for b.Loop() {
		alternate(b, 5, subject, baseline)
	}
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

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
