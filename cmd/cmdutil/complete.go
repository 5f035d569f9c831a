package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// IsCompletion reports whether args ask for completions (cobra's hidden
// __complete command), not for a command to run.
func IsCompletion(args []string) bool {
	return len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd)
}

// PlainUsages takes the backticks out of every flag's description in the
// tree. In help, pflag reads `NAME` in a description as the name of the
// flag's value and drops the backticks; a shell's completion shows the
// description as it is, backticks included.
func PlainUsages(c *cobra.Command) {
	strip := func(f *pflag.Flag) { f.Usage = strings.ReplaceAll(f.Usage, "`", "") }
	c.Flags().VisitAll(strip)
	c.PersistentFlags().VisitAll(strip)
	for _, sub := range c.Commands() {
		PlainUsages(sub)
	}
}
