package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestFixKeepsEncoding: --fix keeps a file's encoding (UTF-8 with or
// without a byte-order mark, UTF-16 with one, either byte order), its line
// endings and its mode; only the link's bytes change.
func TestFixKeepsEncoding(t *testing.T) {
	const before = "<p>é</p>\r\n<a href=\"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_campaign=Spring Sale&amp;locale=pt_br\">x</a>\r\nend\n"
	const after = "<p>é</p>\r\n<a href=\"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_campaign=Spring-Sale&amp;locale=pt-BR\">x</a>\r\nend\n"
	utf16le := func(s string) []byte {
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		return b
	}
	utf16be := func(s string) []byte {
		b, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		return b
	}
	bom := func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }
	plain := func(s string) []byte { return []byte(s) }
	for name, enc := range map[string]func(string) []byte{"utf8": plain, "utf8-bom": bom, "utf16le": utf16le, "utf16be": utf16be} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "page.html")
			if err := os.WriteFile(path, enc(before), 0o640); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := validate(t, "", "--scan", path, "--fix")
			if code != 0 || !strings.Contains(out, `utm_campaign: fixed: "Spring Sale" → "Spring-Sale"`) || !strings.Contains(out, `locale: fixed: "pt_br" → "pt-BR"`) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, enc(after)) {
				t.Errorf("file is\n%q\nwant\n%q", got, enc(after))
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want 0640", fi.Mode().Perm())
			}
			if out, _, code := validate(t, "", "--scan", path, "--fix"); code != 0 || out != "" {
				t.Errorf("second --fix: exit %d, stdout %q", code, out)
			}
		})
	}
}

// TestFixSymlinks: a file reached through a symbolic link is repaired in
// the file it leads to (the link stays a link) when that file is inside the
// scanned paths, and never when the link leads out of them.
func TestFixSymlinks(t *testing.T) {
	const bad = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a+b\n"
	root, outside := t.TempDir(), t.TempDir()
	secret := filepath.Join(outside, "other.md")
	inside := filepath.Join(root, "real.md")
	for _, p := range []string{secret, inside} {
		if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(secret, filepath.Join(root, "out.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("real.md", filepath.Join(root, "in.md")); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := validate(t, "", "--scan", root, "--fix")
	if code != 0 || !strings.Contains(errOut, "skipped 1 symbolic link leading outside") {
		t.Errorf("exit %d, stderr %q; want the link out left alone", code, errOut)
	}
	if got, _ := os.ReadFile(secret); string(got) != bad {
		t.Errorf("the file outside was written: %q", got)
	}
	if got, _ := os.ReadFile(inside); string(got) != strings.Replace(bad, "a+b", "a-b", 1) {
		t.Errorf("the file inside is %q", got)
	}
	if fi, err := os.Lstat(filepath.Join(root, "in.md")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("in.md is no longer a link: %v", err)
	}
}

// TestFixNotWrittenNotClaimed: when a file's repairs cannot be written
// (here UTF-16 with an odd last byte, which would not encode back byte for
// byte), its links are reported with the problems they still have, never
// as "fixed:", and the run exits 2.
func TestFixNotWrittenNotClaimed(t *testing.T) {
	const text = "<a href=\"https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_campaign=Spring Sale\">x</a>\n"
	data, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	data = append(data, 'x') // an odd number of bytes
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := validate(t, "", "--scan", path, "--fix")
	if code != 2 || strings.Contains(out, "fixed:") || !strings.Contains(out, `utm_campaign: error: "Spring Sale"`) || !strings.Contains(errOut, "odd number of bytes") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, the error still reported, not fixed, and why", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Errorf("the file changed")
	}
}
