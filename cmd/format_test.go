package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// formatWords are the words each command's --format takes, worked out from
// the README's table of formats: every command takes json; text and table
// are synonyms on every command that draws a table.
var formatWords = map[string][]string{
	"paylink build":        {"text", "json", "csv", "jsonl", "lines"},
	"paylink validate":     {"text", "json", "jsonl", "github", "sarif"},
	"paylink inspect":      {"text", "table", "json", "jsonl"},
	"paylink links":        {"table", "text", "csv", "json", "jsonl"},
	"paylink links update": {"text", "json"},
	"paylink create":       {"text", "json"},
	"paylink reconcile":    {"table", "text", "csv", "json"},
	"paylink presets list": {"text", "table", "json"},
	"paylink presets show": {"text", "json"},
	"paylink version":      {"text", "json"},
	"paylink config path":  {"text", "json"},
}

// TestFormatWords: every command with --format takes the words of the one
// vocabulary meant for it, a command added later included (it must be
// listed above), and refuses any other with the one message that lists them.
func TestFormatWords(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	root := NewRootCmd(testFactory(streams))
	seen := map[string]bool{}
	walk(root, func(c *cobra.Command) {
		f := c.LocalFlags().Lookup("format")
		if f == nil {
			return
		}
		path := c.CommandPath()
		seen[path] = true
		want, ok := formatWords[path]
		if !ok {
			t.Errorf("%s has --format; list its words in formatWords", path)
			return
		}
		if got := cmdutil.Words(f); !slices.Equal(got, want) {
			t.Errorf("%s --format takes %q, want %q", path, got, want)
		}
		if !slices.Contains(want, "json") {
			t.Errorf("%s: every command takes --format json", path)
		}
		err := f.Value.Set("Yaml")
		wantErr := `--format "yaml": use ` + cmdutil.List(want)
		if err == nil || err.Error() != wantErr {
			t.Errorf("%s --format Yaml: %v, want %q", path, err, wantErr)
		}
	})
	for path := range formatWords {
		if !seen[path] {
			t.Errorf("%s has no --format", path)
		}
	}
}

// TestJSONFlagSuggestsFormat: --json, the flag of gh and others, points
// to --format json on every command that prints JSON.
func TestJSONFlagSuggestsFormat(t *testing.T) {
	for _, args := range [][]string{{"validate", "--json", "x"}, {"links", "--json"}, {"presets", "list", "--JSON"}} {
		streams, _, _, errOut := iostreams.Test()
		if code := ExecuteFactory(args, testFactory(streams)); code != exitcode.Usage {
			t.Errorf("%q: exit %d, want %d", args, code, exitcode.Usage)
		}
		if !strings.Contains(errOut.String(), "(did you mean --format json?)") {
			t.Errorf("%q: stderr %q", args, errOut)
		}
	}
}

// walk calls visit on c and every command under it.
func walk(c *cobra.Command, visit func(*cobra.Command)) {
	visit(c)
	for _, sub := range c.Commands() {
		walk(sub, visit)
	}
}
