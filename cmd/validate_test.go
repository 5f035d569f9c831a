package cmd

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/testutil"
)

const vLink = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

// execCode runs c with args and returns the exit code paylink would exit
// with, mapped by report as Execute does.
func execCode(t *testing.T, c *cobra.Command, streams *iostreams.IOStreams, args ...string) int {
	t.Helper()
	if args == nil {
		args = []string{} // nil would make cobra read the test binary's os.Args
	}
	c.SetArgs(args)
	c.SetOut(streams.Out)
	c.SetErr(streams.ErrOut)
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.UsageError{Err: err} })
	c.SilenceErrors, c.SilenceUsage = true, true
	err := c.Execute()
	if err == nil {
		return exitcode.OK
	}
	return cmdutil.Report(streams.ErrOut, c, err)
}

func TestValidateFlags(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	var got *ValidateOptions
	c := NewValidateCmd(testFactory(streams), func(o *ValidateOptions) error { got = o; return nil })
	code := execCode(t, c, streams, "--scan", "--strict", "-i", "-", "--allow-domain", "pay.example.com",
		"--allow-domain", "checkout.example.org", "--format", "json", "site", "docs")
	if code != exitcode.OK || got == nil {
		t.Fatalf("exit %d, options %v", code, got)
	}
	if !got.Scan || !got.Strict || got.Input != "-" || got.Format != "json" ||
		!slices.Equal(got.Domains, []string{"pay.example.com", "checkout.example.org"}) ||
		!slices.Equal(got.Args, []string{"site", "docs"}) {
		t.Errorf("options: %+v", got)
	}
}

func TestValidateUsageErrors(t *testing.T) {
	tests := map[string][]string{
		"no links":       {},
		"scan, no paths": {"--scan"},
		"bad format":     {"--format", "xml", vLink},
		"unknown flag":   {"--nope", vLink},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			streams, _, out, errOut := iostreams.Test()
			called := false
			c := NewValidateCmd(testFactory(streams), func(*ValidateOptions) error { called = true; return nil })
			if code := execCode(t, c, streams, args...); code != exitcode.Usage || called {
				t.Errorf("exit %d, run called %v; want exit 2 before running", code, called)
			}
			if out.Len() != 0 || !strings.Contains(errOut.String(), "Usage:") {
				t.Errorf("stdout %q, stderr %q", out, errOut)
			}
		})
	}
}

// validate runs `paylink validate` with args and returns stdout, stderr
// and the exit code.
func validate(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	streams, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code := execCode(t, NewValidateCmd(testFactory(streams), nil), streams, args...)
	return out.String(), errOut.String(), code
}

func TestValidateText(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // stdout
		code int
	}{
		{"valid link prints nothing", []string{vLink + "?utm_source=newsletter"}, "", 0},
		{"value Stripe drops", []string{vLink + "?utm_source=a+b"},
			vLink + `?utm_source=a+b: utm_source: error: "a b": ' ' is not allowed (letters, digits, '-' and '_' only, at most 150 characters); Stripe would discard it silently and the campaign would lose its attribution; use "a-b"` + "\n", 1},
		{"warning only exits 0", []string{vLink + "?utm_id=7"},
			vLink + `?utm_id=7: utm_id: warning: "7": is a Google Analytics parameter; Stripe does not record it; remove it; Stripe records utm_source, utm_medium, utm_campaign, utm_term, utm_content` + "\n", 0},
		{"strict makes the warning an error", []string{"--strict", vLink + "?utm_id=7"},
			vLink + `?utm_id=7: utm_id: error: "7": is a Google Analytics parameter; Stripe does not record it; remove it; Stripe records utm_source, utm_medium, utm_campaign, utm_term, utm_content` + "\n", 1},
		{"link itself", []string{"ftp://buy.stripe.com/abc"},
			"ftp://buy.stripe.com/abc: link: error: not an absolute https URL; payment links start with https://buy.stripe.com/\n", 1},
		{"http:// on a Stripe host is a warning", []string{"http://buy.stripe.com/abc"},
			"http://buy.stripe.com/abc: link: warning: starts with http://; browsers upgrade it to https (stripe.com is HSTS-preloaded) and Stripe keeps the query, but anyone reading it sees an insecure link; write https://\n", 0},
		{"a link with a space is shown quoted", []string{vLink + "?utm_source=a b"},
			`"` + vLink + `?utm_source=a b": link: error: contains a space or control character; remove it or percent-encode it` + "\n", 1},
		{"custom domain allowed", []string{"--allow-domain", "pay.example.com", "https://pay.example.com/b/abc?utm_source=x"}, "", 0},
		{"custom domain not allowed", []string{"https://pay.example.com/b/abc"},
			`https://pay.example.com/b/abc: link: error: host "pay.example.com" is not buy.stripe.com, donate.stripe.com or book.stripe.com, nor an allowed custom domain; use a buy.stripe.com link, or allow your own payment domain with --allow-domain or the config's domains` + "\n", 1},
		{"every link checked, one line per problem", []string{vLink + "?locale=xx-YY&utm_source=a&utm_source=b", vLink},
			vLink + `?locale=xx-YY&utm_source=a&utm_source=b: locale: error: "xx-YY": is not a Stripe Checkout locale; Stripe would drop it; use auto (the browser's language) or one of ` + strings.Join(link.Locales[1:], " ") + "\n" +
				vLink + `?locale=xx-YY&utm_source=a&utm_source=b: utm_source: warning: "a": appears 2 times; which copy Stripe keeps is undefined; keep one` + "\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := validate(t, "", tt.args...)
			if out != tt.want || code != tt.code {
				t.Errorf("exit %d, stdout:\n%s\nwant exit %d, stdout:\n%s", code, out, tt.code, tt.want)
			}
			if errOut != "" {
				t.Errorf("stderr %q, want nothing", errOut)
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	out, _, code := validate(t, "", "--format", "json", vLink+"?utm_source=a+b&utm_id=7", "ftp://x", vLink)
	if code != exitcode.Invalid {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per link, got %q", out)
	}
	if !strings.Contains(lines[0], `"link":"`+vLink+`?utm_source=a+b&utm_id=7"`) {
		t.Errorf("'&' must stay '&': %s", lines[0])
	}
	type problem struct{ Param, Value, Severity, Message string }
	var got []struct {
		Link     string
		Valid    bool
		Problems []problem
	}
	for _, l := range lines {
		var v struct {
			Link     string
			Valid    bool
			Problems []problem
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		got = append(got, v)
	}
	if got[0].Valid || len(got[0].Problems) != 2 ||
		got[0].Problems[0] != (problem{"utm_source", "a b", "error", got[0].Problems[0].Message}) ||
		!strings.HasPrefix(got[0].Problems[0].Message, `"a b": ' ' is not allowed`) ||
		got[0].Problems[1].Param != "utm_id" || got[0].Problems[1].Severity != "warning" {
		t.Errorf("first link: %+v", got[0])
	}
	if got[1].Valid || len(got[1].Problems) != 1 || got[1].Problems[0].Param != "" || got[1].Problems[0].Value != "ftp://x" {
		t.Errorf("unparsable link: %+v", got[1])
	}
	if !got[2].Valid || got[2].Problems == nil || len(got[2].Problems) != 0 || !strings.Contains(lines[2], `"problems":[]`) {
		t.Errorf("valid link: %s", lines[2])
	}
}

func TestValidateInput(t *testing.T) {
	stdin := "# campaign links\n\n  " + vLink + "?utm_source=ok  \r\n" + vLink + "?utm_medium=a%20b\n"
	out, errOut, code := validate(t, stdin, "-i", "-")
	want := vLink + `?utm_medium=a%20b: utm_medium: error: "a b": ' ' is not allowed`
	if code != exitcode.Invalid || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 || errOut != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out, errOut, code = validate(t, "", "-i", filepath.Join(t.TempDir(), "missing.txt"))
	if code != exitcode.Usage || out != "" || !strings.Contains(errOut, `missing.txt": no such file or folder; check the name`) {
		t.Errorf("missing file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out, errOut, code = validate(t, "# nothing\n\n", "-i", "-")
	if code != exitcode.Usage || out != "" || errOut != "error: no links in stdin: give one link a line (blank lines and # comments are skipped)\n" {
		t.Errorf("no links: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestValidatePolicy proves the hook config wires in: the policy runs on
// every link that parses, and its problems count.
func TestValidatePolicy(t *testing.T) {
	streams, _, out, _ := iostreams.Test()
	opts := &ValidateOptions{IO: streams, Format: "text", Args: []string{vLink + "?utm_source=x", "http://nope"},
		Policy: &link.Policy{Required: []string{"utm_campaign"}},
	}
	err := runValidate(opts)
	if code := cmdutil.Report(io.Discard, nil, err); code != exitcode.Invalid {
		t.Errorf("exit %d, want 1", code)
	}
	if w := "?utm_source=x: utm_campaign: error: is missing"; !strings.Contains(out.String(), w) {
		t.Errorf("stdout lacks %q:\n%s", w, out)
	}
}

func TestValidateScan(t *testing.T) {
	root := testutil.WriteTree(t, map[string]string{
		"mail/welcome.html": "<p>Hi</p>\n" +
			`<a href="` + vLink + `?utm_source=news&amp;utm_medium=email">ok</a>` + "\n" +
			`<a href="` + vLink + `?utm_source=news&amp;utm_medium=e+mail">broken</a>` + "\n",
		"logo.png":          "\x89PNG\x00\x00" + vLink + "?utm_source=a+b\n",
		".git/notes.txt":    vLink + "?utm_source=a+b\n",
		"node_modules/x.md": vLink + "?utm_source=a+b\n",
	})
	t.Chdir(root)
	out, errOut, code := validate(t, "", "--scan", ".")
	want := filepath.Join("mail", "welcome.html") + `:3:10: utm_medium: error: "e mail": ' ' is not allowed (letters, digits, '-' and '_' only, at most 150 characters); Stripe would discard it silently and the campaign would lose its attribution; use "e-mail"` + "\n"
	if out != want || code != exitcode.Invalid || errOut != "" {
		t.Errorf("exit %d, stdout:\n%s\nstderr %q\nwant exit 1, stdout:\n%s", code, out, errOut, want)
	}

	// A file that cannot be read is reported, the others still checked, and the exit code is 2.
	out, errOut, code = validate(t, "", "--scan", "missing", "mail")
	if code != exitcode.Usage || !strings.Contains(out, "welcome.html:3:10: utm_medium") || !strings.Contains(errOut, `error: cannot scan "missing": no such file or folder`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// A binary file named on purpose is skipped with a warning.
	out, errOut, code = validate(t, "", "--scan", "logo.png")
	if code != exitcode.OK || out != "" || !strings.Contains(errOut, "warning: logo.png: binary file, not scanned") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestOwnFilesSkipped: a scan skips the files its -o writes (the report
// being written, which the walk may meet half-written, and the one it
// replaces, noted), however the walk names them, and nothing else: not
// a file of the same name elsewhere.
func TestOwnFilesSkipped(t *testing.T) {
	dir := t.TempDir()
	temp := filepath.Join(dir, ".report.json.paylink-1.tmp")
	report := filepath.Join(dir, "report.json")
	elsewhere := filepath.Join(dir, "sub", "report.json")
	for _, f := range []string{temp, report, elsewhere} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The same folder through a symbolic link, as a scan of it walks it.
	via := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(dir, via); err != nil {
		t.Fatal(err)
	}
	own := ownFiles{files: []string{temp, report}}
	for path, want := range map[string]bool{
		temp: true, report: true, filepath.Join(via, "report.json"): true,
		elsewhere: false, filepath.Join(dir, ".other.json.paylink-1.tmp"): false,
	} {
		if got := own.skip(path); got != want {
			t.Errorf("skip(%q) = %v, want %v", path, got, want)
		}
	}
	if len(own.skipped) != 2 {
		t.Errorf("noted %q, want the report, met twice", own.skipped)
	}
	if (&ownFiles{}).skip(report) {
		t.Error("without -o, skip(report) = true")
	}
}

// fullDisk is a standard output that refuses every write, as a full disk does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestScanStopsAtWriteError: once the report cannot be written, the scan
// stops and says so once, as the write error it is: not once for each
// path still to scan, each said to be a file that cannot be scanned.
func TestScanStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--scan"}
	for _, name := range []string{"a.html", "b.html", "c.html"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(`<a href="`+vLink+`?utm_source=a b">x</a>`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	// Stdin, scanned first, is no file that cannot be read either.
	for _, args := range [][]string{args, append(args, "-i", "-")} {
		streams, in, _, errOut := iostreams.Test()
		in.WriteString(vLink + "?utm_source=a b\n")
		streams.Out = fullDisk{}
		code := execCode(t, NewValidateCmd(testFactory(streams), nil), streams, args...)
		if want := "error: write /dev/stdout: no space left on device\n"; code != exitcode.Usage || errOut.String() != want {
			t.Errorf("%q: exit %d, stderr %q; want exit 2, stderr %q", args[len(args)-1], code, errOut.String(), want)
		}
	}
}

// TestScanSkipsStdoutFile: a scan does not read the file the shell sends
// its report to (here >> FILE, which keeps an earlier report, with its
// links, in the scanned folder), however the walk names it; without the
// redirection that file is scanned like any other.
func TestScanSkipsStdoutFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux names the file of a descriptor (/proc/self/fd)")
	}
	dir := t.TempDir()
	link := `{"file":"a.html","link":"` + vLink + `?utm_source=a b"}` + "\n"
	for name, text := range map[string]string{"a.html": `<a href="` + vLink + `?utm_source=a b">x</a>` + "\n", "report.json": link} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report, err := os.OpenFile(filepath.Join(dir, "report.json"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer report.Close()
	streams, _, _, errOut := iostreams.Test()
	streams.Out = report
	code := execCode(t, NewValidateCmd(testFactory(streams), nil), streams, "--scan", dir, "--format", "json")
	got, _ := os.ReadFile(report.Name())
	if code != exitcode.Invalid || strings.Count(string(got), `"file":`) != 2 || strings.Contains(string(got), "report.json") {
		t.Errorf("exit %d, stderr %q, the report now %q; want exit 1 and a.html's link added, report.json not scanned", code, errOut.String(), got)
	}
	out, _, _ := validate(t, "", "--scan", dir, "--format", "json")
	if want := `"file":"` + filepath.Join(dir, "report.json") + `"`; !strings.Contains(out, want) {
		t.Errorf("without the redirection: %q, want report.json scanned (%s)", out, want)
	}
}
