package cmd

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/testutil"
)

// hostile is what an attacker puts in a link, a cell, a file name or a
// config file: an OSC 52 clipboard write, a forged GitHub Actions command
// on a line of its own, an Azure Pipelines command after a carriage return,
// a bidi override, a zero-width space and a C1 CSI.
const hostile = "\x1b]52;c;ZXZpbA==\x07\n::stop-commands::x\r##vso[task.setvariable variable=x]1\u202e\u200b\u009b"

// TestHostileOutput feeds each output path the hostile string and checks
// that nothing printed, on stdout or stderr, holds a control, bidi or
// zero-width character, or a line a CI runner would execute.
func TestHostileOutput(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	t.Setenv("NO_COLOR", "")
	t.Chdir(dir)
	enc := url.QueryEscape(hostile)
	evil := vLink + "?utm_" + enc + "=" + enc + "&amp;utm_source=" + enc + "&utm_medium=" + enc
	rawLink := vLink + "?ref=a\u202eb\u200bc##vso[task.complete]"
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	site := filepath.Join(dir, "site")
	write("site/x\n::warning::ok.txt", evil+"\n")
	write("site/"+strings.ReplaceAll(hostile, "/", "")+".html", `<a href="`+evil+`">x</a>`)
	binary := write("x\n::warning::bin.txt", "\x00\x01binary")
	write("links.txt", evil+"\n"+vLink+hostile+"\n")
	write("rows.txt", vLink+"?ref="+enc+"\n"+vLink+"?utm_campaign="+enc+"\n")
	write("rows.csv", "url,utm_campaign,client_reference_id,"+strings.ReplaceAll(hostile, "\n", "")+"\n"+
		vLink+`,"`+hostile+`",,x`+"\n"+vLink+`,spring,"`+hostile+`",y`+"\n")
	write("nourl.csv", "\""+hostile+"\",b\n"+vLink+",x\n")
	unknownKey := write("unknown.json", `{"presets": {}, "\u001b]52;c;x\u0007\n::warning::k": 1}`)
	presets := write("presets.json", `{"presets": {"\u001b]52;c;x\u0007\n::error::p\u202e": {"utm_source": "a"}}}`)
	badPattern := write("pattern.json", `{"policy": {"patterns": {"utm_campaign": "(\u001b]52\n::error::x\r##vso[x]"}}}`)
	pattern := write("policy.json", `{"policy": {"patterns": {"utm_campaign": "^\u001b]52\n::error::x\r##vso[x]\u202e$"}}}`)
	write("built.txt", vLink+"?utm_source="+enc+"&utm_campaign="+enc+"&client_reference_id=r1\n"+vLink+"?client_reference_id="+enc+"\n")
	write("sessions.json", `{"object":"list","data":[{"id":"cs_1","object":"checkout.session","client_reference_id":"r1","status":"complete","payment_status":"paid","amount_total":100,"currency":"\u001b]52;c;x\u0007\n::error::c\u202e"},`+
		`{"id":"cs_2\u001b\n::error::x","object":"checkout.session","client_reference_id":"\u001b]52\n::warning::r","status":"complete","payment_status":"paid","amount_total":5,"currency":"usd"}]}`)
	oddName := write("x\n::warning::"+"c\u202e.yaml", "strict: false\n")

	var all strings.Builder
	defer func() {
		// The values are shown, escaped, not dropped.
		if !strings.Contains(all.String(), `\x1b]52;c;ZXZpbA==\x07\n::stop-commands::x\r\x23#vso[`) {
			t.Errorf("no output shows the hostile value escaped")
		}
	}()
	for _, args := range [][]string{
		{"validate", evil},
		{"validate", "--format", "json", evil, rawLink},
		{"validate", vLink + hostile},
		{"validate", "--strict", "-i", "links.txt"},
		{"validate", "--format", "json", "-i", "links.txt"},
		{"validate", "--scan", site},
		{"validate", "--scan", "--format", "json", site},
		{"validate", "--scan", binary},
		{"validate", "--scan", filepath.Join(dir, "no\n::error::such"+hostile)},
		{"validate", "-i", "no\n::error::such" + hostile},
		{"inspect", evil, rawLink},
		{"inspect", "--format", "json", evil, rawLink},
		{"inspect", "https://buy.stripe.com/test_\u202ex\u200b"},
		{"inspect", vLink + hostile},
		{"build", rawLink, "-s", "a"},
		{"build", "--format", "json", rawLink, "-s", "a"},
		{"build", vLink, "-c", hostile},
		{"build", vLink, "-r", hostile},
		{"build", evil, "-c", "x"},
		{"build", "-i", "rows.txt", "-c", "x"},
		{"build", "-i", "rows.txt", "-c", hostile},
		{"build", "-i", "rows.csv", "-o", "out.csv"},
		{"build", "-i", "nourl.csv"},
		{"build", "--config", unknownKey, vLink},
		{"presets", "list", "--config", presets},
		{"presets", "list", "--format", "json", "--config", presets},
		{"presets", "show", "--config", presets, hostile},
		{"build", "--config", presets, "-p", hostile, vLink},
		{"build", "--config", badPattern, vLink},
		{"build", "--config", pattern, vLink, "-c", "spring"},
		{"validate", "--config", pattern, vLink + "?utm_campaign=spring"},
		{"config", "path", "--config", oddName},
		{"config", "path", "--config", hostile},
		{"config", "init", "--path", filepath.Join(dir, "new\n::warning::"+"x\u202e.yaml")},
		{"validate", "--scan", "--format", "sarif", site},
		{"reconcile", "--sessions", "sessions.json", "--format", "table", "built.txt"},
		{"reconcile", "--sessions", "sessions.json", "--format", "csv", "built.txt"},
		{"reconcile", "--sessions", "sessions.json", "--format", "json", "built.txt"},
		{"reconcile", "--sessions", "sessions.json", "--format", "table", hostile},
		{hostile},
		{"build", "--" + hostile},
	} {
		streams, in, out, errOut := iostreams.Test()
		defer func() { all.WriteString(out.String() + errOut.String()) }()
		in.WriteString(hostile)
		code := Execute(args, streams)
		if out.Len()+errOut.Len() == 0 {
			t.Errorf("%q: exit %d and no output; the path was not exercised", args, code)
		}
		checkOutputSafe(t, args, code, out.String(), errOut.String())
	}
}

// TestHostileSpaces: GitHub's runner trims every Unicode white space
// (Char.IsWhiteSpace: NBSP, U+2000–U+200A, U+3000…) before it looks for
// "::", so a value starting with one of them and "::" forges a workflow
// command as surely as one starting with "::". A scanned file's name, a
// utm_source in the reconcile table and a link id in the links table each
// start a line; none may print such a line.
func TestHostileSpaces(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	t.Chdir(dir)
	const forged = "\u00a0::error title=Forged::owned"
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, forged+".txt"), "https://buy.stripe.com.evil.example/test_abc\n")
	write(forged+".txt", "https://buy.stripe.com.evil.example/test_abc\n")
	write("built.txt", vLink+"?utm_source=%C2%A0%3A%3Aerror%3A%3Ax&utm_medium=%E3%80%80%3A%3Awarning%3A%3Ay&utm_campaign=c&client_reference_id=r1\n")
	write("sessions.json", `{"object":"list","data":[{"id":"cs_1","object":"checkout.session","client_reference_id":"r1","status":"complete","payment_status":"paid","amount_total":100,"currency":"usd"}]}`)
	page, err := testutil.ParseRecorded([]byte("HTTP/1.1 200 OK\nContent-Type: application/json\n\n" +
		`{"object":"list","has_more":false,"data":[{"id":"\u2003::error::plink","object":"payment_link","active":true,"url":"\u00a0::error::u","after_completion":{"type":"redirect","redirect":{"url":"\u3000##[error]r"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(account.EnvKey, "rk_test_hostilespaces")
	for _, args := range [][]string{
		{"validate", "--no-config", "--scan", site},
		{"validate", "--no-config", "--scan", "."}, // the file name starts the line
		{"reconcile", "--no-config", "--sessions", "sessions.json", "--format", "table", "built.txt"},
		{"reconcile", "--no-config", "--sessions", "sessions.json", "--format", "csv", "built.txt"},
		{"links", "--format", "table"},
		{"links", "--format", "csv"},
	} {
		srv := testutil.NewStripeReplay([]testutil.Recorded{page}, nil)
		t.Setenv(account.EnvAPIBase, srv.URL)
		streams, _, out, errOut := iostreams.Test()
		code := Execute(args, streams)
		srv.Close()
		if !strings.Contains(out.String()+errOut.String(), "error") {
			t.Errorf("%q: exit %d, the hostile value is not shown:\n%s%s", args, code, out, errOut)
		}
		checkOutputSafe(t, args, code, out.String(), errOut.String())
	}
}

// checkOutputSafe fails t when stdout or stderr of a run on hostile input
// holds what safe.Check refuses, or, not trusting Check, a line GitHub's
// runner would take for a workflow command.
func checkOutputSafe(t *testing.T, args []string, code int, stdout, stderr string) {
	t.Helper()
	for name, got := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if p := safe.Check(got); p != "" {
			t.Errorf("%q: exit %d, %s: %s:\n%s", args, code, name, p, got)
		}
		for line := range strings.Lines(got) {
			if lead := strings.TrimLeftFunc(line, unicode.IsSpace); strings.HasPrefix(lead, "::") || strings.HasPrefix(lead, "##") {
				t.Errorf("%q: %s line %q is a workflow command to GitHub's runner", args, name, line)
			}
		}
	}
}
