package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"
)

// The words of --format, one vocabulary for every command. Each command
// takes those it can print; every command takes json.
const (
	Text   = "text"   // for people
	Table  = "table"  // text, on a command that draws a table: the two are synonyms
	JSON   = "json"   // a stream command: one object a line; a report: one document
	JSONL  = "jsonl"  // one JSON object a line
	CSV    = "csv"    // a header, then a row per item
	Lines  = "lines"  // one link a line (a bulk build)
	GitHub = "github" // GitHub Actions annotations
	SARIF  = "sarif"  // one SARIF 2.1.0 log
)

// formatHelp describes each word for the shell's completion.
var formatHelp = map[string]string{
	Text:   "for people",
	Table:  "for people (same as text)",
	JSON:   "JSON",
	JSONL:  "one JSON object a line",
	CSV:    "CSV, with a header",
	Lines:  "one link a line",
	GitHub: "GitHub Actions annotations",
	SARIF:  "SARIF 2.1.0",
}

// FormatFlag defines --format on c, taking one of words in any case; def
// is its default ("" when the command picks one, e.g. table on a terminal,
// and says which in note). Its description lists the words, then note.
func FormatFlag(c *cobra.Command, p *string, def string, note string, words ...string) {
	usage := "output `FORMAT`: " + List(words)
	if note != "" {
		usage += " " + note
	}
	c.Flags().StringVar(p, "format", def, usage)
	offered := make([]string, len(words))
	for i, w := range words {
		offered[i] = w + "\t" + formatHelp[w]
	}
	Enum(c, "format", offered)
}

// IsText reports whether format is for people: text, or its synonym table.
func IsText(format string) bool { return format == Text || format == Table }

// IsJSON reports whether format is JSON, as a document or a line a value.
func IsJSON(format string) bool {
	format = strings.ToLower(format)
	return format == JSON || format == JSONL
}
