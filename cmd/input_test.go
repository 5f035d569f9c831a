package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// validate -i, inspect -i and reconcile (its links and sessions files) drop
// a UTF-8 byte-order mark before the first link, and refuse UTF-16 (exit 2)
// saying to save the file as UTF-8.
// validate --scan reads a UTF-16 file in a folder as the text it is: a CI
// scan must neither fail on one nor miss its links.
func TestLinkFilesBOMAndUTF16(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	t.Chdir(dir)
	os.WriteFile("bom.txt", []byte("\xEF\xBB\xBF"+vLink+"?utm_source=news\n"), 0o644)
	os.WriteFile("u16.txt", []byte("\xFF\xFEh\x00t\x00t\x00p\x00"), 0o644)
	os.WriteFile("bom.csv", []byte("\xEF\xBB\xBFlink,error\n"+vLink+"?client_reference_id=o1,\n"), 0o644)
	os.WriteFile("u16.csv", utf16le("\uFEFFlink,error\r\n"+vLink+"?client_reference_id=o1,\r\n"), 0o644)
	os.WriteFile("sessions.json", []byte("\xEF\xBB\xBF[]\n"), 0o644)
	os.Mkdir("site", 0o755)
	os.WriteFile(filepath.Join("site", "page.html"), utf16le("\uFEFF<a href=\""+vLink+"?utm_source=a b\">\r\n"), 0o644)
	for _, tc := range []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"validate", "-i", "bom.txt"}, exitcode.OK, "", ""},
		{[]string{"inspect", "-i", "bom.txt"}, exitcode.OK, "link         " + vLink + "?utm_source=news\n", ""},
		{[]string{"validate", "-i", "u16.txt"}, exitcode.Usage, "", "error: u16.txt: the input is UTF-16 text"},
		{[]string{"inspect", "-i", "u16.txt"}, exitcode.Usage, "", "error: u16.txt: the input is UTF-16 text"},
		{[]string{"validate", "--scan", "site"}, exitcode.Invalid, filepath.Join("site", "page.html") + `:1:10: utm_source: error: "a b"`, ""},
		{[]string{"reconcile", "bom.csv", "--sessions", "sessions.json", "--format", "json"}, exitcode.OK, `{"groups":[{"group":{"utm_source":"","utm_medium":"","utm_campaign":""},"links":1,"paid":0,`, ""},
		{[]string{"reconcile", "u16.csv", "--sessions", "sessions.json"}, exitcode.Usage, "", "error: u16.csv: the input is UTF-16 text"},
		{[]string{"reconcile", "bom.csv", "--sessions", "u16.txt"}, exitcode.Usage, "", "error: u16.txt: the input is UTF-16 text"},
	} {
		streams, _, out, errOut := iostreams.Test()
		code := Execute(tc.args, streams)
		if code != tc.code || !strings.HasPrefix(out.String(), tc.out) || !strings.HasPrefix(errOut.String(), tc.errs) ||
			(tc.errs == "") != (errOut.Len() == 0) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d, stdout %q…, stderr %q…", tc.args, code, out, errOut, tc.code, tc.out, tc.errs)
		}
		if tc.errs != "" && !strings.Contains(errOut.String(), "save it as UTF-8") {
			t.Errorf("%q: stderr %q does not say to save the file as UTF-8", tc.args, errOut)
		}
	}
}

// utf16le is s in UTF-16, little-endian, as Windows' "Unicode" saves it.
func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// A link over link.MaxLen is an error naming its length (exit 1), in
// validate, inspect and --scan; a line over textin.MaxLine stops the reading of
// its input with an error naming it (exit 2). Neither is printed whole.
func TestLengthLimits(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	t.Chdir(dir)
	long := vLink + "?ref=" + strings.Repeat("a", 20_000) // a 20,051-byte link
	os.WriteFile("long.txt", []byte(long+"\n"), 0o644)
	os.Mkdir("site", 0o755)
	os.WriteFile(filepath.Join("site", "page.html"), []byte(`<a href="`+long+`">`), 0o644)
	huge := vLink + "?ref=" + strings.Repeat("a", 9<<20)
	os.WriteFile("huge.txt", []byte(huge+"\n"), 0o644)
	os.WriteFile(filepath.Join("site", "min.html"), []byte(huge), 0o644)
	tooLong := "is 20051 bytes long, over paylink's limit of 16384"
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"validate", "-i", "long.txt"}, exitcode.Invalid, tooLong},
		{[]string{"inspect", "-i", "long.txt"}, exitcode.Invalid, tooLong},
		{[]string{"validate", "--scan", filepath.Join("site", "page.html")}, exitcode.Invalid, tooLong},
		{[]string{"validate", "-i", "huge.txt"}, exitcode.Usage, "error: huge.txt:1: longer than 8 MiB, the most paylink reads on one line\n"},
		{[]string{"inspect", "-i", "huge.txt"}, exitcode.Usage, "error: huge.txt:1: longer than 8 MiB, the most paylink reads on one line\n"},
		{[]string{"validate", "--scan", "site"}, exitcode.Usage, "error: " + filepath.Join("site", "min.html") + ":1: longer than 8 MiB, the most paylink reads on one line\n"},
	} {
		streams, _, out, errOut := iostreams.Test()
		code := Execute(tc.args, streams)
		all := out.String() + errOut.String()
		if code != tc.code || !strings.Contains(all, tc.want) || len(all) > 4000 {
			t.Errorf("%q: exit %d, %d bytes of output: %.600s; want exit %d and %q", tc.args, code, len(all), all, tc.code, tc.want)
		}
	}
}
