package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// complete runs the shell's completion request for args on the whole tree
// and returns what a shell would get: the candidates and the directive line.
func complete(t *testing.T, args ...string) string {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	if code := ExecuteFactory(append([]string{cobra.ShellCompRequestCmd}, args...), testFactory(streams)); code != exitcode.OK {
		t.Fatalf("completion of %q: exit %d, stderr %s", args, code, errOut)
	}
	return out.String()
}

// choiceFlags are the flags whose value is one of a few words.
var choiceFlags = map[string]bool{"format": true, "input-format": true, "fail-on": true}

// eachChoiceFlag calls visit for every flag of choiceFlags on every
// command of the tree, and returns how many it visited.
func eachChoiceFlag(visit func(c *cobra.Command, f *pflag.Flag)) int {
	streams, _, _, _ := iostreams.Test()
	n := 0
	walk(NewRootCmd(testFactory(streams)), func(c *cobra.Command) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if choiceFlags[f.Name] {
				n++
				visit(c, f)
			}
		})
	})
	return n
}

// TestFlagValuesComplete: every flag taking one of a few words completes
// those words, never file names (directive 4, no file completion), on every
// command that has one, a command added later included.
func TestFlagValuesComplete(t *testing.T) {
	seen := eachChoiceFlag(func(c *cobra.Command, f *pflag.Flag) {
		path := strings.Fields(c.CommandPath())[1:]
		got := complete(t, append(path, "--"+f.Name, "")...)
		lines := strings.Split(strings.TrimSpace(got), "\n")
		if len(lines) < 3 || lines[len(lines)-1] != ":4" {
			t.Errorf("%s --%s completes %q; want its values and :4 (no file names)", c.CommandPath(), f.Name, got)
			return
		}
		for _, l := range lines[:len(lines)-1] {
			value, _, _ := strings.Cut(l, "\t")
			if !strings.Contains(f.Usage, value) {
				t.Errorf("%s --%s completes %q, which its description does not name: %s", c.CommandPath(), f.Name, value, f.Usage)
			}
		}
	})
	if seen < 8 { // build (2), validate (2), inspect, presets list and show, reconcile, links
		t.Errorf("checked %d choice flags; the walk missed commands", seen)
	}
	// The shell keeps the candidates that start with what was typed.
	if got := complete(t, "build", "--format", ""); got != "text\tfor people\njson\tJSON\ncsv\tCSV, with a header\njsonl\tone JSON object a line\nlines\tone link a line\n:4\n" {
		t.Errorf("build --format completes %q", got)
	}
}

// TestCompletionDescriptionsPlain: the flag descriptions a shell shows have
// no raw backticks (help reads `NAME` as the value's name; a shell does not).
func TestCompletionDescriptionsPlain(t *testing.T) {
	for _, cmd := range [][]string{{""}, {"build", "--"}, {"validate", "--"}, {"inspect", "--"}, {"presets", "show", "--"}, {"reconcile", "--"}, {"config", "init", "--"}} {
		got := complete(t, cmd...)
		if strings.Contains(got, "`") {
			t.Errorf("completing %q shows backticks:\n%s", cmd, got)
		}
	}
	if got := complete(t, "build", "--pres"); got != "--preset\tfill the parameters not given from the config file's preset NAME\n:4\n" {
		t.Errorf("build --pres completes %q", got)
	}
	// Help still names the value from the backticks.
	streams, _, out, _ := iostreams.Test()
	ExecuteFactory([]string{"build", "--help"}, testFactory(streams))
	if !strings.Contains(out.String(), "-p, --preset NAME ") {
		t.Errorf("build --help lost the value name of --preset:\n%s", out)
	}
}

// TestBuildHelpOneFormatDefault: --format's line in build --help states
// its defaults once (text, or the input's with --input), not also cobra's
// (default "text").
func TestBuildHelpOneFormatDefault(t *testing.T) {
	streams, _, out, _ := iostreams.Test()
	ExecuteFactory([]string{"build", "--help"}, testFactory(streams))
	lines := strings.Split(out.String(), "\n")
	for i, line := range lines {
		if strings.Contains(line, "--format FORMAT") {
			// The description wraps under its column: lines that name no flag.
			for _, next := range lines[i+1:] {
				if strings.TrimSpace(next) == "" || strings.HasPrefix(strings.TrimSpace(next), "-") {
					break
				}
				line += " " + strings.TrimSpace(next)
			}
			if strings.Count(line, "default") != 2 || strings.Contains(line, `(default "`) {
				t.Errorf("--format's help: %s", line)
			}
			return
		}
	}
	t.Errorf("no --format in build --help:\n%s", out)
}

// TestChoiceFlagsIgnoreCase: every flag taking one of a few words is marked
// as such, on every command, so the binder lower-cases its value: each of
// its words given in upper case reads as the word.
func TestChoiceFlagsIgnoreCase(t *testing.T) {
	seen := eachChoiceFlag(func(c *cobra.Command, f *pflag.Flag) {
		if cmdutil.Words(f) == nil {
			t.Errorf("%s --%s is not marked as taking one of a few words", c.CommandPath(), f.Name)
			return
		}
		complete, _ := c.GetFlagCompletionFunc(f.Name)
		words, _ := complete(c, nil, "")
		for _, w := range words {
			word, _, _ := strings.Cut(w, "\t")
			must(t, f.Value.Set(strings.ToUpper(word)))
			if got := f.Value.String(); got != word {
				t.Errorf("%s --%s %s reads as %q, want %q", c.CommandPath(), f.Name, strings.ToUpper(word), got, word)
			}
		}
	})
	if seen < 8 {
		t.Errorf("checked %d choice flags; the walk missed commands", seen)
	}
}

// TestReconcileByCompletes: --by completes the parameters a report groups
// by, not file names (4) and without a space (2), so a comma may follow;
// after a comma, those not named yet.
func TestReconcileByCompletes(t *testing.T) {
	got := complete(t, "reconcile", "links.csv", "--by", "")
	if !strings.Contains(got, "utm_source\n") || !strings.Contains(got, "utm_campaign\n") || !strings.HasSuffix(got, ":6\n") {
		t.Errorf("--by completes %q", got)
	}
	got = complete(t, "reconcile", "links.csv", "--by", "utm_source,")
	if !strings.Contains(got, "utm_source,utm_medium\n") || strings.Contains(got, "utm_source,utm_source") {
		t.Errorf("--by utm_source, completes %q", got)
	}
}
