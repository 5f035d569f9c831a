// Package printers writes what validate found, in each of its --format
// words, as golangci-lint's pkg/printers does: one Printer interface, one
// file a format. Every byte from outside goes through internal/safe.
package printers

import (
	"fmt"
	"io"
	"strconv"

	"github.com/paylink/paylink/internal/safe"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/scan"
)

// Item is one link validate checked: where it was found (File "" for a
// link given directly, At.Link its text), the link as shown, and its
// problems.
type Item struct {
	File     string
	At       scan.Found
	Shown    string
	Valid    bool
	Problems []*link.Problem
	// Fixes are the safe repairs of the link (validate --fix), and Fixed
	// the link once they are made. Applied says they were written to the
	// file (--fix): their problems are gone from Problems.
	Fixes   []Fix
	Fixed   string
	Applied bool
}

// Fix is one repair of an item's link, where it is written in its file.
type Fix struct {
	link.Fix
	Line                 int // 1-based
	StartUTF16, EndUTF16 int // 1-based columns in UTF-16 code units, for SARIF
}

// fixesOf are the repairs of it that mend p: those of p's parameter.
func fixesOf(it Item, p *link.Problem) []Fix {
	var out []Fix
	for _, f := range it.Fixes {
		if f.Param == p.Param {
			out = append(out, f)
		}
	}
	return out
}

// fixedLine is a repair made, as text prints it:
// FILE:LINE:COL: PARAM: fixed: "spring sale" → "spring-sale".
func fixedLine(it Item, f Fix) string {
	param := f.Param
	if param == "" {
		param = "link"
	}
	return safe.Text(it.File) + ":" + strconv.Itoa(it.At.Line) + ":" + strconv.Itoa(it.At.Column) + ": " +
		safe.Text(param) + ": fixed: " + link.Quote(f.Old) + " → " + link.Quote(f.New)
}

// Printer writes each item as it is checked, so output streams however
// many links there are, then what comes at the end (a summary, a log).
type Printer interface {
	Print(Item) error
	Finish(*Tally) error
}

// Options are what some formats need beyond the items.
type Options struct {
	Scanning bool   // links found in files: a summary counts files, not links
	Version  string // sarif: paylink's version, for the log's tool
	Root     string // sarif: the folder the files' URIs are relative to
}

// New returns the printer of format: text, json or jsonl (one object a
// line, either way), github or sarif. Any other word is text: the flag
// refused it before.
func New(format string, w io.Writer, o Options) Printer {
	switch format {
	case "json", "jsonl":
		return jsonPrinter{w}
	case "github":
		return githubPrinter{w, o.Scanning}
	case "sarif":
		return newSARIF(w, o)
	}
	return textPrinter{w}
}

// Tally counts what a run found, for github's summary and the exit code.
type Tally struct {
	Links, Errors, Warnings int
	files, links            map[string]bool // the files and the links with a problem
}

// Add counts it.
func (t *Tally) Add(it Item) {
	t.Links++
	for _, p := range it.Problems {
		if p.Severity == link.SeverityError {
			t.Errors++
		} else {
			t.Warnings++
		}
		if t.files == nil {
			t.files, t.links = map[string]bool{}, map[string]bool{}
		}
		// Both, as a sheet read by validate -i has a file and links in it.
		t.files[it.File] = true
		t.links[it.Shown] = true
	}
}

// Summary is "3 errors, 1 warning in 2 files" (or "in 2 links" for links
// given directly).
func (t *Tally) Summary(scanning bool) string {
	if t.Errors+t.Warnings == 0 {
		return fmt.Sprintf("no problems in %s", Plural(t.Links, "link"))
	}
	where := Plural(len(t.links), "link")
	if scanning {
		where = Plural(len(t.files), "file")
	}
	return fmt.Sprintf("%s, %s in %s", Plural(t.Errors, "error"), Plural(t.Warnings, "warning"), where)
}

// Plural is "1 link", "2 links".
func Plural(n int, word string) string {
	if n != 1 {
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}
