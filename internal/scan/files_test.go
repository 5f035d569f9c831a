package scan

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/testutil"
)

func collect(t *testing.T, f *Finder, text string) ([]Found, error) {
	t.Helper()
	var got []Found
	err := f.Links(strings.NewReader(text), func(fd Found) error {
		got = append(got, fd)
		return nil
	})
	return got, err
}

func TestLinksNumbersLines(t *testing.T) {
	text := "first line\r\n" +
		"<a href=\"" + pl + "?utm_source=a&amp;utm_medium=b\">\r\n" +
		"\n" +
		"two: " + pl + "?x=1 and " + pl + "?x=2" // no final newline
	got, err := collect(t, &Finder{Syntax: Markup}, text)
	if err != nil {
		t.Fatal(err)
	}
	// Columns counted by hand: `<a href="` is 9 bytes; "two: " is 5, the
	// first link 46+4 and " and " 5.
	want := []Found{
		{Line: 2, Column: 10, ColumnUTF16: 10, Link: pl + "?utm_source=a&utm_medium=b", Check: pl + "?utm_source=a&utm_medium=b"}, // the "\r" of CRLF is not part of the link
		{Line: 4, Column: 6, ColumnUTF16: 6, Link: pl + "?x=1", Check: pl + "?x=1"},
		{Line: 4, Column: 61, ColumnUTF16: 61, Link: pl + "?x=2", Check: pl + "?x=2"},
	}
	if !sameFound(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestLinksColumnUnits: Column counts bytes, ColumnUTF16 counts UTF-16 code
// units; they differ after non-ASCII text only.
func TestLinksColumnUnits(t *testing.T) {
	// "Café — " is 10 bytes (é 2, — 3) and 7 code units; "😀 " is 5 bytes
	// and 3 code units (a surrogate pair and a space).
	text := "Café — " + pl + "\n😀 " + pl + "?a=1\n"
	got, err := collect(t, &Finder{}, text)
	if err != nil {
		t.Fatal(err)
	}
	want := []Found{found(1, 11, 8, pl, pl), found(2, 6, 4, pl+"?a=1", pl+"?a=1")}
	if !sameFound(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestLinksLongLine(t *testing.T) {
	// Minified HTML: one line far longer than any default buffer, the link
	// at its very end.
	text := strings.Repeat("<p>padding</p>", 200_000) + `<a href="` + pl + `?utm_source=end">`
	got, err := collect(t, &Finder{Syntax: Markup}, text)
	if err != nil {
		t.Fatal(err)
	}
	col := 14*200_000 + 9 + 1 // the padding, `<a href="`, then 1-based
	if want := []Found{found(1, col, col, pl+"?utm_source=end", pl+"?utm_source=end")}; !sameFound(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestLinksSkipsBinary(t *testing.T) {
	tests := map[string]string{
		"NUL at the start":      "\x00" + pl + "?utm_source=a+b\n",
		"NUL late in the 8 KiB": strings.Repeat("x", sniffLen-1) + "\x00\n" + pl + "?utm_source=a+b\n",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := collect(t, &Finder{}, text)
			if !errors.Is(err, ErrBinary) || len(got) != 0 {
				t.Errorf("got %+v, %v; want no links, ErrBinary", got, err)
			}
		})
	}
	// A NUL after the first 8 KiB does not make a text file binary.
	text := strings.Repeat("x", sniffLen) + "\x00\n" + pl + "\n"
	got, err := collect(t, &Finder{}, text)
	if err != nil || len(got) != 1 || got[0].Line != 2 {
		t.Errorf("NUL after 8 KiB: got %+v, %v; want the link on line 2", got, err)
	}
}

func TestLinksStopsAtCallbackError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := (&Finder{}).Links(strings.NewReader(pl+"\n"+pl+"\n"), func(Found) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("got %v after %d calls, want stop after 1", err, calls)
	}
}

func TestWalk(t *testing.T) {
	root := testutil.WriteTree(t, map[string]string{
		"b.html":                  "",
		"a/z.md":                  "",
		"a/y.txt":                 "",
		".git/config":             "",
		"node_modules/x/index.md": "",
		"sub/.git/HEAD":           "",
		"sub/node_modules/x.html": "",
		".github/workflow.yml":    "", // only the named folders are skipped, not every dot folder
	})
	if err := os.Symlink(filepath.Join(root, "b.html"), filepath.Join(root, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "loop")); err != nil {
		t.Fatal(err)
	}
	var got []string
	w := &Walker{Roots: []string{root}, Visit: func(path string) error {
		rel, _ := filepath.Rel(root, path)
		got = append(got, filepath.ToSlash(rel))
		return nil
	}, Fail: func(err error) { t.Errorf("fail(%v)", err) }}
	err := w.Walk(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".github/workflow.yml", "a/y.txt", "a/z.md", "b.html", "link.html"}
	if !slices.Equal(got, want) {
		t.Errorf("visited %q\nwant %q", got, want)
	}
}

func TestWalkRoots(t *testing.T) {
	root := testutil.WriteTree(t, map[string]string{"node_modules/pkg/x.md": "", "one.txt": ""})
	for _, tt := range []struct {
		root string
		want []string
	}{
		// A file or a skipped folder named on purpose is scanned.
		{filepath.Join(root, "one.txt"), []string{filepath.Join(root, "one.txt")}},
		{filepath.Join(root, "node_modules"), []string{filepath.Join(root, "node_modules", "pkg", "x.md")}},
	} {
		var got []string
		w := &Walker{Roots: []string{tt.root}, Visit: func(p string) error { got = append(got, p); return nil }, Fail: func(error) {}}
		err := w.Walk(tt.root)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Walk(%s): got %q, %v; want %q", tt.root, got, err, tt.want)
		}
	}
	missing := &Walker{Visit: func(string) error { return nil }, Fail: func(error) {}}
	if err := missing.Walk(filepath.Join(root, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing root: got %v, want ErrNotExist", err)
	}
}

// TestWalkLinks: a root that is a link to a folder is scanned as that
// folder; a link below a root is followed to a file inside the roots, and
// skipped, reported to Outside, when its target lies outside them all.
func TestWalkLinks(t *testing.T) {
	base := testutil.WriteTree(t, map[string]string{
		"real/page.md":    "",
		"real/sub/x.md":   "",
		"other/o.md":      "",
		"outside/creds":   "",
		"outside/key.txt": "",
	})
	at := func(p string) string { return filepath.Join(base, p) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("real", at("site"))) // a root that is a link
	must(os.Symlink("../../outside/creds", at("real/sub/creds.md")))
	must(os.Symlink(at("outside/key.txt"), at("real/key.md"))) // absolute
	must(os.Symlink("sub/x.md", at("real/inside.md")))
	must(os.Symlink("../other/o.md", at("real/o.md"))) // inside another root
	must(os.Symlink("../outside", at("real/dir")))     // a folder: never followed
	for _, tc := range []struct {
		roots            []string
		visited, outside []string
	}{
		{[]string{at("site")}, []string{"site/inside.md", "site/page.md", "site/sub/x.md"}, []string{"site/key.md", "site/o.md", "site/sub/creds.md"}},
		{[]string{at("real"), at("other/o.md")}, []string{"real/inside.md", "real/o.md", "real/page.md", "real/sub/x.md", "other/o.md"}, []string{"real/key.md", "real/sub/creds.md"}},
		{[]string{at("real"), at("outside")}, []string{"real/inside.md", "real/key.md", "real/page.md", "real/sub/creds.md", "real/sub/x.md", "outside/creds", "outside/key.txt"}, []string{"real/o.md"}},
	} {
		var visited, outside []string
		rel := func(p string) string { r, _ := filepath.Rel(base, p); return filepath.ToSlash(r) }
		w := &Walker{Roots: tc.roots,
			Visit:   func(p string) error { visited = append(visited, rel(p)); return nil },
			Fail:    func(err error) { t.Errorf("fail(%v)", err) },
			Outside: func(p string) { outside = append(outside, rel(p)) }}
		for _, r := range tc.roots {
			must(w.Walk(r))
		}
		if !slices.Equal(visited, tc.visited) || !slices.Equal(outside, tc.outside) {
			t.Errorf("roots %q:\nvisited %q\nwant    %q\noutside %q\nwant    %q", tc.roots, visited, tc.visited, outside, tc.outside)
		}
	}
}

func TestFileReadsBySyntax(t *testing.T) {
	line := `<a href="` + pl + `?utm_source=a&amp;utm_medium=b">`
	root := testutil.WriteTree(t, map[string]string{"page.html": line, "page.txt": line})
	for name, want := range map[string]string{
		"page.html": pl + "?utm_source=a&utm_medium=b",
		"page.txt":  pl + "?utm_source=a&amp;utm_medium=b",
	} {
		var got []string
		err := File(filepath.Join(root, name), nil, func(f Found) error { got = append(got, f.Link); return nil })
		if err != nil || !slices.Equal(got, []string{want}) {
			t.Errorf("%s: got %q, %v; want %q", name, got, err, want)
		}
	}
}

func found(line, col, col16 int, link, check string) Found {
	return Found{Line: line, Column: col, ColumnUTF16: col16, Link: link, Check: check}
}

// sameFound compares where links were found and what is checked.
func sameFound(a, b []Found) bool {
	return slices.EqualFunc(a, b, func(x, y Found) bool {
		return x.Line == y.Line && x.Column == y.Column && x.ColumnUTF16 == y.ColumnUTF16 && x.Link == y.Link && x.Check == y.Check
	})
}
