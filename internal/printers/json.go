package printers

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// jsonPrinter: one object a link, one a line,
// {"file","line","column","link","valid","problems":[...]}.
type jsonPrinter struct{ w io.Writer }

func (o jsonPrinter) Print(it Item) error {
	return WriteJSON(o.w, NewLinkJSON(it), false)
}

func (jsonPrinter) Finish(*Tally) error { return nil }

// ProblemJSON is one problem in JSON output.
type ProblemJSON struct {
	Param    string        `json:"param"` // "" for the link itself
	Value    string        `json:"value"`
	Severity link.Severity `json:"severity"`
	Message  string        `json:"message"`
}

// NewProblemJSON is p as JSON output shows it.
func NewProblemJSON(p *link.Problem) ProblemJSON {
	return ProblemJSON{p.Param, p.Value, p.Severity, p.Message()}
}

// LinkJSON is one checked link in JSON output.
type LinkJSON struct {
	File     string        `json:"file,omitempty"`
	Line     int           `json:"line,omitempty"`
	Column   int           `json:"column,omitempty"` // 1-based, in bytes
	Link     string        `json:"link"`
	Valid    bool          `json:"valid"`
	Problems []ProblemJSON `json:"problems"`
	// Fix is the link as validate --fix writes it (or wrote it), when it
	// has a safe repair.
	Fix string `json:"fix,omitempty"`
}

// NewLinkJSON is it as JSON output shows it.
func NewLinkJSON(it Item) LinkJSON {
	out := LinkJSON{File: it.File, Line: it.At.Line, Column: it.At.Column, Link: it.Shown, Valid: it.Valid, Problems: []ProblemJSON{}, Fix: it.Fixed}
	for _, p := range it.Problems {
		out.Problems = append(out.Problems, NewProblemJSON(p))
	}
	return out
}

// WriteJSON writes v as one JSON document (indented when indent is set) with
// '&' and '<' left as they are, through safe.JSON: a value's bidi, zero-width
// and C1 characters become \u escapes, so a log shows no raw control, and a
// JSON reader still gets the exact value.
func WriteJSON(w io.Writer, v any, indent bool) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a link's '&' stays '&', not \u0026
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(safe.JSON(buf.Bytes()))
	return err
}
