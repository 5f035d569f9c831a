package printers

import (
	"io"

	"github.com/paylink/paylink/internal/link"

	"github.com/paylink/paylink/internal/sarif"
)

// sarifPrinter collects every result and writes one SARIF log at the end.
type sarifPrinter struct {
	w io.Writer
	b *sarif.Builder
}

func newSARIF(w io.Writer, o Options) sarifPrinter {
	return sarifPrinter{w, sarif.New(o.Version, o.Root)}
}

func (o sarifPrinter) Print(it Item) error {
	w := sarif.Where{File: it.File, Line: it.At.Line, ColumnUTF16: it.At.ColumnUTF16}
	for _, p := range it.Problems {
		var edits []sarif.Edit
		for _, f := range fixesOf(it, p) {
			edits = append(edits, sarif.Edit{Description: "write " + link.Quote(f.New), Line: f.Line,
				StartColumn: f.StartUTF16, EndColumn: f.EndUTF16, Text: f.Text})
		}
		o.b.Add(w, it.Shown, p, edits...)
	}
	return nil
}

func (o sarifPrinter) Finish(*Tally) error {
	return WriteJSON(o.w, o.b.Log(), true)
}
