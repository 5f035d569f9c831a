package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/paylink/paylink/internal/build"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/sarif"
	"github.com/paylink/paylink/internal/scan"
	"github.com/paylink/paylink/internal/workflow"
)

// checked is one link validate checked: where it was found (file "" for a
// link given directly), the link as shown, and its problems.
type checked struct {
	file     string
	at       scan.Found
	shown    string
	valid    bool
	problems []*link.Problem
}

// tally counts what a run found, for github's summary and the exit code.
type tally struct {
	links, errors, warnings int
	where                   map[string]bool // the files (or links) with a problem
}

func (t *tally) add(c checked) {
	t.links++
	for _, p := range c.problems {
		if p.Severity == link.SeverityError {
			t.errors++
		} else {
			t.warnings++
		}
		if t.where == nil {
			t.where = map[string]bool{}
		}
		key := "file " + c.file
		if c.file == "" {
			key = "link " + c.shown
		}
		t.where[key] = true
	}
}

// summary is "3 errors, 1 warning in 2 files" (or "in 2 links" for links
// given directly).
func (t *tally) summary(scanning bool) string {
	if t.errors+t.warnings == 0 {
		return fmt.Sprintf("no problems in %s", plural(t.links, "link"))
	}
	unit := "link"
	if scanning {
		unit = "file"
	}
	return fmt.Sprintf("%s, %s in %s", plural(t.errors, "error"), plural(t.warnings, "warning"), plural(len(t.where), unit))
}

func plural(n int, word string) string {
	if n != 1 {
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// validateOutput writes, in one --format, each link as it is checked, then
// what comes at the end.
type validateOutput interface {
	link(c checked) error
	finish(t *tally) error
}

func newValidateOutput(opts *ValidateOptions) validateOutput {
	w := opts.IO.Out
	switch opts.Format {
	case "json", "jsonl": // one object a line, either way
		return jsonOutput{w}
	case "github":
		return githubOutput{w, opts.Scan}
	case "sarif":
		root, err := os.Getwd()
		if err != nil {
			root = "."
		}
		return sarifOutput{w, sarif.New(build.Current().Version, root)}
	}
	return textOutput{w}
}

// textOutput: one line a problem, FILE:LINE:COL: PARAM: SEVERITY: MESSAGE
// (LINK: PARAM: ... for a link given directly).
type textOutput struct{ w io.Writer }

func (o textOutput) link(c checked) error {
	for _, p := range c.problems {
		if _, err := fmt.Fprintln(o.w, textLine(c, p)); err != nil {
			return err
		}
	}
	return nil
}

func (textOutput) finish(*tally) error { return nil }

// textLine is a problem as text prints it; every outside byte goes through
// safe, so the line can neither drive a terminal nor start a workflow
// command.
func textLine(c checked, p *link.Problem) string {
	prefix := display(c.shown)
	if c.file != "" {
		prefix = safe.Text(c.file) + ":" + strconv.Itoa(c.at.Line) + ":" + strconv.Itoa(c.at.Column)
	}
	param, msg := paramAndMessage(c, p)
	return prefix + ": " + param + ": " + string(p.Severity) + ": " + msg
}

// paramAndMessage are the problem's parameter ("link" for the link itself)
// and message, through safe.Text. In a scan the message of a problem with
// the link itself quotes the link, which the FILE:LINE prefix does not show.
func paramAndMessage(c checked, p *link.Problem) (string, string) {
	param, msg := p.Param, p.Message()
	if param == "" {
		param = "link"
		if c.file != "" {
			msg = link.Quote(p.Value) + ": " + msg
		}
	}
	return safe.Text(param), safe.Text(msg)
}

type jsonOutput struct{ w io.Writer }

func (o jsonOutput) link(c checked) error {
	return writeJSON(o.w, newLinkJSON(c.file, c.at, c.shown, c.valid, c.problems), false)
}

func (jsonOutput) finish(*tally) error { return nil }

// githubOutput: for each problem a workflow command, which GitHub shows as
// an annotation on the file and line, then the problem's text line, since
// GitHub shows only the first 10 annotations of a step; at the end a
// summary line.
type githubOutput struct {
	w        io.Writer
	scanning bool
}

func (o githubOutput) link(c checked) error {
	for _, p := range c.problems {
		if _, err := fmt.Fprintf(o.w, "%s\n%s\n", annotation(c, p), textLine(c, p)); err != nil {
			return err
		}
	}
	return nil
}

// annotation is the problem as a workflow command. Its values pass through
// safe.Text like any printed text, then GitHub's escaping, which is what
// keeps them inside the command's syntax.
func annotation(c checked, p *link.Problem) string {
	param, msg := paramAndMessage(c, p)
	var props []workflow.Prop
	if c.file != "" {
		props = []workflow.Prop{
			{Name: "file", Value: safe.Text(filepath.ToSlash(c.file))},
			{Name: "line", Value: strconv.Itoa(c.at.Line)},
			{Name: "col", Value: strconv.Itoa(c.at.Column)},
		}
	} else {
		msg = display(c.shown) + ": " + msg // no file to point at: name the link
	}
	props = append(props, workflow.Prop{Name: "title", Value: "paylink: " + param})
	return workflow.Command(string(p.Severity), props, msg)
}

func (o githubOutput) finish(t *tally) error {
	_, err := fmt.Fprintln(o.w, t.summary(o.scanning))
	return err
}

// sarifOutput collects every result and writes one SARIF log at the end.
type sarifOutput struct {
	w io.Writer
	b *sarif.Builder
}

func (o sarifOutput) link(c checked) error {
	w := sarif.Where{File: c.file, Line: c.at.Line, ColumnUTF16: c.at.ColumnUTF16}
	for _, p := range c.problems {
		o.b.Add(w, c.shown, p)
	}
	return nil
}

func (o sarifOutput) finish(*tally) error {
	return writeJSON(o.w, o.b.Log(), true)
}
