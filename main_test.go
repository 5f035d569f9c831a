package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestMain lets the test binary act as the paylink command inside scripts,
// so testscript runs the real command tree, not a copy of its wiring.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) != "paylink" { // the test run, not a script's paylink
		hermetic()
	}
	testscript.Main(m, map[string]func(){
		"paylink": func() { os.Exit(cmd.Execute(os.Args[1:], iostreams.System())) },
	})
}

// hermetic keeps the developer's machine out of the tests that run paylink
// outside a script (the GitHub Action's steps, the pre-commit hook): no
// PAYLINK_ variable, and a config folder that does not exist, so neither
// ~/.config/paylink nor $XDG_CONFIG_HOME/paylink is read. HOME is left alone:
// Go and pre-commit keep their caches under it. Scripts set up their own
// environment (scriptParams).
func hermetic() {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "PAYLINK_") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(os.TempDir(), fmt.Sprintf("paylink-test-no-config-%d", os.Getpid())))
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// user's session with paylink.
func TestScripts(t *testing.T) {
	// Parallel with the other slow top-level tests (the pre-commit hook,
	// the action's installs): they wait on builds while scripts run.
	t.Parallel()
	testscript.Run(t, scriptParams())
}

// scriptParams is how every script runs: its setup, conditions and commands.
func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// Scripts see neither the developer's config nor their variables.
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("NO_COLOR", "")
			// Inputs a shell script cannot spell: invalid UTF-8, 100 kB, 15 kB.
			env.Setenv("badutf8", "\xff\xfe")
			env.Setenv("big", strings.Repeat("%zz\x01\xff", 20_000))        // 100 kB of junk
			bigQuery := "?" + strings.Repeat("a=b&", 3_900) + "k=%E2%9C%93" // 15 kB, valid, under link.MaxLen
			env.Setenv("bigquery", bigQuery)
			// Metadata values a shell script cannot spell: an ANSI escape, 501 characters.
			env.Setenv("ansi", "a\x1b[2Jb")
			env.Setenv("long501", strings.Repeat("v", 501))
			env.Setenv("hugequery", "?"+strings.Repeat("a=b&", 25_000)+"k=%E2%9C%93") // 100 kB, over link.MaxLen
			want := "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr" + bigQuery + "&utm_source=a\n"
			if err := os.WriteFile(filepath.Join(env.WorkDir, "bigquery-built.txt"), []byte(want), 0o644); err != nil {
				return err
			}

			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "tmux":
				return hasTmux()
			case "stripemock":
				return hasStripeMock()
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode":     exitCode,
			"stripemock":   startStripeMock,
			"stripereplay": startStripeReplay,
			"nokey":        noKey,
			"redactkeys":   redactKeys,
			"terminal":     onTerminal,
		},
	}
}

// exitCode runs "exitcode N PROGRAM ARGS..." and fails unless PROGRAM exits
// with status N: `! exec` alone cannot tell exit 1 from exit 2.
func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	var exit *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// onTerminal runs "terminal COLUMNS FILE PROGRAM ARGS...": PROGRAM on a
// real terminal COLUMNS wide (a detached tmux session on a socket of its
// own), then writes to FILE what the screen shows, the lines the terminal
// wrapped joined again, trailing spaces and blank lines dropped. It fails
// unless PROGRAM exits 0. Scripts guard it with [!tmux] skip.
func onTerminal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: terminal COLUMNS FILE PROGRAM [ARGS...]")
	}
	// A Unix socket path holds about 100 bytes: $WORK is too deep for one.
	dir, err := os.MkdirTemp("", "tmux")
	ts.Check(err)
	defer os.RemoveAll(dir)
	sock, exitFile := filepath.Join(dir, "s"), filepath.Join(dir, "exit")
	tmux := func(a ...string) error {
		return ts.Exec("tmux", append([]string{"-S", sock, "-f", "/dev/null"}, a...)...)
	}
	// The pane runs PROGRAM, records its exit status, and stays open to be read.
	run := append([]string{"new-session", "-d", "-x", args[0], "-y", "50", "sh", "-c",
		`"$@"; echo $? > "$0"; exec sleep 600`, exitFile}, args[2:]...)
	ts.Check(tmux(run...))
	defer tmux("kill-server")
	status := waitFile(ts, exitFile)
	ts.Check(tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-"))
	var lines []string
	for _, l := range strings.Split(ts.ReadFile("stdout"), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	text := strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
	if status != "0" {
		ts.Fatalf("%s exited with %s on the terminal; screen:\n%s", args[2], status, text)
	}
}

// hasTmux is the [tmux] condition: a test of what a terminal does runs a
// real one. Without tmux such a script is skipped, except under CI=true,
// where the condition is an error and the script fails.
func hasTmux() (bool, error) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			return false, fmt.Errorf("tmux is needed to test on a real terminal (CI=true): %v", err)
		}
		return false, nil
	}
	return true, nil
}

// waitFile waits up to 30 s for the exit status a terminal's program writes.
func waitFile(ts *testscript.TestScript, name string) string {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(name); err == nil && strings.HasSuffix(string(b), "\n") {
			return strings.TrimSpace(string(b))
		}
	}
	ts.Fatalf("the program on the terminal did not finish in 30 s")
	return ""
}

// TestScriptsAssertExitCodes: every failing command in the scripts says
// which exit code it wants, since the exit codes are part of the contract
// (1 a bad value, 2 a usage or config error): "! exec" passes for either.
// A script asserts one with "exitcode N PROGRAM ...", or runs the program
// through code.sh, which prints "exit N", and checks that line next.
func TestScriptsAssertExitCodes(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	negExec := regexp.MustCompile(`^(\[[^]]*\]\s*)*!\s*exec\s`)
	viaCodeSh := regexp.MustCompile(`^(\[[^]]*\]\s*)*exec\s+sh\s+code\.sh\s`)
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(ar.Comment), "\n")
		for i, line := range lines {
			line = strings.TrimSpace(line)
			switch {
			case negExec.MatchString(line):
				t.Errorf("%s:%d: %q asserts no exit code; write exitcode N %s", file, i+1, line, negExec.ReplaceAllString(line, ""))
			case viaCodeSh.MatchString(line) && !checksExitLine(ar, assertions(lines[i+1:])):
				t.Errorf("%s:%d: %q is not followed by a check of its \"exit N\" line", file, i+1, line)
			}
		}
	}
}

// assertions are the checks that follow a command in a script (stdout,
// stderr, cmp and their negations), comments and blank lines skipped, up
// to the next command.
func assertions(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(strings.TrimPrefix(l, "! "), "stdout "),
			strings.HasPrefix(strings.TrimPrefix(l, "! "), "stderr "),
			strings.HasPrefix(l, "cmp "):
			out = append(out, l)
		default:
			return out
		}
	}
	return out
}

// checksExitLine reports whether one of the checks is of code.sh's "exit N"
// line: a stdout pattern naming it, or a cmp against a file of the archive
// that ends with it.
func checksExitLine(ar *txtar.Archive, checks []string) bool {
	for _, c := range checks {
		if strings.HasPrefix(c, "stdout ") && regexp.MustCompile(`exit [0-9]`).MatchString(c) {
			return true
		}
		name, ok := strings.CutPrefix(c, "cmp stdout ")
		if !ok {
			continue
		}
		for _, f := range ar.Files {
			if f.Name == strings.TrimSpace(name) && regexp.MustCompile(`(?m)^exit [0-9]+\n?\z`).Match(f.Data) {
				return true
			}
		}
	}
	return false
}
