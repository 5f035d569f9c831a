package cmdutil

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/internal/link"
)

// FlagError is the root's flag error function: every flag error is a
// usage error, and where paylink can tell what was meant it says so. A
// word that is not a command, before the flag, is the real mistake
// ("paylink biuld URL -s x"): it is reported instead of the flag.
func FlagError(c *cobra.Command, err error) error {
	if !c.HasParent() && c.Flags().NArg() > 0 {
		return GroupArgs(c, c.Flags().Args())
	}
	var word *EnumError
	if errors.As(err, &word) { // the message names the flag and the words
		return &UsageError{word}
	}
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return &UsageError{err}
	}
	if hint := suggestFlag(c, name); hint != "" {
		return &UsageError{fmt.Errorf("%w (did you mean %s?)", err, hint)}
	}
	return &UsageError{err}
}

// suggestFlag is what an unknown long flag probably meant ("--utm-source"),
// or "" when nothing is close. The root, which has almost no flags of its
// own, suggests a command's flag with its command ("paylink build --utm-source").
func suggestFlag(c *cobra.Command, name string) string {
	if f := c.Flags().Lookup("format"); strings.EqualFold(name, "json") && f != nil && slices.Contains(Words(f), JSON) {
		return "--format json" // gh's --json; paylink has one --format for every output
	}
	if f := ClosestFlag(c, name); f != "" {
		return "--" + f
	}
	if c.HasParent() {
		return ""
	}
	for _, sub := range c.Commands() {
		if f := ClosestFlag(sub, name); f != "" && sub.IsAvailableCommand() {
			return sub.CommandPath() + " --" + f
		}
	}
	return ""
}

// ClosestFlag finds the flag of c a mistyped name stands for: the same
// name with '-' for '_' (a query parameter's name, --utm_source, is its
// flag's), in any case; a flag that ends with it (--campaign is
// --utm-campaign); or one within two edits (--utm-sorce).
func ClosestFlag(c *cobra.Command, name string) string {
	want := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden && f.Deprecated == "" {
			names = append(names, f.Name)
		}
	}
	c.LocalFlags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	for _, n := range names {
		if n == want {
			return n
		}
	}
	var endsWith []string
	for _, n := range names {
		if strings.HasSuffix(n, "-"+want) {
			endsWith = append(endsWith, n)
		}
	}
	if len(endsWith) == 1 {
		return endsWith[0]
	}
	best, bestDist := "", 3
	for _, n := range names {
		if d := link.Distance(want, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// HelpTopic replaces cobra's help command, which prints the root's help
// and exits 0 for a command that does not exist: "paylink help biuld" is a
// usage error, with the command meant.
func HelpTopic(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help provides help for any command in the application.\nSimply type " + root.Name() + " help [path to command] for full details.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name()+"\t"+sub.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err == nil && len(rest) > 0 {
				err = UnknownCommand(cmd, rest[0])
			}
			if err != nil {
				var usage *UsageError
				if !errors.As(err, &usage) {
					err = &UsageError{err}
				}
				return err
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// UnknownCommand is the usage error for a word that is not a command of
// parent, with cobra's suggestion of what was meant.
func UnknownCommand(parent *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, parent.CommandPath())
	if s := parent.SuggestionsFor(word); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return UsageErrorf("%s", msg)
}

// GroupArgs makes a command that only groups others (the root, presets,
// config) refuse a word that is none of them as a usage error, with
// cobra's suggestion of what was meant, instead of printing its help and
// exiting 0.
func GroupArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return UnknownCommand(c, args[0])
}

// RefuseUnknownSubcommands gives every grouping command in the tree
// GroupArgs, and a run function that prints its help, so that cobra checks
// its arguments at all.
func RefuseUnknownSubcommands(c *cobra.Command) {
	for _, sub := range c.Commands() {
		if sub.HasSubCommands() && sub.Run == nil && sub.RunE == nil {
			sub.Args = GroupArgs
			sub.SuggestionsMinimumDistance = 2 // as the root's
			sub.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
		RefuseUnknownSubcommands(sub)
	}
}

// usageLine is the footer's "Usage:" line: cobra's, with [command] for a
// command that has subcommands ("paylink [command] [flags]").
func usageLine(c *cobra.Command) string {
	if !c.HasAvailableSubCommands() {
		return c.UseLine()
	}
	return c.CommandPath() + " [command] [flags]"
}
