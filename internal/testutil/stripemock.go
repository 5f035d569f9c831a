package testutil

import (
	"bufio"
	"errors"
	"fmt"
	"go/build"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ErrNoStripeMock is returned when the stripe-mock binary is not installed.
// .ci/run installs it: go install github.com/stripe/stripe-mock@v0.203.0.
var ErrNoStripeMock = errors.New("stripe-mock is not installed: go install github.com/stripe/stripe-mock@v0.203.0 (as .ci/run does)")

// StripeMock is a running stripe-mock, Stripe's mock of its API, which
// checks every request against Stripe's OpenAPI spec.
type StripeMock struct {
	URL  string // e.g. http://127.0.0.1:41234
	cmd  *exec.Cmd
	done chan struct{}
}

// StripeMockPath finds stripe-mock on PATH, in $GOBIN or in $GOPATH/bin,
// where go install puts it.
func StripeMockPath() (string, error) {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p, nil
	}
	dirs := []string{os.Getenv("GOBIN")}
	for _, gp := range filepath.SplitList(build.Default.GOPATH) {
		dirs = append(dirs, filepath.Join(gp, "bin"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, "stripe-mock")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", ErrNoStripeMock
}

// StartStripeMock starts stripe-mock serving fixtures (a JSON fixtures file,
// "" for its bundled ones) over HTTP on a free loopback port, and returns
// once it listens. Close stops it.
func StartStripeMock(fixtures string) (*StripeMock, error) {
	bin, err := StripeMockPath()
	if err != nil {
		return nil, err
	}
	// Both listeners on port 0: by default stripe-mock also opens HTTPS on
	// the fixed port 12112, which parallel test runs would fight over.
	args := []string{"-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0"}
	if fixtures != "" {
		args = append(args, "-fixtures", fixtures)
	}
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, n: 64 << 10}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting stripe-mock: %w", err)
	}
	m := &StripeMock{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		// Read the address it listens on, then keep draining its output.
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "Listening for HTTP at address: "); ok {
				addr <- a
			}
		}
		close(addr)
		_ = cmd.Wait()
		close(m.done)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			<-m.done
			return nil, fmt.Errorf("stripe-mock exited before listening: %s", stderr.String())
		}
		m.URL = "http://" + a
		return m, nil
	case <-time.After(60 * time.Second): // it parses an 8 MB spec; the machine may be busy
		m.Close()
		return nil, fmt.Errorf("stripe-mock did not listen within 60s: %s", stderr.String())
	}
}

// Close stops stripe-mock and waits for it to exit.
func (m *StripeMock) Close() {
	_ = m.cmd.Process.Kill()
	<-m.done
}

// StripeMockURL starts stripe-mock for the test (see StartStripeMock) and
// returns its URL; it stops when the test ends. Without stripe-mock the
// test is skipped, except under CI=true, where it fails.
func StripeMockURL(t testing.TB, fixtures string) string {
	t.Helper()
	m, err := StartStripeMock(fixtures)
	if errors.Is(err, ErrNoStripeMock) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m.URL
}

// limitedWriter keeps the first n bytes written to it and drops the rest.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		_, _ = l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
