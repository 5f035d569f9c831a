package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/testutil"
)

// ciTree is a folder with problems of both severities, a file whose name
// has a space, a comma and a colon, and a link after non-ASCII text (so its
// byte column and its UTF-16 column differ).
var ciTree = map[string]string{
	"docs/a, b:c.md":  "Buy: https://buy.stripe.com/eVa5nPg1j1wmfXq5kr?utm_id=x\n",
	"docs/café.txt":   "Café — https://buy.stripe.com.evil.example/x\n",
	"site/index.html": "<p>\n<a href=\"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a+b&amp;locale=fr_CA\">Buy</a>\n",
}

// runPaylink runs the real command tree in dir and returns stdout and the
// exit code.
func runPaylink(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("PAYLINK_NO_CONFIG", "1")
	streams, _, out, _ := iostreams.Test()
	code := cmd.Execute(args, streams)
	return out.String(), code
}

// TestProblemMatcher applies the regular expression of
// .github/paylink-matcher.json to what validate --scan prints, as GitHub's
// runner does, and checks each field it extracts.
func TestProblemMatcher(t *testing.T) {
	var m struct {
		ProblemMatcher []struct {
			Owner   string
			Pattern []struct {
				Regexp                                      string
				File, Line, Column, Code, Severity, Message int
			}
		}
	}
	data, err := os.ReadFile(".github/paylink-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	p := m.ProblemMatcher[0].Pattern[0]
	// The runner compiles it as a JavaScript RegExp; this one uses nothing
	// whose meaning differs in Go's syntax.
	re := regexp.MustCompile(p.Regexp)

	root := testutil.WriteTree(t, ciTree)
	for _, format := range []string{"text", "github"} {
		out, code := runPaylink(t, root, "validate", "--scan", "docs", "site", "--format", format)
		if code != 1 {
			t.Fatalf("--format %s: exit %d, want 1", format, code)
		}
		var got []string
		for line := range strings.Lines(out) {
			g := re.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
			if g == nil {
				continue
			}
			got = append(got, strings.Join([]string{g[p.File], g[p.Line], g[p.Column], g[p.Code], g[p.Severity], g[p.Message][:12]}, "|"))
		}
		want := []string{
			`docs/a, b:c.md|1|6|utm_id|warning|"x": is a Go`,
			`docs/café.txt|1|11|link|error|"https://buy`,
			`site/index.html|2|10|utm_source|error|"a b": ' ' i`,
			`site/index.html|2|10|locale|error|"fr_CA": is `,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("--format %s: the matcher reads\n%s\nwant\n%s\nfrom\n%s", format, strings.Join(got, "\n"), strings.Join(want, "\n"), out)
		}
	}
}

// TestSARIFOutput validates what validate --format sarif prints against the
// official SARIF 2.1.0 schema and checks the locations: uris relative to
// the working directory with '/', percent-encoded; lines; columns in UTF-16
// code units, as the log's columnKind says.
func TestSARIFOutput(t *testing.T) {
	schema, err := filepath.Abs("internal/sarif/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	root := testutil.WriteTree(t, ciTree)
	out, code := runPaylink(t, root, "validate", "--scan", "docs", "site", "--format", "sarif")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if err := testutil.ValidateJSON(schema, []byte(out)); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s", err, out)
	}
	var log struct {
		Runs []struct {
			ColumnKind string
			Tool       struct {
				Driver struct{ Name, Version string }
			}
			Results []struct {
				RuleID, Level string
				Locations     []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndColumn int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "paylink" || run.Tool.Driver.Version == "" || run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("driver %+v, columnKind %q", run.Tool.Driver, run.ColumnKind)
	}
	var got []string
	for _, r := range run.Results {
		l := r.Locations[0].PhysicalLocation
		got = append(got, strings.Join([]string{r.RuleID, r.Level, l.ArtifactLocation.URI, itoa(l.Region.StartLine), itoa(l.Region.StartColumn)}, " "))
		for _, f := range r.Fixes {
			c := f.ArtifactChanges[0]
			d := c.Replacements[0].DeletedRegion
			got = append(got, strings.Join([]string{"  fix", c.ArtifactLocation.URI, itoa(d.StartLine), itoa(d.StartColumn), itoa(d.EndColumn), c.Replacements[0].InsertedContent.Text}, " "))
		}
	}
	// "Café — " is 7 UTF-16 code units (10 bytes): column 8.
	want := []string{
		"ignored-parameter warning docs/a,%20b:c.md 1 6",
		"lookalike-host error docs/caf%C3%A9.txt 1 8",
		"utm-invalid-chars error site/index.html 2 10",
		// The value "a+b" of utm_source is columns 68 to 71.
		"  fix site/index.html 2 68 71 a-b",
		"unsupported-locale error site/index.html 2 10",
		// After "&amp;locale=", fr_CA is columns 83 to 88.
		"  fix site/index.html 2 83 88 fr-CA",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("results\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestGitHubFormatHostile: file names and links written to forge workflow
// commands (a new line then "::error", ',' and ':' to add properties, '%'
// escapes, bidi and C1 controls) give exactly one well-formed command per
// problem, and no other line starts a command or holds a raw control.
func TestGitHubFormatHostile(t *testing.T) {
	link := "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"
	root := testutil.WriteTree(t, map[string]string{
		"site/evil\n::error file=x::forged,line=1.md": "[a](" + link + "?utm_source=a+b)\n",
		"site/p,title=x:y%0A.html":                    `<a href="` + link + `?utm_medium=%0A::error::forged&amp;utm_id=%E2%80%AE%C2%9B">x</a>` + "\n",
		"site/::warning::x.txt":                       link + "?utm_campaign=50%25%0D%0A::warning::x\n",
		"site/\u00a0::error title=Forged::owned.txt":  link + "?utm_source=%E2%80%83%3A%3Aerror%3A%3Ax\n",
	})
	out, code := runPaylink(t, root, "validate", "--scan", "site", "--format", "github")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	jsonOut, _ := runPaylink(t, root, "validate", "--scan", "site", "--format", "json")
	problems := strings.Count(jsonOut, `"severity":`)
	command := regexp.MustCompile(`^::(error|warning) file=[^,:\r\n]*,line=[0-9]+,col=[0-9]+,title=paylink%3A [^,:\r\n]*::[^\r\n]*$`)
	commands := 0
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		// The runner trims Unicode white space (NBSP, U+2003…) first.
		if lead := strings.TrimLeftFunc(line, safe.RunnerSpace); strings.HasPrefix(lead, "::") || strings.HasPrefix(lead, "##") {
			if !command.MatchString(line) {
				t.Errorf("malformed or forged command: %q", line)
			}
			commands++
		}
		for _, r := range line {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
				t.Errorf("raw control %U in %q", r, line)
			}
		}
	}
	if commands != problems || problems < 5 {
		t.Errorf("%d commands for %d problems (want one each, at least 5):\n%s", commands, problems, out)
	}
}
