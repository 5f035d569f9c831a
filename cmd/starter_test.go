package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestStarterExamplesAgree: with every example of the starter config
// uncommented at once (a '#' followed by two spaces), each preset builds
// a link that the file's own policy (required, allowed, patterns,
// channels) lets through.
func TestStarterExamplesAgree(t *testing.T) {
	all := regexp.MustCompile(`(?m)^(\s*)#(  )`).ReplaceAllString(config.Starter, "$1$2")
	path := filepath.Join(t.TempDir(), "paylink.yaml")
	must(t, os.WriteFile(path, []byte(all), 0o644))
	cfg, err := config.Load(config.Source{Path: path, Rule: "--config"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.PresetNames()) != 3 || cfg.Policy == nil || len(cfg.Policy.Required) == 0 {
		t.Fatalf("the uncommenting missed examples: presets %v, policy %+v", cfg.PresetNames(), cfg.Policy)
	}
	for _, preset := range cfg.PresetNames() {
		streams, _, out, errOut := iostreams.Test()
		code := ExecuteFactory([]string{"build", "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr", "--config", path, "--preset", preset}, testFactory(streams))
		if code != exitcode.OK {
			t.Errorf("build --preset %s with every example: exit %d\n%s%s", preset, code, out, errOut)
		}
	}
}
