package printers

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/scan"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the printers' output (then read the diff)")

const base = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

// items are what every printer is fed: a valid link, a link given directly
// with an error and a warning, and a link found in a file whose value
// tries to retitle the terminal and start a GitHub workflow command.
func items(t *testing.T) []Item {
	t.Helper()
	check := func(file string, at scan.Found) Item {
		l, err := link.Parse(at.Link, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps := l.Problems()
		valid := !slices.ContainsFunc(ps, func(p *link.Problem) bool { return p.Severity == link.SeverityError })
		return Item{File: file, At: at, Shown: l.Raw, Valid: valid, Problems: ps}
	}
	return []Item{
		check("", scan.Found{Link: base + "?utm_source=news"}),
		check("", scan.Found{Link: base + "?utm_source=a+b&utm_id=x"}),
		check("site/page.html", scan.Found{Link: base + "?utm_campaign=%1B%5D0%3Bpwn%07%3A%3Aerror%3A%3Ax", Line: 3, Column: 7, ColumnUTF16: 7}),
	}
}

func print(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	root, err := os.Getwd() // as validate's: SARIF's URIs are relative to it
	if err != nil {
		t.Fatal(err)
	}
	p := New(format, &b, Options{Scanning: true, Version: "1.2.3", Root: root})
	var tally Tally
	for _, it := range items(t) {
		tally.Add(it)
		if err := p.Print(it); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Finish(&tally); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden: each format's whole output, against testdata/FORMAT.golden
// (go test -update rewrites them; read the diff before committing).
func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "github", "sarif"} {
		t.Run(format, func(t *testing.T) {
			got := print(t, format)
			if format == "sarif" {
				got = sarifResults(t, got)
			}
			path := filepath.Join("testdata", format+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("--format %s:\n%s\nwant (%s):\n%s", format, got, path, want)
			}
			// Whatever the format, no raw control reaches the output, and
			// only paylink's own annotations start a workflow command.
			if strings.ContainsAny(got, "\x1b\x07") {
				t.Errorf("--format %s printed a raw control: %q", format, got)
			}
			for _, line := range strings.Split(got, "\n") {
				trimmed := strings.TrimSpace(line)
				ours := format == "github" && (strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::warning file=") ||
					strings.HasPrefix(line, "::error title=") || strings.HasPrefix(line, "::warning title="))
				if strings.HasPrefix(trimmed, "::") && !ours {
					t.Errorf("--format %s: a line starts a workflow command: %q", format, line)
				}
			}
		})
	}
}

// sarifResults is the log's results alone, indented: the rules are
// internal/link's table, which grows with every new rule (and is tested
// in internal/sarif).
func sarifResults(t *testing.T, log string) string {
	t.Helper()
	var doc struct {
		Runs []struct {
			Results json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(log), &doc); err != nil || len(doc.Runs) != 1 {
		t.Fatalf("not a SARIF log of one run (%v):\n%s", err, log)
	}
	var results []map[string]any
	if err := json.Unmarshal(doc.Runs[0].Results, &results); err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		delete(r, "ruleIndex") // a place in the rule table, which grows
	}
	out, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out) + "\n"
}

// TestTextLine: a problem's line, worked out by hand from the README's
// LINK: PARAM: SEVERITY: MESSAGE and FILE:LINE:COL: ... shapes.
func TestTextLine(t *testing.T) {
	its := items(t)
	got := strings.Split(print(t, "text"), "\n")
	if !strings.HasPrefix(got[0], base+"?utm_source=a+b&utm_id=x: utm_source: error: \"a b\": ") {
		t.Errorf("first line %q", got[0])
	}
	if !strings.HasPrefix(got[2], "site/page.html:3:7: utm_campaign: error: ") {
		t.Errorf("third line %q", got[2])
	}
	if n := len(its[1].Problems) + len(its[2].Problems); len(got) != n+1 { // and the last newline
		t.Errorf("%d lines for %d problems:\n%s", len(got)-1, n, strings.Join(got, "\n"))
	}
}

// TestJSONAndJSONLAreOne: json and jsonl name the same stream, one object
// a link.
func TestJSONAndJSONLAreOne(t *testing.T) {
	j, l := print(t, "json"), print(t, "jsonl")
	if j != l || strings.Count(j, "\n") != 3 {
		t.Errorf("json:\n%s\njsonl:\n%s", j, l)
	}
}

// TestSummary: github's last line counts errors and warnings, and the
// files (a scan) or links they are in.
func TestSummary(t *testing.T) {
	var tally Tally
	for _, it := range items(t) {
		tally.Add(it)
	}
	if tally.Links != 3 {
		t.Errorf("links %d", tally.Links)
	}
	if got := tally.Summary(false); got != Plural(tally.Errors, "error")+", "+Plural(tally.Warnings, "warning")+" in 2 links" {
		t.Errorf("Summary(false) = %q", got)
	}
	if got := (&Tally{Links: 1}).Summary(true); got != "no problems in 1 link" {
		t.Errorf("no problems: %q", got)
	}
}
