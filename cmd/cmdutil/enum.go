// Package cmdutil is what paylink's commands share that needs cobra: the
// flags that take one of a few words (--format and the like). It lives
// under cmd/ because nothing under internal/ may import cobra.
package cmdutil

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/internal/safe"
)

// enum is a flag value that takes one of a fixed set of words, in any case
// (--format JSON is --format json), from the command line or the
// environment alike: the words are checked where the value is set, as in
// cli/cli's StringEnumFlag, so no command checks them again.
type enum struct {
	pflag.Value          // the flag's own string value, given the word in lower case
	flag        string   // the flag's name, for the message
	words       []string // the words offered, in the order offered
	quiet       []string // words still accepted but no longer offered
}

func (e *enum) Set(v string) error {
	v = strings.ToLower(v)
	if !slices.Contains(e.words, v) && !slices.Contains(e.quiet, v) {
		return &EnumError{Flag: e.flag, Value: v, Words: e.words}
	}
	return e.Value.Set(v)
}

// EnumError is a word a flag does not take. Its message is the one every
// such flag gives: `--format "xml": use text, json or csv`.
type EnumError struct {
	Flag, Value string
	Words       []string
}

func (e *EnumError) Error() string {
	return fmt.Sprintf("--%s %s: %s", e.Flag, safe.Quote(e.Value), e.Use())
}

// Use is the fix: "use text, json or csv".
func (e *EnumError) Use() string { return "use " + List(e.Words) }

// List joins words as "a, b or c".
func List(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Enum makes c's flag, already defined as a string flag, take only one of
// words (each "word" or "word\tdescription" for the shell's completion),
// in any case; the shell completes them instead of file names. quiet words
// are accepted too, neither offered nor listed: synonyms kept so that old
// scripts still run.
func Enum(c *cobra.Command, flag string, words []string, quiet ...string) {
	f := c.Flags().Lookup(flag)
	if f == nil {
		panic("cmdutil.Enum: no flag --" + flag) // a programming error, caught by every test
	}
	names := make([]string, len(words))
	for i, w := range words {
		names[i], _, _ = strings.Cut(w, "\t")
	}
	f.Value = &enum{Value: f.Value, flag: flag, words: names, quiet: quiet}
	// Fails only for a flag registered twice: TestFlagValuesComplete
	// catches it.
	_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp))
}

// Words are the words flag f takes, nil when it takes any string.
func Words(f *pflag.Flag) []string {
	if e, ok := f.Value.(*enum); ok {
		return slices.Clone(e.words)
	}
	return nil
}
