package scan

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// bothPaths finds the links in text read whole (the scan of a regular
// file: a file without a scheme mark is skipped, plain text looks only at
// the lines with one) and line by line (a pipe), with the syntax of name.
func bothPaths(t *testing.T, name string, text []byte) (whole, lines []Found, wholeErr, linesErr error) {
	t.Helper()
	collect := func(into *[]Found) func(Found) error {
		return func(f Found) error { *into = append(*into, f); return nil }
	}
	fw := Finder{Domains: []string{"pay.example.com"}, Syntax: SyntaxOf(name)}
	wholeErr = fw.links(bytes.NewReader(text), true, collect(&whole))
	fl := Finder{Domains: []string{"pay.example.com"}, Syntax: SyntaxOf(name)}
	linesErr = fl.links(bytes.NewReader(text), false, collect(&lines))
	return whole, lines, wholeErr, linesErr
}

func sameFindings(t *testing.T, name string, text []byte) int {
	t.Helper()
	whole, lines, we, le := bothPaths(t, name, text)
	if !reflect.DeepEqual(whole, lines) || !reflect.DeepEqual(we, le) {
		t.Errorf("%s: read whole: %d links, %v; line by line: %d links, %v\nwhole: %+v\nlines: %+v", name, len(whole), we, len(lines), le, whole, lines)
	}
	return len(lines)
}

// TestWholeFileMatchesLines: the shortcut (skip a file without a scheme
// mark, look only at its lines with one, count lines only up to a link)
// finds what reading every line finds, line and column included, in the
// real-world files of testdata/realworld and in each of them planted in
// the middle of other text, in each syntax.
func TestWholeFileMatchesLines(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "realworld")
	total := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		total += sameFindings(t, path, text)
		filler := bytes.Repeat([]byte("x := a[i]:b // no link: here\r\n"), 50)
		planted := append(append(append([]byte{}, filler...), text...), filler...)
		for _, ext := range []string{".txt", ".csv", ".md", ".html", ".json"} {
			sameFindings(t, path+ext, planted)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total < 50 {
		t.Errorf("found %d links in testdata/realworld; expected the files to hold at least 50", total)
	}
}

// TestWholeFileEdges: the places where reading whole could differ from
// reading by lines.
func TestWholeFileEdges(t *testing.T) {
	const l = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a b"
	for _, text := range []string{
		"",
		l,                           // no line end
		"\n\n" + l + "\r\n\r\n" + l, // CRLF, blank lines, two links
		"\ufeff" + l + "\n",         // BOM
		"a\rb " + l + "\r",          // a lone CR is not a line end
		"http://x.example/ then " + l + " and " + l + "\n" + l,
		`{"u":"https:\/\/buy.stripe.com\/test_x?utm_source=a%20b"}` + "\n" + `"https:/\/buy.stripe.com/x" "https:\//buy.stripe.com/y"`,
		"x\n" + strings.Repeat("y", 9000) + " " + l + "\n", // longer than the sniffed start
		"HTTPS://BUY.STRIPE.COM/test_X?utm_source=a b\n",
		"```\n" + l + "\n```\n" + l + "\n<script>\n" + l + "\n</script>\n" + l,
	} {
		for _, name := range []string{"a.txt", "a.csv", "a.md", "a.html"} {
			sameFindings(t, name, []byte(text))
		}
	}
	// A link on line 3 is numbered 3, whatever the path.
	whole, _, _, _ := bothPaths(t, "a.txt", []byte("one\ntwo\n"+l+"\n"))
	if len(whole) != 1 || whole[0].Line != 3 || whole[0].Column != 1 {
		t.Errorf("read whole: %+v, want one link at 3:1", whole)
	}
}

// FuzzWholeFile: for any text and syntax, reading whole finds what reading
// line by line finds.
func FuzzWholeFile(f *testing.F) {
	for _, seed := range []string{
		"a\nhttps://buy.stripe.com/x?utm_source=a b\r\n",
		"```\nhttps://buy.stripe.com/x\n```\nhttps://buy.stripe.com/y",
		`<script>"https:\/\/buy.stripe.com\/x"</script> https:/\/pay.example.com/b/x`,
		"x:/ y:\\/ https://buy.stripe.com/test_x?client_reference_id=a.b\n\n\n",
	} {
		for syntax := range uint8(4) {
			f.Add(seed, syntax)
		}
	}
	names := []string{"a.txt", "a.html", "a.csv", "a.md"}
	f.Fuzz(func(t *testing.T, text string, syntax uint8) {
		sameFindings(t, names[syntax%4], []byte(text))
	})
}

// TestHasSchemeMark: ":/" or `:\/` anywhere, after any number of other
// colons, and nothing else.
func TestHasSchemeMark(t *testing.T) {
	for text, want := range map[string]bool{
		"":                   false,
		":":                  false,
		"a := b; c:":         false,
		`x :\ y :\`:          false,
		`a:b :\n c:\\/`:      false,
		"x := y // https://": true,
		"a:b:/":              true,
		`{"u":"https:\/\/"}`: true,
		`x:\/`:               true,
		":/":                 true,
	} {
		if got := hasSchemeMark([]byte(text)); got != want {
			t.Errorf("hasSchemeMark(%q) = %v, want %v", text, got, want)
		}
	}
}
