package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestMain lets the test binary act as the paylink command inside scripts,
// so testscript runs the real command tree, not a copy of its wiring.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"paylink": func() { os.Exit(cmd.Execute(os.Args[1:], iostreams.System())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// user's session with paylink.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// Scripts see neither the developer's config nor their variables.
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("NO_COLOR", "")
			// Inputs a shell script cannot spell: invalid UTF-8, 100 kB.
			env.Setenv("badutf8", "\xff\xfe")
			env.Setenv("big", strings.Repeat("%zz\x01\xff", 20_000))         // 100 kB of junk
			bigQuery := "?" + strings.Repeat("a=b&", 25_000) + "k=%E2%9C%93" // 100 kB, valid
			env.Setenv("bigquery", bigQuery)
			want := "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr" + bigQuery + "&utm_source=a\n"
			if err := os.WriteFile(filepath.Join(env.WorkDir, "bigquery-built.txt"), []byte(want), 0o644); err != nil {
				return err
			}

			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode": exitCode,
		},
	})
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
