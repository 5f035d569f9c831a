package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestGoreleaserMatchesMakefile: the release builds the platforms make
// cross builds, without cgo, and stamps the variables make build stamps;
// its archives carry the README, completions and man pages. (goreleaser
// check, run by make release-check, validates the file's syntax; this
// checks that it says what the project means.)
func TestGoreleaserMatchesMakefile(t *testing.T) {
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int
		Before  struct{ Hooks []string }
		Builds  []struct {
			Env, Goos, Goarch, Flags, Ldflags []string
		}
		Archives []struct{ Files []string }
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("want version 2, one build, one archive: %+v", cfg)
	}
	b := cfg.Builds[0]
	var platforms []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			platforms = append(platforms, os+"/"+arch)
		}
	}
	slices.Sort(platforms)
	m := regexp.MustCompile(`(?m)^PLATFORMS := (.*)$`).FindSubmatch(mk)
	want := strings.Fields(string(m[1]))
	slices.Sort(want)
	if !slices.Equal(platforms, want) {
		t.Errorf("goreleaser builds %v, make cross %v", platforms, want)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build env %v lacks CGO_ENABLED=0", b.Env)
	}
	ld := strings.Join(b.Ldflags, " ")
	stamped := regexp.MustCompile(`-X (\S+)=\$\(`).FindAllSubmatch(mk, -1)
	if len(stamped) != 3 {
		t.Fatalf("the Makefile stamps %d variables, want version, commit and date", len(stamped))
	}
	for _, v := range stamped {
		if !strings.Contains(ld, "-X "+string(v[1])+"=") {
			t.Errorf("make build stamps %s, the release does not (ldflags %q)", v[1], ld)
		}
	}
	files := strings.Join(cfg.Archives[0].Files, " ")
	for _, f := range []string{"README.md", "completions/", "man/"} {
		if !strings.Contains(files, f) {
			t.Errorf("archives lack %s: %v", f, cfg.Archives[0].Files)
		}
	}
	if !slices.ContainsFunc(cfg.Before.Hooks, func(h string) bool { return strings.Contains(h, "./cmd/gendocs man") }) {
		t.Errorf("no hook writes the man pages into man/: %v", cfg.Before.Hooks)
	}
	if cfg.Checksum.NameTemplate == "" {
		t.Error("no checksum file")
	}
}
