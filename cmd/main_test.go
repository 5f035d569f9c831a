package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestMain makes every test of the package hermetic: no PAYLINK_ variable
// of the developer's, and HOME and the XDG folders in a temporary folder,
// so neither ~/.config/paylink nor an exported PAYLINK_UTM_MEDIUM changes a
// result. Commands get their environment through the Factory (testFactory
// gives none); this guards what still reads the process's own, such as the
// helper processes some tests start.
func TestMain(m *testing.M) {
	os.Exit(runHermetic(m))
}

func runHermetic(m *testing.M) int {
	home, err := os.MkdirTemp("", "paylink-cmd-test-home-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(home)
	for _, kv := range os.Environ() {
		// PAYLINK_..._HELPER marks the test binary started as paylink by a test.
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "PAYLINK_") && !strings.HasSuffix(k, "_HELPER") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("HOME", home)
	for _, k := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"} {
		os.Setenv(k, filepath.Join(home, strings.ToLower(strings.TrimPrefix(k, "XDG_"))))
	}
	os.Unsetenv("NO_COLOR")
	return m.Run()
}

// testFactory gives commands the streams and an empty environment.
func testFactory(streams *iostreams.IOStreams) *cmdutil.Factory {
	return envFactory(streams, nil)
}

// envFactory gives commands the streams and the environment env holds.
func envFactory(streams *iostreams.IOStreams, env map[string]string) *cmdutil.Factory {
	return &cmdutil.Factory{IO: streams, LookupEnv: func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	}}
}

// underRoot puts sub under a root command, with the binder, so that
// executing root runs sub as paylink would: environment and config file
// applied. It returns the root to execute.
func underRoot(f *cmdutil.Factory, sub *cobra.Command) *cobra.Command {
	root := newRoot(f)
	root.AddCommand(sub)
	return root
}
