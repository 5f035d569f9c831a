package cmdutil

import (
	"fmt"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/wrap"
)

// HelpWidth is the width help is wrapped to when stdout is no terminal (a
// pager, a file, a man page's source): the classic 80 columns.
const HelpWidth = 80

// addFuncs registers the template functions once: cobra keeps them in one
// map for every command tree, and trees are built concurrently in tests.
var addFuncs sync.Once

// WrapHelp makes the help of root and every command under it fit in width
// columns (HelpWidth when 0; lines end one column short, for the cursor):
// the usage line wrapped under itself, examples broken into shell
// continuation lines, the flags' descriptions wrapped under their column.
func WrapHelp(root *cobra.Command, width int) {
	if width <= 0 {
		width = HelpWidth
	}
	addFuncs.Do(func() {
		cobra.AddTemplateFuncs(map[string]any{
			"paylinkWrapShell": WrapShell,
			"paylinkWrapUse":   func(s string, width int) string { return strings.Join(wrap.Hanging(s, width, 4), "\n") },
		})
	})
	w := width - 1
	t := root.UsageTemplate()
	for _, r := range [][2]string{
		{"{{.UseLine}}", fmt.Sprintf("{{paylinkWrapUse .UseLine %d}}", w-2)},
		{"{{.Example}}", fmt.Sprintf("{{paylinkWrapShell .Example %d}}", w)},
		{".LocalFlags.FlagUsages", fmt.Sprintf(".LocalFlags.FlagUsagesWrapped %d", w)},
		{".InheritedFlags.FlagUsages", fmt.Sprintf(".InheritedFlags.FlagUsagesWrapped %d", w)},
	} {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	root.SetUsageTemplate(t)
}

// continuation indents a shell command's further lines.
const continuation = "      "

// WrapShell breaks each line of shell commands wider than width at the
// spaces between words (never inside quotes), ending each broken line
// with " \" and indenting the next: the lines still paste as one command.
// A single word wider than a line stays whole.
func WrapShell(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if wrap.Width(line) > width {
			lines[i] = breakShell(line, width)
		}
	}
	return strings.Join(lines, "\n")
}

func breakShell(line string, width int) string {
	words := units(shellWords(line))
	var out []string
	cur := words[0]
	for _, w := range words[1:] {
		if wrap.Width(cur)+1+wrap.Width(w)+2 > width { // room for " \"
			out = append(out, cur+" \\")
			cur = continuation + w
			continue
		}
		cur += " " + w
	}
	return strings.Join(append(out, cur), "\n")
}

// units joins each flag to its value ("-c spring"), so that a line breaks
// between flags, not inside one.
func units(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") && !strings.Contains(w, "=") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") && i > 0 {
			w += " " + words[i+1]
			i++
		}
		out = append(out, w)
	}
	return out
}

// shellWords splits line at the spaces outside quotes; the first word
// keeps the line's indent.
func shellWords(line string) []string {
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	var words []string
	var cur strings.Builder
	var quote rune
	for _, r := range strings.TrimLeft(line, " ") {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case quote == 0 && r == ' ':
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return []string{line}
	}
	words[0] = indent + words[0]
	return words
}
