package main

import (
	"os"
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
			return nil
		},
	})
}
