package printers

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/workflow"
)

// githubPrinter: for each problem a workflow command, which GitHub shows as
// an annotation on the file and line, then the problem's text line, since
// GitHub shows only the first 10 annotations of a step; at the end a
// summary line.
type githubPrinter struct {
	w        io.Writer
	scanning bool
}

func (o githubPrinter) Print(it Item) error {
	if err := printFixed(o.w, it); err != nil {
		return err
	}
	for _, p := range it.Problems {
		if _, err := fmt.Fprintf(o.w, "%s\n%s\n", annotation(it, p), textLine(it, p)); err != nil {
			return err
		}
	}
	return nil
}

func (o githubPrinter) Finish(t *Tally) error {
	_, err := fmt.Fprintln(o.w, t.Summary(o.scanning))
	return err
}

// annotation is the problem as a workflow command. Its values pass through
// safe.Text like any printed text, then GitHub's escaping, which is what
// keeps them inside the command's syntax.
func annotation(it Item, p *link.Problem) string {
	param, msg := paramAndMessage(it, p)
	for _, f := range fixesOf(it, p) {
		msg += "; paylink validate --fix would write " + safe.Text(link.Quote(f.New))
	}
	var props []workflow.Prop
	if it.File != "" {
		props = []workflow.Prop{
			{Name: "file", Value: safe.Text(filepath.ToSlash(it.File))},
			{Name: "line", Value: strconv.Itoa(it.At.Line)},
			{Name: "col", Value: strconv.Itoa(it.At.Column)},
		}
	} else {
		msg = Display(it.Shown) + ": " + msg // no file to point at: name the link
	}
	props = append(props, workflow.Prop{Name: "title", Value: "paylink: " + param})
	return workflow.Command(string(p.Severity), props, msg)
}
