package bulk

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every line of JSON Lines output is valid JSON in UTF-8: a key or value
// passed through with bytes that are not UTF-8 gets each of them as
// \ufffd, the rest of it as it was; values that are UTF-8 keep their bytes.
func TestJSONLOutputIsUTF8(t *testing.T) {
	in := strings.Join([]string{
		`{"url":"` + slug + `","utm_source":"a` + "\xff" + `b","k":"` + "\xfe" + `"}`,
		`{"url":"` + slug + `","n":[1, {"é` + "\xff" + `":"x` + "\xe2\x82" + `"}],"ok":"é&<>\u00e9"}`,
		`{"url":"` + slug + `","k` + "\xff" + `":1}`,
		`{"url":"` + slug + `", "note" : "caf\u00e9 é", "n": [1, 2]}`,
	}, "\n")
	got, stats, err := run(t, &Config{Input: JSONL, Output: JSONL}, in)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Rows != 4 || stats.Failed != 1 {
		t.Errorf("stats %+v, want 4 rows, 1 failed", stats)
	}
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines out, want 4:\n%s", len(lines), got)
	}
	for i, l := range lines {
		if !utf8.ValidString(l) || !json.Valid([]byte(l)) {
			t.Errorf("line %d is not valid JSON in UTF-8: %q", i+1, l)
		}
	}
	for i, want := range []string{
		`{"url":"` + slug + `","utm_source":"a\ufffdb","k":"\ufffd","link":"","error":"utm_source \"a\\xffb\": not valid UTF-8; save the input as UTF-8"}`,
		`"n":[1, {"é\ufffd":"x\ufffd\ufffd"}],"ok":"é&<>\u00e9",`,
		`"k\ufffd":1,"link":"` + slug + `"`,
		`{"url":"` + slug + `","note":"caf\u00e9 é","n":[1, 2],"link":"` + slug + `","error":null}`,
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d:\n%s\nwant it to hold\n%s", i+1, lines[i], want)
		}
	}
	var row map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil || row["k"] != "\uFFFD" {
		t.Errorf("line 1 decodes to %v (%v), want k = U+FFFD", row, err)
	}
}

// CSV output has no encoding of its own: every cell passes through with its
// bytes, UTF-8 or not (a Latin-1 sheet keeps its names), and only a
// parameter that is not UTF-8 fails its row, its error quoting the bytes
// with Go escapes.
func TestCSVOutputKeepsBytes(t *testing.T) {
	in := "url,name,utm_source\n" + slug + ",Jos\xe9,news\n" + slug + ",x,caf\xe9\n"
	got, stats, err := run(t, &Config{Input: CSV, Output: CSV}, in)
	if err != nil {
		t.Fatal(err)
	}
	want := "url,name,utm_source,link,error\n" +
		slug + ",Jos\xe9,news," + slug + "?utm_source=news,\n" +
		slug + ",x,caf\xe9,,\"utm_source \"\"caf\\xe9\"\": not valid UTF-8; save the input as UTF-8\"\n"
	if got != want || stats.Failed != 1 {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// The same rows as JSON Lines are UTF-8.
	got, _, _ = run(t, &Config{Input: CSV, Output: JSONL}, in)
	if !utf8.ValidString(got) || !bytes.Contains([]byte(got), []byte(`"name":"Jos\ufffd"`)) {
		t.Errorf("csv to jsonl: %q, want UTF-8 with \\ufffd", got)
	}
}
