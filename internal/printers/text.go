package printers

import (
	"fmt"
	"io"
	"strconv"
	"unicode"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// textPrinter: one line a problem, FILE:LINE:COL: PARAM: SEVERITY: MESSAGE
// (LINK: PARAM: ... for a link given directly).
type textPrinter struct{ w io.Writer }

func (o textPrinter) Print(it Item) error {
	if err := printFixed(o.w, it); err != nil {
		return err
	}
	for _, p := range it.Problems {
		if _, err := fmt.Fprintln(o.w, textLine(it, p)); err != nil {
			return err
		}
	}
	return nil
}

func (textPrinter) Finish(*Tally) error { return nil }

// printFixed writes the repairs --fix made to it, one line each.
func printFixed(w io.Writer, it Item) error {
	if !it.Applied {
		return nil
	}
	for _, f := range it.Fixes {
		if _, err := fmt.Fprintln(w, fixedLine(it, f)); err != nil {
			return err
		}
	}
	return nil
}

// textLine is a problem as text prints it; every outside byte goes through
// safe, so the line can neither drive a terminal nor start a workflow
// command.
func textLine(it Item, p *link.Problem) string {
	prefix := Display(it.Shown)
	if it.File != "" {
		prefix = safe.Text(it.File) + ":" + strconv.Itoa(it.At.Line) + ":" + strconv.Itoa(it.At.Column)
	}
	param, msg := paramAndMessage(it, p)
	return prefix + ": " + param + ": " + string(p.Severity) + ": " + msg
}

// paramAndMessage are the problem's parameter ("link" for the link itself)
// and message, through safe.Text. In a scan the message of a problem with
// the link itself quotes the link, which the FILE:LINE prefix does not show.
func paramAndMessage(it Item, p *link.Problem) (string, string) {
	param, msg := p.Param, p.Message()
	if param == "" {
		param = "link"
		if it.File != "" {
			msg = link.Quote(p.Value) + ": " + msg
		}
	}
	return safe.Text(param), safe.Text(msg)
}

// Display is s through safe.Text when it is printable without spaces, else
// quoted (safe.Quote): a bad link must not move the cursor or hide where it
// ends.
func Display(s string) string {
	for _, r := range s {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar || safe.Invisible(r) {
			return safe.Quote(s)
		}
	}
	return safe.Text(s)
}
