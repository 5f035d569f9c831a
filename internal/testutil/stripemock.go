package testutil

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrNoStripeMock is returned when stripe-mock cannot be built from the
// tools module (tools/go.mod pins it), e.g. offline with an empty module
// cache. Nothing needs installing: the Go toolchain builds it.
var ErrNoStripeMock = errors.New("stripe-mock could not be built from tools/go.mod (go tool -modfile=tools/go.mod -n stripe-mock)")

// StripeMock is a running stripe-mock, Stripe's mock of its API, which
// checks every request against Stripe's OpenAPI spec.
type StripeMock struct {
	URL  string // e.g. http://127.0.0.1:41234
	cmd  *exec.Cmd
	done chan struct{}
}

// stripeMockPath is built once per test binary: every later call gets the
// same answer without asking the go command again.
var stripeMockPath = sync.OnceValues(buildStripeMock)

// StripeMockPath returns the stripe-mock that tools/go.mod pins, built by
// the go command into its build cache (a second test package finds it
// there already built). A stripe-mock on PATH is not used: the fixtures are
// derived from this version's.
func StripeMockPath() (string, error) {
	return stripeMockPath()
}

func buildStripeMock() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoStripeMock, err)
	}
	// go tool -n builds the tool into the build cache and prints its path
	// instead of running it, so that Close can stop stripe-mock itself
	// rather than a go command in front of it.
	cmd := exec.Command("go", "tool", "-modfile=tools/go.mod", "-n", "stripe-mock")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off") // -modfile refuses workspaces
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, n: 8 << 10}
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: %v\n%s", ErrNoStripeMock, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot is the folder of paylink's go.mod, found from the working
// directory upwards (go test runs each package in its own folder).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "tools", "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no tools/go.mod above the working directory")
		}
		dir = parent
	}
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
