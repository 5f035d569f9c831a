package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// TestEveryCommandHasHelp walks the whole tree: each command, including
// ones added later, needs a summary, a description with its exit codes and
// examples a user can paste.
func TestEveryCommandHasHelp(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		name := c.CommandPath()
		if c.Short == "" || strings.Contains(c.Short, "\n") {
			t.Errorf("%s: Short must be one line", name)
		}
		if c.Long == "" || !strings.Contains(c.Long, "Exit codes: 0 ") {
			t.Errorf("%s: Long must describe the command and end with its exit codes (Exit codes: 0 ...)", name)
		}
		for _, line := range strings.Split(c.Example, "\n") {
			if !strings.HasPrefix(line, "  paylink ") && !strings.HasPrefix(line, "  source <(paylink ") {
				t.Errorf("%s: Example line %q should be a paylink command, indented two spaces", name, line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root := NewRootCmd(testFactory(streams))
	walk(root)
	if len(root.Commands()) < 2 {
		t.Errorf("walked %d commands under the root, want build and completion at least", len(root.Commands()))
	}
}

func TestVersionFlag(t *testing.T) {
	streams, _, out, errOut := iostreams.Test()
	if code := Execute([]string{"--version"}, streams); code != exitcode.OK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	// In a test binary the version comes from the build record: the fields
	// differ by how it was built, but the line's shape does not.
	if !strings.HasPrefix(out.String(), "paylink version ") || !strings.Contains(out.String(), " (commit ") ||
		!strings.HasSuffix(out.String(), ")\n") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("--version printed %q", out.String())
	}
}
