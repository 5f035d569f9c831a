package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/wrap"
)

// TestHelpFits80Columns: the help of every command, a command added later
// included, fits in 80 columns (79 and the cursor) when stdout is no
// terminal, and on a terminal 80 wide.
func TestHelpFits80Columns(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	var paths [][]string
	walk(NewRootCmd(testFactory(streams)), func(c *cobra.Command) {
		if !c.Hidden {
			paths = append(paths, strings.Fields(c.CommandPath())[1:])
		}
	})
	if len(paths) < 12 {
		t.Fatalf("walked %d commands", len(paths))
	}
	for _, width := range []int{0, 80} {
		for _, path := range paths {
			streams, _, out, _ := iostreams.Test()
			if width > 0 {
				streams.SetTTY(true, false)
				streams.SetTerminalWidth(width)
			}
			if code := ExecuteFactory(append(path, "--help"), testFactory(streams)); code != exitcode.OK {
				t.Fatalf("%q --help: exit %d", path, code)
			}
			limit := cmdutil.HelpWidth - 1
			if width > 0 {
				limit = width - 1
			}
			for _, line := range strings.Split(out.String(), "\n") {
				if wrap.Width(line) > limit {
					t.Errorf("paylink %s --help at %d columns: a line of %d: %q", strings.Join(path, " "), width, wrap.Width(line), line)
				}
			}
		}
	}
}

// TestWrapShell: a long example breaks between words, never inside
// quotes nor between a flag and its value, into continuation lines.
func TestWrapShell(t *testing.T) {
	got := cmdutil.WrapShell(`  paylink build https://buy.stripe.com/x -c "Spring Sale 2026!" --lowercase -s news`, 44)
	want := "  paylink build https://buy.stripe.com/x \\\n" +
		"      -c \"Spring Sale 2026!\" --lowercase \\\n" +
		"      -s news"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
