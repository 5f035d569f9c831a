package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/link"
)

// loadErr loads path, which must fail with a *config.Error, and returns it.
// A hostile file must be refused, not read until memory or patience runs
// out: the guard turns a hang into a failure instead of a stuck suite (it
// measures nothing; refusing takes milliseconds).
func loadErr(t *testing.T, path string) *Error {
	t.Helper()
	type result struct {
		err error
	}
	done := make(chan result, 1)
	go func() {
		_, err := Load(Source{Path: path})
		done <- result{err}
	}()
	select {
	case r := <-done:
		var ce *Error
		if !errors.As(r.err, &ce) {
			t.Fatalf("Load(%s) = %v, want a *config.Error", filepath.Base(path), r.err)
		}
		return ce
	case <-time.After(30 * time.Second):
		t.Fatalf("Load(%s) still running after 30 s", filepath.Base(path))
	}
	return nil
}

// Only a regular file is read: a symbolic link to /dev/zero (which made
// every command grow by 100 MB/s) and a FIFO (which hung) are refused at
// once; a link to a regular file is fine.
func TestLoadOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "paylink.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if e := loadErr(t, zero); !strings.Contains(e.Msg, "is a symbolic link to /dev/zero, a character device, not a regular file") {
		t.Errorf("/dev/zero: %q", e.Msg)
	}
	if e := loadErr(t, dir+"/"); !strings.Contains(e.Msg, "is a directory") {
		t.Errorf("directory: %q", e.Msg)
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if e := loadErr(t, fifo); !strings.Contains(e.Msg, "is a FIFO (named pipe), not a regular file") {
		t.Errorf("FIFO: %q", e.Msg)
	}

	real := write(t, "team.yaml", "strict: true\n")
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(Source{Path: link}); err != nil || !c.Strict {
		t.Errorf("a symbolic link to a regular file: %v, %v", c, err)
	}
}

// A file over 1 MiB is refused from its size, before it is read: a sparse
// 35 MB file (which took over 5 minutes to decode) costs nothing.
func TestLoadSizeCap(t *testing.T) {
	big := filepath.Join(t.TempDir(), "paylink.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(35 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if e := loadErr(t, big); !strings.Contains(e.Msg, "is 36700160 bytes, over the 1048576 bytes (1 MiB)") {
		t.Errorf("35 MB: %q", e.Msg)
	}
	// Exactly 1 MiB of comments is fine.
	edge := write(t, "edge.yaml", "strict: true\n"+strings.Repeat("#", MaxSize-14)+"\n")
	if _, err := Load(Source{Path: edge}); err != nil {
		t.Errorf("1 MiB: %v", err)
	}
}

// Nesting is capped before decoding, in every format: thousands of levels
// took minutes, and deep TOML arrays overflowed the decoder's stack.
func TestLoadDepthCap(t *testing.T) {
	const n = 3000
	deepBlock := func() string { // a:\n a:\n  a:\n ... one level a line; 1,000 fit in 1 MiB
		var b strings.Builder
		for i := range 1000 {
			b.WriteString(strings.Repeat(" ", i) + "a:\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, body string
		line       int
	}{
		{"block.yaml", deepBlock(), MaxDepth + 1},
		{"flow.yaml", "presets: " + strings.Repeat("{a: ", n) + "x" + strings.Repeat("}", n) + "\n", 1},
		{"seq.yaml", "domains:\n" + strings.Repeat("- ", n) + "x\n", 2},
		{"lists.yaml", "domains: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n", 1},
		{"objects.json", strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n), 1},
		{"lines.json", "{\n" + strings.Repeat("[\n", n) + strings.Repeat("]\n", n) + "}\n", MaxDepth + 1},
		{"arrays.toml", "domains = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n", 1},
		{"inline.toml", "presets = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n) + "\n", 1},
		{"dotted.toml", strings.Repeat("a.", n) + "b = 1\n", 1},
		{"header.toml", "[" + strings.Repeat("a.", n) + "b]\nc = 1\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := loadErr(t, write(t, tc.name, tc.body))
			if !strings.HasPrefix(e.Msg, "nested more than 16 levels deep") || e.Line != tc.line {
				t.Errorf("line %d: %q; want line %d, nested more than 16 levels", e.Line, e.Msg, tc.line)
			}
		})
	}
}

// A file of more keys than any paylink config holds is refused before
// decoding: the YAML decoder checks every key of a mapping against the
// others, so 150,000 keys in 1 MiB took minutes.
func TestLoadEntriesCap(t *testing.T) {
	for name, body := range map[string]string{
		"block.yaml":  "presets:\n" + strings.Repeat("  p: {}\n", 100_000),
		"flow.yaml":   "presets: {" + strings.Repeat("p: 1, ", 100_000) + "}\n",
		"keys.json":   `{"presets": {` + strings.Repeat(`"p": {}, `, 20_000) + `"q": {}}}`,
		"list.json":   `{"domains": [` + strings.Repeat(`"a", `, 20_000) + `"b"]}`,
		"tables.toml": strings.Repeat("[presets.p]\n", 20_000),
		"keys.toml":   "[presets.p]\n" + strings.Repeat("utm_source = 'a'\n", 20_000),
		"list.toml":   "domains = [" + strings.Repeat("'a', ", 20_000) + "]\n",
	} {
		e := loadErr(t, write(t, name, body))
		if !strings.HasPrefix(e.Msg, "holds more than 5000 keys and list items") {
			t.Errorf("%s: line %d: %q", name, e.Line, e.Msg)
		}
	}
	// The starter file, and five hundred presets, are far from it.
	many := "presets:\n" + strings.Repeat("  p: {utm_source: a, utm_medium: b, utm_campaign: c}\n", 500)
	if _, _, err := yamlTooBigErr([]byte(Starter + many)); err {
		t.Error("five hundred presets counted as too many entries")
	}
}

func yamlTooBigErr(data []byte) (int, bool, bool) {
	line, tooMany := yamlTooBig(data)
	return line, tooMany, line != 0
}

// The depth scans count no level where there is none: brackets, quotes and
// dashes inside values and comments, block scalars, and a file as deep as
// MaxDepth all pass the scan (and fail, if at all, in decoding).
func TestDepthScanNoFalseAlarm(t *testing.T) {
	var deepest strings.Builder // MaxDepth levels exactly
	for i := range MaxDepth {
		deepest.WriteString(strings.Repeat("  ", i) + "a:\n")
	}
	for _, tc := range []struct{ typ, body string }{
		{"yaml", deepest.String()},
		{"yaml", "a: ^[a-z[[[[[[[[[[[[[[[[[[[[+$\nb: it's [[[[[[[[[[[[[[[[[[[\n"},
		{"yaml", "a: '[[[[[[[[[[[[[[[[[[[[[[['\nb: \"{{{{{{{{{{{{{{{{{{{{{{\\\"\"\n"},
		{"yaml", "# [[[[[[[[[[[[[[[[[[[[[[[[[[\na: b # {{{{{{{{{{{{{{{{{{{{{{{\n"},
		{"yaml", "a: |\n" + strings.Repeat("  x\n    y\n      z\n        w\n          v\n            u\n", 5) + "b: 1\n"},
		{"yaml", "a: >-\n  [[[[[[[[[[[[[[[[[[[[[[[[[\n  - - - - - - - - - - - - - - - - - - - -\n"},
		{"yaml", "a: 'it''s [[[[[[[[[[[[[[[[[[[[[[\n  still quoted [[[[[[[[[[[[[[['\n"},
		{"yaml", strings.Repeat("- a\n", 100)},
		{"json", `{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{"}`},
		{"toml", "a = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\nb = '{{{{{{{{{{{{{{{{{{{{{{{{{{{'\n# [[[[[[[[[[[[[[[[[[[[[[[\n"},
		{"toml", "a = \"\"\"\n[[[[[[[[[[[[[[[[[[[[[[\n\"\"\"\nb = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5]\n"},
		{"toml", "[presets.\"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\"]\nutm_source = \"x\"\n"},
	} {
		if err := checkDepth("x."+tc.typ, []byte(tc.body), tc.typ); err != nil {
			t.Errorf("%s %q: %v", tc.typ, tc.body, err)
		}
	}
}

// Preset names with any printable character load as written, "::" and "."
// included (viper's key paths must not split them). A name holding a
// control or invisible formatting character is refused, naming the preset
// escaped and what a name may hold, instead of being split into a
// nonsense key path ("presets.p\n.error: got a table of keys").
func TestPresetNameCharacters(t *testing.T) {
	for _, name := range []string{"spring.2026", "a::b", "::error::x", "a.b::c.d", "Été 2026", "50% off!", `back\slash`, "a b/c"} {
		for typ, body := range map[string]string{
			"yaml": fmt.Sprintf("presets:\n  %q:\n    utm_source: x\n", name),
			"json": fmt.Sprintf(`{"presets": {%q: {"utm_source": "x"}}}`, name),
			"toml": fmt.Sprintf("[presets.%q]\nutm_source = \"x\"\n", name),
		} {
			cfg, err := Load(Source{Path: write(t, "paylink."+typ, body)})
			if err != nil {
				t.Errorf("%s, preset %q: %v", typ, name, err)
				continue
			}
			if got, ok := cfg.Presets[name]; len(cfg.Presets) != 1 || !ok || got.Value[link.UTMSource] != "x" {
				t.Errorf("%s, preset %q: presets %v", typ, name, cfg.Presets)
			}
		}
	}
	for name, what := range map[string]string{
		"p\n::error::pre":  "U+000A",
		"a\x1b]52;c;x\x07": "U+001B",
		"tab\there":        "U+0009",
		"nul\x00x":         "U+0000",
		"rev\u202eesrever": "U+202E",
		"zero\u200bwidth":  "U+200B",
		"c1\u009bx":        "U+009B",
	} {
		path := write(t, "paylink.json", fmt.Sprintf(`{"presets": {%s: {"utm_source": "x"}}}`, jsonQuote(name)))
		_, err := Load(Source{Path: path})
		want := fmt.Sprintf("presets: the preset name %q holds the character %s; a preset name may hold letters, digits, spaces and punctuation (any printable character), not control or invisible formatting characters; rename it", name, what)
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("preset %q: %v\nwant %s", name, err, want)
		}
	}
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// A config file goes through textin as every input does: a UTF-8 BOM (as
// Notepad writes) is dropped, in YAML, TOML and JSON alike; UTF-16 is
// refused saying to save the file as UTF-8.
func TestLoadBOMAndUTF16(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"bom.yaml": "domains: [pay.example.com]\n",
		"bom.toml": "domains = [\"pay.example.com\"]\n",
		"bom.json": `{"domains": ["pay.example.com"]}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("\xEF\xBB\xBF"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(Source{Path: path})
		if err != nil || len(cfg.Domains) != 1 || cfg.Domains[0] != "pay.example.com" {
			t.Errorf("%s: %v, %+v; want the domain read", name, err, cfg)
		}
	}
	u16 := filepath.Join(dir, "u16.yaml")
	if err := os.WriteFile(u16, []byte("\xFF\xFEd\x00o\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := loadErr(t, u16); e.Path != u16 || !strings.Contains(e.Msg, "UTF-16") || !strings.Contains(e.Msg, "save it as UTF-8") {
		t.Errorf("UTF-16: %+v", e)
	}
}
