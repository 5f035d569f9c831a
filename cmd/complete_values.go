package cmd

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// completeValues makes the shell complete flag's value from values (each
// "value" or "value\tdescription") instead of file names.
// The flag is marked as taking one of a fixed set of values, which are
// matched ignoring case (lowerEnums): --fail-on Warning as --format JSON.
func completeValues(c *cobra.Command, flag string, values ...string) {
	// Fails only for a flag c does not have, or one registered twice:
	// TestFlagValuesComplete catches both.
	_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	_ = c.Flags().SetAnnotation(flag, enumAnnotation, []string{"true"})
}

// enumAnnotation marks a flag whose values are a fixed set of lower-case
// words.
const enumAnnotation = "paylink_enum"

// lowerEnums lower-cases the value of every flag of c that takes one of a
// fixed set of words (see completeValues), so --format JSON is --format
// json and --fail-on Warning is --fail-on warning; the environment's
// values, bound before, too. A value that is none of the words is still
// refused, by the command, as it was given in lower case.
func lowerEnums(c *cobra.Command) {
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if _, ok := f.Annotations[enumAnnotation]; ok {
			lowerValue(f)
		}
	})
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
