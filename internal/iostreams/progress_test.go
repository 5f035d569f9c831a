package iostreams

import (
	"testing"
	"time"

	"github.com/paylink/paylink/internal/wrap"
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
		if wrap.Width(got) > tc.columns {
			t.Errorf("%q is %d columns, over %d", got, wrap.Width(got), tc.columns)
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
		if got := fit(tc.s, tc.columns); got != tc.want || wrap.Width(got) > tc.columns {
			t.Errorf("fit(%q, %d) = %q (%d columns), want %q", tc.s, tc.columns, got, wrap.Width(got), tc.want)
		}
	}
}
