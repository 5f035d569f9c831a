package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// aptLine finds the packages of each `apt-get install` line in a file,
// options left out.
var aptLine = regexp.MustCompile(`apt-get install ([^\n]+)`)

func aptPackages(t *testing.T, file string) [][]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, m := range aptLine.FindAllStringSubmatch(string(b), -1) {
		var pkgs []string
		for _, w := range strings.Fields(m[1]) {
			if !strings.HasPrefix(w, "-") {
				pkgs = append(pkgs, w)
			}
		}
		lines = append(lines, pkgs)
	}
	return lines
}

// TestSetupLineMatchesCI: the README documents one apt-get line, and CI
// installs exactly those packages, so a fresh clone set up as the README
// says passes `CI=true make test` as CI does.
func TestSetupLineMatchesCI(t *testing.T) {
	readme := aptPackages(t, "README.md")
	ci := aptPackages(t, ".ci/run")
	if len(readme) != 1 || len(ci) != 1 {
		t.Fatalf("want one apt-get install line in README.md and in .ci/run, found %d and %d", len(readme), len(ci))
	}
	if !slices.Equal(readme[0], ci[0]) {
		t.Errorf("README.md installs %q, .ci/run %q", readme[0], ci[0])
	}
	// The programs the tests start for real, by package.
	for _, want := range []string{"xvfb", "xclip", "zbar-tools", "tmux", "pre-commit", "git"} {
		if !slices.Contains(readme[0], want) {
			t.Errorf("the README's apt-get line lacks %s, which the tests run under CI=true", want)
		}
	}
}

// TestMakeFuzzRunsEveryTarget: `make fuzz` names each fuzz target, so a new
// one is fuzzed in CI and not only run on its seed corpus.
func TestMakeFuzzRunsEveryTarget(t *testing.T) {
	makefile, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	fuzzFunc := regexp.MustCompile(`(?m)^func (Fuzz\w*)\(`)
	found := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range fuzzFunc.FindAllSubmatch(src, -1) {
			found++
			target := fmt.Sprintf("-fuzz '^%s$$' -fuzztime $(", m[1])
			pkg := " ./" + filepath.ToSlash(filepath.Dir(path)) + "\n"
			line := lineHolding(string(makefile), target)
			if line == "" || !strings.HasSuffix(line+"\n", pkg) {
				t.Errorf("%s (%s): make fuzz has no line fuzzing it in%s", m[1], path, pkg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 8 {
		t.Errorf("found %d fuzz targets, want at least the 8 there were when this test was written", found)
	}
}

func lineHolding(text, part string) string {
	for line := range strings.Lines(text) {
		if strings.Contains(line, part) {
			return strings.TrimRight(line, "\n")
		}
	}
	return ""
}
