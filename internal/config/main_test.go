package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain makes the package's tests hermetic: no PAYLINK_ variable of the
// developer's, and HOME and XDG_CONFIG_HOME in a temporary folder, so that
// nothing reads ~/.config/paylink. Discovery gets its environment as an
// Env; this guards what reads the process's own (SystemEnv).
func TestMain(m *testing.M) {
	os.Exit(runHermetic(m))
}

func runHermetic(m *testing.M) int {
	home, err := os.MkdirTemp("", "paylink-config-test-home-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(home)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, EnvPrefix+"_") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	return m.Run()
}
