package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/iostreams"
)

// The status line says what its times are, and fits the terminal: the most
// it can say in 79 columns (an 80-column terminal) and in 31.
func TestStatusLine(t *testing.T) {
	for _, tc := range []struct {
		read, rows int64
		elapsed    time.Duration
		columns    int
		want       string
	}{
		{0, 0, 0, 79, "  0% [>                           ] 0 rows, elapsed 0s"},
		{420, 120_000, 1300 * time.Millisecond, 79, " 42% [=========>             ] 120,000 rows, 92,307 rows/s, elapsed 1s, 2s left"},
		{1000, 300_000, 8 * time.Second, 79, "100% [=======================] 300,000 rows, 37,500 rows/s, elapsed 8s, 0s left"},
		{5, 1000, 200 * time.Second, 79, "  0% [>                      ] 1,000 rows, 5 rows/s, elapsed 3m20s, 11h03m left"},
		{0, 0, 0, 31, "0% 0 rows, elapsed 0s"},
		{420, 120_000, 1300 * time.Millisecond, 31, "42% elapsed 1s, 2s left"},
		{5, 1000, 200 * time.Second, 31, "0% elapsed 3m20s, 11h03m left"},
		{420, 120_000, 1300 * time.Millisecond, 19, "42% 2s left"},
		{420, 120_000, 1300 * time.Millisecond, 9, "42%"},
	} {
		got := statusLine(tc.read, 1000, tc.rows, tc.elapsed, tc.columns)
		if got != tc.want {
			t.Errorf("%d columns, %d of 1000 bytes at %v:\n got %q\nwant %q", tc.columns, tc.read, tc.elapsed, got, tc.want)
		}
		if runeLen(got) > tc.columns {
			t.Errorf("%q is %d columns, over %d", got, runeLen(got), tc.columns)
		}
	}
}

// A message fits too, cut with a marker; a wide character takes two columns.
func TestFit(t *testing.T) {
	for _, tc := range []struct {
		s       string
		columns int
		want    string
	}{
		{"syncing the output to disk…", 40, "syncing the output to disk…"},
		{"syncing the output to disk…", 12, "syncing the…"},
		{"syncing the output to disk…", 13, "syncing the…"}, // no space before the marker
		{"日本語のファイル.csv", 9, "日本語の…"},
	} {
		if got := fit(tc.s, tc.columns); got != tc.want || runeLen(got) > tc.columns {
			t.Errorf("fit(%q, %d) = %q (%d columns), want %q", tc.s, tc.columns, got, runeLen(got), tc.want)
		}
	}
}

// On a 32-column terminal every redraw of the status line fits in 31
// columns (so none wraps and leaves a stale row), warnings come out on lines
// of their own, and while -o FILE is synced the line says so instead of
// going blank; the summary ends on a clean line.
func TestBulkProgressOn32Columns(t *testing.T) {
	dir := t.TempDir()
	rows := "url,utm_campaign\n" + strings.Repeat(testLink+",Spring Sale\n", 40_000)
	if err := os.WriteFile(filepath.Join(dir, "rows.csv"), []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	streams, _, _, errOut := iostreams.Test()
	streams.SetTTY(false, true)
	streams.SetStderrWidth(32)
	if err := bulkCmd(t, dir, streams, nil, "-i", "rows.csv", "-o", "out.csv"); err != nil {
		t.Fatal(err)
	}
	stderr := errOut.String()
	t.Logf("stderr %q", stderr)
	for _, seg := range regexp.MustCompile("[\r\n]").Split(strings.ReplaceAll(stderr, "\x1b[K", ""), -1) {
		if runeLen(seg) > 31 && !strings.HasPrefix(seg, "line ") && !strings.HasPrefix(seg, "warning: ") && !strings.Contains(seg, "warnings in all") {
			t.Errorf("status %q is %d columns wide, over 31", seg, runeLen(seg))
		}
	}
	for _, want := range []string{
		"\r\x1b[Kline 2: warning: ", // the status line taken away before a warning
		"elapsed ",
		"\rsyncing the output to disk…\x1b[K\r\x1b[K40,000 links, 0 failed\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
}
