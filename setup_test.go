package main

import (
	"os"
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
