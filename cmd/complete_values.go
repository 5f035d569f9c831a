package cmd

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// completeValues makes the shell complete flag's value from values (each
// "value" or "value\tdescription") instead of file names.
func completeValues(c *cobra.Command, flag string, values ...string) {
	// Fails only for a flag c does not have, or one registered twice:
	// TestFlagValuesComplete catches both.
	_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// isCompletion reports whether args ask for completions (cobra's hidden
// __complete command), not for a command to run.
func isCompletion(args []string) bool {
	return len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd)
}

// plainUsages takes the backticks out of every flag's description in the
// tree. In help, pflag reads `NAME` in a description as the name of the
// flag's value and drops the backticks; a shell's completion shows the
// description as it is, backticks included.
func plainUsages(c *cobra.Command) {
	strip := func(f *pflag.Flag) { f.Usage = strings.ReplaceAll(f.Usage, "`", "") }
	c.Flags().VisitAll(strip)
	c.PersistentFlags().VisitAll(strip)
	for _, sub := range c.Commands() {
		plainUsages(sub)
	}
}
