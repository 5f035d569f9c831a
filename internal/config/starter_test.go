package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// An example in the starter file is a run of comment lines whose '#' is
// followed by two spaces or more: removing the '#' alone makes them YAML.
// Prose comments have one space after '#'.
var exampleLine = regexp.MustCompile(`^\s*#\s\s+\S`)

// examples returns the starter's example blocks, each as the indexes of its
// lines.
func examples(lines []string) [][]int {
	var blocks [][]int
	for i, l := range lines {
		if !exampleLine.MatchString(l) {
			continue
		}
		if i > 0 && exampleLine.MatchString(lines[i-1]) {
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], i)
		} else {
			blocks = append(blocks, []int{i})
		}
	}
	return blocks
}

// uncomment removes the first '#' of each line of block.
func uncomment(lines []string, blocks ...[]int) string {
	out := append([]string(nil), lines...)
	for _, b := range blocks {
		for _, i := range b {
			out[i] = strings.Replace(out[i], "#", "", 1)
		}
	}
	return strings.Join(out, "\n")
}

func loadText(t *testing.T, body string) (*Config, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(Source{Path: p})
}

// The starter file loads as written, and every commented example in it
// works once its '#' is removed: alone, and all of them together. Each
// changes what is loaded, so the test would notice an example that is
// silently ignored.
func TestStarterExamplesWork(t *testing.T) {
	lines := strings.Split(Starter, "\n")
	plain, err := loadText(t, Starter)
	if err != nil {
		t.Fatalf("the starter file as written: %v", err)
	}
	blocks := examples(lines)
	// domains, two more presets, required, allowed, patterns, channels,
	// aliases
	if len(blocks) != 7 {
		t.Fatalf("found %d example blocks, want 7: %v", len(blocks), blocks)
	}
	for _, b := range blocks {
		body := uncomment(lines, b)
		c, err := loadText(t, body)
		if err != nil {
			t.Errorf("uncommenting line %d: %v\n%s", b[0]+1, err, body)
			continue
		}
		if reflect.DeepEqual(c.Domains, plain.Domains) && reflect.DeepEqual(c.Presets, plain.Presets) && reflect.DeepEqual(c.Policy, plain.Policy) {
			t.Errorf("uncommenting line %d changed nothing", b[0]+1)
		}
	}
	c, err := loadText(t, uncomment(lines, blocks...))
	if err != nil {
		t.Fatalf("all examples uncommented: %v", err)
	}
	if len(c.Domains) != 1 || len(c.Presets) != 3 || c.Policy == nil || len(c.Policy.Required) != 3 ||
		len(c.Policy.Allowed["utm_medium"]) != 4 || c.Policy.Patterns["utm_campaign"] == nil ||
		len(c.Policy.Channels) != 4 || len(c.Aliases["utm_source"]) != 4 || c.Aliases["utm_medium"]["newsletter"] != "email" {
		t.Errorf("all examples uncommented: %+v, policy %+v", c, c.Policy)
	}
	// The preset example allows Paid Social only, in place of the file's
	// channels.
	if p := c.PolicyFor("meta-ads"); len(p.Channels) != 1 || p.Channels[0] != "Paid Social" {
		t.Errorf("meta-ads channels %v", p.Channels)
	}
}

// A YAML syntax error names the line the user edited, not the line where
// the parser's construct began: a list item added under "domains: []"
// (which already closed the list) is reported at its own line.
func TestYAMLSyntaxErrorNamesTheEditedLine(t *testing.T) {
	body := "# team config\nstrict: true\ndomains: []\n\n  - pay.example.com\nlowercase: true\n"
	_, err := loadText(t, body)
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 5 || !strings.Contains(ce.Msg, "syntax error: did not find expected key (the parser noticed it at line") {
		t.Errorf("got %v, want line 5", err)
	}
	// Where the parser names the right line, it stays.
	_, err = loadText(t, "strict: true\npresets:\n  a: b: c\n")
	if !errors.As(err, &ce) || ce.Line != 3 || strings.Contains(ce.Msg, "noticed") {
		t.Errorf("got %v, want line 3 as the parser said", err)
	}
}
