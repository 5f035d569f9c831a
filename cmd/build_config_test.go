package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
)

// buildOpts runs build's flag parsing and config layers with args, in a
// working directory holding paylink.yaml with body, and returns the options
// the run function would get.
func buildOpts(t *testing.T, body string, env map[string]string, args ...string) (*BuildOptions, error) {
	t.Helper()
	dir := t.TempDir()
	if body != "" {
		if err := os.WriteFile(filepath.Join(dir, "paylink.yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	vars := map[string]string{"XDG_CONFIG_HOME": dir} // no paylink/ folder there: only the working directory counts
	for k, v := range env {
		vars[k] = v
	}
	streams, _, _, _ := iostreams.Test()
	f := envFactory(streams, vars)
	var got *BuildOptions
	root := underRoot(f, NewBuildCmd(f, func(o *BuildOptions) error { got = o; return nil }))
	root.SetArgs(append([]string{"build", "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"}, args...))
	err := root.Execute()
	return got, err
}

const layered = `
strict: true
domains: [pay.example.com]
presets:
  p:
    utm_source: preset
    utm_medium: preset
`

// Each layer beats the ones below it: flag > environment > preset > file.
func TestBuildPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name       string
		env        map[string]string
		args       []string
		wantSource string
		wantStrict bool
	}{
		{"file and preset", nil, []string{"-p", "p"}, "preset", true},
		{"env beats preset and file", map[string]string{"PAYLINK_UTM_SOURCE": "env", "PAYLINK_STRICT": "false"}, []string{"-p", "p"}, "env", false},
		{"flag beats env", map[string]string{"PAYLINK_UTM_SOURCE": "env", "PAYLINK_STRICT": "true"}, []string{"-p", "p", "-s", "flag", "--strict=false"}, "flag", false},
		{"preset from env", map[string]string{"PAYLINK_PRESET": "p"}, nil, "preset", true},
		{"empty flag removes", nil, []string{"-p", "p", "--utm-source="}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := buildOpts(t, layered, tc.env, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !o.Values.Set[link.UTMSource] || o.Values.Value[link.UTMSource] != tc.wantSource {
				t.Errorf("utm_source = %q (set %v), want %q", o.Values.Value[link.UTMSource], o.Values.Set[link.UTMSource], tc.wantSource)
			}
			if o.Values.Value[link.UTMMedium] != "preset" {
				t.Errorf("utm_medium = %q, want the preset's", o.Values.Value[link.UTMMedium])
			}
			if o.Link.Strict != tc.wantStrict {
				t.Errorf("strict = %v, want %v", o.Link.Strict, tc.wantStrict)
			}
			if o.Preset == nil || o.Policy != nil {
				t.Errorf("Preset set: %v, Policy: %v; want a Preset func and no policy", o.Preset != nil, o.Policy)
			}
		})
	}
}

// The file's domains are added to --allow-domain and PAYLINK_ALLOW_DOMAIN.
func TestBuildDomainsAddUp(t *testing.T) {
	o, err := buildOpts(t, layered, map[string]string{"PAYLINK_ALLOW_DOMAIN": "a.example.com, b.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.example.com", "b.example.com", "pay.example.com"}; !slices.Equal(o.Domains, want) {
		t.Errorf("domains = %q, want %q", o.Domains, want)
	}
}

// Without a config file, bulk rows naming a preset must be told so: Preset is nil.
func TestBuildNoConfig(t *testing.T) {
	o, err := buildOpts(t, "", nil, "-s", "a")
	if err != nil {
		t.Fatal(err)
	}
	if o.Preset != nil || o.Policy != nil || o.Link.Strict {
		t.Errorf("no config: Preset %v, Policy %v, Strict %v", o.Preset != nil, o.Policy, o.Link.Strict)
	}
}

// BuildOptions.Preset, for bulk rows, answers with the preset's values or
// an error listing the known presets.
func TestBuildPresetFunc(t *testing.T) {
	o, err := buildOpts(t, layered, nil)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := o.Preset("P")
	if err != nil || vals.Value[link.UTMSource] != "preset" {
		t.Errorf("Preset(P) = %+v, %v", vals, err)
	}
	wd, _ := os.Getwd()
	want := `unknown preset "zzz"; presets in ` + filepath.Join(wd, "paylink.yaml") + `: p`
	if _, err := o.Preset("zzz"); err == nil || err.Error() != want {
		t.Errorf("Preset(zzz) error = %v, want %s", err, want)
	}
}
