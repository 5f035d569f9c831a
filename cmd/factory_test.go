package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

const customLink = "https://pay.example.com/b/eVa5nPg1j1wmfXq5kr"

// runPaylink runs paylink with args in dir, with the environment env only,
// and returns its exit code, stdout and stderr.
func runPaylink(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	streams, _, out, errOut := iostreams.Test()
	code := ExecuteFactory(args, envFactory(streams, env))
	return code, out.String(), errOut.String()
}

// One binder serves every command that checks links: the config file's
// domains make a link on a custom domain one that build, validate and
// inspect all accept; --no-config and PAYLINK_NO_CONFIG=1 take them away
// from all three.
func TestConfigDomainsForEveryLinkCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "paylink.yaml"), []byte("domains: [pay.example.com]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	home := map[string]string{"HOME": dir}
	commands := [][]string{
		{"build", customLink, "-s", "a"},
		{"validate", customLink},
		{"inspect", customLink},
	}
	for _, args := range commands {
		if code, _, errOut := runPaylink(t, dir, home, args...); code != exitcode.OK {
			t.Errorf("%s with the file's domains: exit %d, stderr %q", args[0], code, errOut)
		}
		for _, off := range []struct {
			env  map[string]string
			args []string
		}{
			{home, []string{"--no-config"}},
			{map[string]string{"HOME": dir, "PAYLINK_NO_CONFIG": "1"}, nil},
		} {
			code, _, errOut := runPaylink(t, dir, off.env, append(args, off.args...)...)
			if code != exitcode.Invalid {
				t.Errorf("%s %v %v: exit %d, want 1 (no custom domain); stderr %q", args[0], off.args, off.env, code, errOut)
			}
		}
	}
}

// A variable set for one command's flag does not reach another's:
// PAYLINK_BUILD_FORMAT=csv (for build -i) and a bare PAYLINK_FORMAT leave
// validate and inspect printing text; PAYLINK_STRICT is build's strict, not
// validate's "warnings fail".
func TestEnvStaysWithItsCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": dir, "PAYLINK_BUILD_FORMAT": "csv", "PAYLINK_FORMAT": "csv", "PAYLINK_STRICT": "true"}
	warnOnly := vLink + "?utm_source=a&utm_id=1" // a warning: exit 0 unless validate --strict
	if code, out, errOut := runPaylink(t, dir, env, "validate", warnOnly); code != exitcode.OK || !strings.Contains(out, "utm_id: warning") {
		t.Errorf("validate: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, errOut := runPaylink(t, dir, env, "inspect", warnOnly); code != exitcode.OK || !strings.HasPrefix(out, "link ") {
		t.Errorf("inspect: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// Its own variable does reach it.
	env["PAYLINK_VALIDATE_STRICT"] = "true"
	if code, _, errOut := runPaylink(t, dir, env, "validate", warnOnly); code != exitcode.Invalid {
		t.Errorf("validate with PAYLINK_VALIDATE_STRICT: exit %d, want 1; stderr %q", code, errOut)
	}
}

// The variable names: shared settings PAYLINK_<FLAG>, a command's own
// flags PAYLINK_<COMMAND>_<FLAG>.
func TestEnvVarNames(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	f := testFactory(streams)
	root := NewRootCmd(f)
	for _, tc := range []struct {
		cmd, flag, want string
	}{
		{"build", "utm-source", "PAYLINK_UTM_SOURCE"},
		{"build", "strict", "PAYLINK_STRICT"},
		{"build", "format", "PAYLINK_BUILD_FORMAT"},
		{"validate", "strict", "PAYLINK_VALIDATE_STRICT"},
		{"validate", "allow-domain", "PAYLINK_ALLOW_DOMAIN"},
		{"inspect", "format", "PAYLINK_INSPECT_FORMAT"},
		{"presets list", "format", "PAYLINK_PRESETS_LIST_FORMAT"},
	} {
		c, _, err := root.Find(strings.Fields(tc.cmd))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.EnvVar(c, tc.flag); got != tc.want {
			t.Errorf("%s --%s: %s, want %s", tc.cmd, tc.flag, got, tc.want)
		}
	}
}
