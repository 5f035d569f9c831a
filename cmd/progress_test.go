package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/wrap"
)

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
		if wrap.Width(seg) > 31 && !strings.HasPrefix(seg, "line ") && !strings.HasPrefix(seg, "warning: ") && !strings.Contains(seg, "warnings in all") {
			t.Errorf("status %q is %d columns wide, over 31", seg, wrap.Width(seg))
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
