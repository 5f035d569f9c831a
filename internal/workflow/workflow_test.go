package workflow

import (
	"strings"
	"testing"
)

// parsed is a workflow command as the GitHub runner reads it.
type parsed struct {
	name    string
	props   map[string]string
	message string
}

// runnerParse reads one log line as the Actions runner does
// (ActionCommand.TryParseV2 in actions/runner): "::" name, optional
// space-separated "k=v,k=v" properties, "::", the message; then it undoes
// the escaping, in the runner's order: %0D, %0A (and for properties %3A,
// %2C) before %25.
func runnerParse(line string) (parsed, bool) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return parsed{}, false
	}
	head, msg, ok := strings.Cut(rest, "::")
	if !ok {
		return parsed{}, false
	}
	name, props, _ := strings.Cut(head, " ")
	p := parsed{name: name, props: map[string]string{}, message: unescape(msg, false)}
	if props != "" {
		for kv := range strings.SplitSeq(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return parsed{}, false
			}
			p.props[k] = unescape(v, true)
		}
	}
	return p, true
}

func unescape(s string, property bool) string {
	s = strings.ReplaceAll(s, "%0D", "\r")
	s = strings.ReplaceAll(s, "%0A", "\n")
	if property {
		s = strings.ReplaceAll(s, "%3A", ":")
		s = strings.ReplaceAll(s, "%2C", ",")
	}
	return strings.ReplaceAll(s, "%25", "%")
}

// TestCommandRoundTrip: whatever the values, the command is one line that
// the runner reads back as exactly those values, and no value adds a
// property or a command.
func TestCommandRoundTrip(t *testing.T) {
	hostile := []string{
		"plain",
		"a:b,c=d",
		"line\n::error::forged",
		"cr\r::warning file=x::forged",
		"100% sure %0A%25%3A",
		"::",
		",title=forged",
		"",
	}
	for _, file := range hostile {
		for _, msg := range hostile {
			line := Command("error", []Prop{{"file", file}, {"line", "3"}, {"col", "10"}, {"title", "paylink: utm_source"}}, msg)
			if strings.ContainsAny(line, "\r\n") {
				t.Fatalf("Command(%q, %q) = %q: more than one line", file, msg, line)
			}
			got, ok := runnerParse(line)
			if !ok || got.name != "error" || got.message != msg {
				t.Errorf("Command(%q, %q) = %q, read back as %+v", file, msg, line, got)
				continue
			}
			want := map[string]string{"file": file, "line": "3", "col": "10", "title": "paylink: utm_source"}
			if file == "" {
				delete(want, "file")
			}
			if len(got.props) != len(want) {
				t.Errorf("Command(%q, %q) = %q: properties %q, want %q", file, msg, line, got.props, want)
			}
			for k, v := range want {
				if got.props[k] != v {
					t.Errorf("Command(%q, %q) = %q: %s=%q, want %q", file, msg, line, k, got.props[k], v)
				}
			}
		}
	}
}

// TestCommandDocumentedForm checks the escaping GitHub documents, byte for byte.
func TestCommandDocumentedForm(t *testing.T) {
	got := Command("warning", []Prop{{"file", "a,b:c.md"}, {"line", "1"}, {"title", "paylink: utm_id"}}, "50% off\nnext")
	want := "::warning file=a%2Cb%3Ac.md,line=1,title=paylink%3A utm_id::50%25 off%0Anext"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Command("error", nil, "m"); got != "::error::m" {
		t.Errorf("no properties: %q", got)
	}
}
