package cmdutil

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/printers"
	"github.com/paylink/paylink/internal/safe"
)

// ErrorJSON is what a command asked for JSON prints on stdout when it
// fails, so a script that asked for JSON gets JSON in every outcome: the
// message the text error gives on stderr, and the problems behind it (empty
// for an error that is not about a value, such as a usage error).
type ErrorJSON struct {
	Link     string                 `json:"link,omitempty"` // inspect: the link that failed
	Error    string                 `json:"error"`
	Problems []printers.ProblemJSON `json:"problems"`
}

// NewErrorJSON describes err: the problems a link or value error carries,
// one for each.
func NewErrorJSON(err error) ErrorJSON {
	out := ErrorJSON{Error: safe.Redact(err.Error()), Problems: []printers.ProblemJSON{}}
	var many *ProblemsError
	if errors.As(err, &many) {
		for _, e := range many.Errs {
			out.Problems = appendProblem(out.Problems, e)
		}
		return out
	}
	out.Problems = appendProblem(out.Problems, err)
	return out
}

func appendProblem(ps []printers.ProblemJSON, err error) []printers.ProblemJSON {
	var p *link.Problem
	if errors.As(err, &p) {
		ps = append(ps, printers.NewProblemJSON(p))
	}
	return ps
}

// WriteErrorJSON prints err as an ErrorJSON line on w.
func WriteErrorJSON(w io.Writer, err error) {
	_ = printers.WriteJSON(w, NewErrorJSON(err), false) // stdout gone: stderr has the error
}

// ReportJSON prints the error a command ended with as JSON on stdout when
// JSON was asked for, unless the command already reported in JSON what
// went wrong (it returned a SilentError).
func ReportJSON(w io.Writer, c *cobra.Command, args []string, err error) {
	var silent *SilentError
	if errors.As(err, &silent) || !wantsJSON(c, args) {
		return
	}
	WriteErrorJSON(w, err)
}

// wantsJSON reports whether the command line asked for JSON output (json,
// or jsonl for a bulk build), in any case. It reads the parsed --format,
// or the arguments themselves when parsing stopped before --format or the
// command is unknown.
func wantsJSON(c *cobra.Command, args []string) bool {
	if c != nil {
		if f := c.Flags().Lookup("format"); f != nil && IsJSON(f.Value.String()) {
			return true
		}
	}
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--format="); ok {
			return IsJSON(v)
		}
		if a == "--format" && i+1 < len(args) {
			return IsJSON(args[i+1])
		}
	}
	return false
}
