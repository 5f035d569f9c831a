package sarif

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/testutil"
)

const schema = "testdata/sarif-schema-2.1.0.json"

func problemsOf(t *testing.T, raw string) []*link.Problem {
	t.Helper()
	l, err := link.Parse(raw, nil)
	if err != nil {
		return []*link.Problem{err.(*link.Problem)}
	}
	return l.Problems()
}

// TestLogValidates: a log holding every shape of result — a file with a
// space and a ':' in its name, one outside the root, a problem with the link
// itself, a link given directly (no location) and a problem from another
// check (rule "other") — is valid SARIF 2.1.0 by the official schema.
func TestLogValidates(t *testing.T) {
	root := t.TempDir()
	b := New("1.2.3", root)
	bad := "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a+b&utm_id=x"
	for _, w := range []Where{
		{File: filepath.Join(root, "site", "my page.html"), Line: 6, ColumnUTF16: 10},
		{File: filepath.Join(root, "a:b.md"), Line: 1, ColumnUTF16: 1},
		{File: filepath.Join(filepath.Dir(root), "elsewhere.txt"), Line: 2, ColumnUTF16: 3},
		{},
	} {
		for _, p := range problemsOf(t, bad) {
			b.Add(w, bad, p)
		}
	}
	b.Add(Where{File: filepath.Join(root, "x.txt"), Line: 1, ColumnUTF16: 1}, "https://buy.stripe.com.evil.example/x",
		problemsOf(t, "https://buy.stripe.com.evil.example/x")[0])
	b.Add(Where{}, bad, &link.Problem{Param: "utm_source", Value: "a b", Severity: link.SeverityError, Reason: "is odd"})
	doc, err := json.Marshal(b.Log())
	if err != nil {
		t.Fatal(err)
	}
	if err := testutil.ValidateJSON(schema, doc); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s", err, doc)
	}
	// The schema cannot tell a wrong uri from a right one (the validator
	// accepts "my page.html" as a uri-reference): check them, and that
	// each is made of the characters RFC 3986 allows.
	var got struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(doc, &got); err != nil {
		t.Fatal(err)
	}
	run := got.Runs[0]
	if run.Tool.Driver.Name != "paylink" || run.Tool.Driver.Version != "1.2.3" {
		t.Errorf("driver %+v, want paylink 1.2.3", run.Tool.Driver)
	}
	var uris, rules []string
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %q: ruleIndex %d names rule %q", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
		rules = append(rules, r.RuleID+":"+r.Level)
		if len(r.Locations) == 0 {
			uris = append(uris, "-")
			continue
		}
		pl := r.Locations[0].PhysicalLocation
		if !uriChars.MatchString(pl.ArtifactLocation.URI) {
			t.Errorf("uri %q has characters a URI cannot hold", pl.ArtifactLocation.URI)
		}
		uris = append(uris, pl.ArtifactLocation.URI+"@"+itoa(pl.Region.StartLine)+":"+itoa(pl.Region.StartColumn))
	}
	outside := "file://" + filepath.ToSlash(filepath.Join(filepath.Dir(root), "elsewhere.txt"))
	wantURIs := []string{"site/my%20page.html@6:10", "site/my%20page.html@6:10", "./a:b.md@1:1", "./a:b.md@1:1",
		outside + "@2:3", outside + "@2:3", "-", "-", "x.txt@1:1", "-"}
	if strings.Join(uris, " ") != strings.Join(wantURIs, " ") {
		t.Errorf("locations\n got %q\nwant %q", uris, wantURIs)
	}
	wantRules := []string{"utm-invalid-chars:error", "ignored-parameter:warning"}
	if rules[0] != wantRules[0] || rules[1] != wantRules[1] || rules[8] != "lookalike-host:error" || rules[9] != "other:error" {
		t.Errorf("rules %q", rules)
	}
	// With no location the message names the link.
	if msg := run.Results[6].Message.Text; !strings.HasPrefix(msg, bad+": utm_source \"a b\": ") {
		t.Errorf("message without location: %q", msg)
	}
}

// TestSchemaRejects: the schema check is not a formality — a log missing
// its version or a message, or with a level or column SARIF does not know,
// fails it.
func TestSchemaRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"no version": `{"runs":[]}`,
		"no message": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}`,
		"bad level":  `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"m"}}]}]}`,
		"column 0":   `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":1,"startColumn":0}}}]}]}]}`,
	} {
		if err := testutil.ValidateJSON(schema, []byte(doc)); err == nil {
			t.Errorf("%s: the schema accepted %s", name, doc)
		}
	}
}

var uriChars = regexp.MustCompile(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$`)

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
