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
	wholeErr = fw.links(bytes.NewReader(text), true, int64(len(text)), collect(&whole)) // as ReadWhole, with the size fstat gave
	fl := Finder{Domains: []string{"pay.example.com"}, Syntax: SyntaxOf(name)}
	linesErr = fl.links(bytes.NewReader(text), false, 0, collect(&lines))
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
		// A scheme written in character references holds no mark.
		"x\n" + `<a href="https&#58;&#47;&#47;buy.stripe.com/test_x?utm_source=a b">` + "\n",
		`[x](&#104;ttps&colon;&sol;&sol;buy.stripe.com.evil.example/test_x)`,
	} {
		for _, name := range []string{"a.txt", "a.csv", "a.md", "a.html"} {
			sameFindings(t, name, []byte(text))
		}
	}
	// The markup one is found, read whole too (its file has no ":/").
	if whole, _, _, _ := bothPaths(t, "a.html", []byte(`<a href="https&#58;&#47;&#47;buy.stripe.com/test_x">`)); len(whole) != 1 {
		t.Errorf("read whole: %+v, want the link whose scheme is written in references", whole)
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

// countingReader counts the reads asked of it and the bytes given.
type countingReader struct {
	r            *bytes.Reader
	reads, given int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	n, err := c.r.Read(p)
	c.given += n
	return n, err
}

// TestReadUpTo: a file is read to its end whatever size it was said to
// have, and the read that would only say "end" is saved when the size
// was right.
func TestReadUpTo(t *testing.T) {
	text := bytes.Repeat([]byte("0123456789\n"), 1000) // 11,000 bytes
	tests := []struct {
		name        string
		size, limit int64
		wantLen     int
		complete    bool
		wantReads   int
	}{
		{"size right: one read", 11000, 1 << 20, 11000, true, 1},
		{"size unknown: read to the end", 0, 1 << 20, 11000, true, 2},
		{"grew since: read on", 5000, 1 << 20, 11000, true, 2},
		{"shrank since: read to the end", 20000, 1 << 20, 11000, true, 2},
		{"over the limit: one byte more, no further", 11000, 4000, 4001, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &countingReader{r: bytes.NewReader(text)}
			data, complete, err := readUpTo(make([]byte, 0, 64<<10), r, tt.size, tt.limit)
			if err != nil || complete != tt.complete || len(data) != tt.wantLen || !bytes.Equal(data, text[:len(data)]) {
				t.Fatalf("readUpTo = %d bytes, complete %v, %v; want %d bytes of the text, complete %v", len(data), complete, err, tt.wantLen, tt.complete)
			}
			if r.reads != tt.wantReads {
				t.Errorf("%d reads, want %d", r.reads, tt.wantReads)
			}
		})
	}
	// A buffer too small grows, in more than one step.
	r := &countingReader{r: bytes.NewReader(text)}
	data, complete, err := readUpTo(make([]byte, 0, 10), r, 0, 1<<20)
	if err != nil || !complete || !bytes.Equal(data, text) {
		t.Errorf("from a 10-byte buffer: %d bytes, complete %v, %v; want all %d", len(data), complete, err, len(text))
	}
}

// TestBinaryFileNotReadThrough: a binary file is told by its start and
// not read further, as the stream reader does; a long text file is read
// whole.
func TestBinaryFileNotReadThrough(t *testing.T) {
	binary := make([]byte, 4<<20) // NUL bytes: binary
	r := &countingReader{r: bytes.NewReader(binary)}
	f := Finder{}
	if err := f.links(r, true, int64(len(binary)), func(Found) error { return nil }); err != ErrBinary {
		t.Fatalf("links(4 MiB of NUL) = %v, want ErrBinary", err)
	}
	if r.given > sniffAhead+1 {
		t.Errorf("read %d bytes of a binary file, want at most %d", r.given, sniffAhead+1)
	}
	text := append(bytes.Repeat([]byte("x := a[i]:b // no link\n"), 200000), "see https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr\n"...)
	var found []Found
	r = &countingReader{r: bytes.NewReader(text)}
	if err := f.links(r, true, int64(len(text)), func(at Found) error { found = append(found, at); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Line != 200001 || r.given != len(text) {
		t.Errorf("links(%d bytes of text) read %d bytes, found %+v; want the link on line 200001", len(text), r.given, found)
	}
}

// TestSpareBuffers: small buffers are kept one per file read at a time,
// and of the long ones only the largest.
func TestSpareBuffers(t *testing.T) {
	for len(spareBufs) > 0 { // what other tests left
		<-spareBufs
	}
	for len(spareBig) > 0 {
		<-spareBig
	}
	giveBackBuf(make([]byte, 10, 64<<10))
	if b := takeBuf(1000); cap(b) != 64<<10 || len(b) != 0 {
		t.Errorf("takeBuf after a 64 KiB buffer was given back = cap %d, len %d; want it, emptied", cap(b), len(b))
	}
	if b := takeBuf(1000); b != nil {
		t.Errorf("takeBuf with none spare = cap %d, want nil", cap(b))
	}
	giveBackBuf(make([]byte, 0, 4<<20))
	giveBackBuf(make([]byte, 0, 2<<20)) // smaller: not kept over the larger
	if b := takeBuf(3 << 20); cap(b) != 4<<20 {
		t.Errorf("takeBuf(3 MiB) = cap %d, want the 4 MiB buffer kept", cap(b))
	}
	if got := bufCapFor(100); got != 64<<10 {
		t.Errorf("bufCapFor(100) = %d, want 64 KiB", got)
	}
	if got := bufCapFor(WholeFileLimit + 1); got != WholeFileLimit+1 {
		t.Errorf("bufCapFor(WholeFileLimit+1) = %d, want no more than that", got)
	}
}
