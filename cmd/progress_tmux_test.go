package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/iostreams"
)

// statusRow matches a row of the screen that the status line wrote.
var statusRow = regexp.MustCompile(`^ *\d+%|elapsed|rows/s|left$|syncing`)

// TestProgressOnTerminal runs a bulk build of 300,000 rows to sanitize on a
// real terminal (tmux) 80 and 32 columns wide, and reads the screen every
// few milliseconds while it runs: the status line is there, says what its
// times are, is one row that never wraps (with -J a wrapped row would come
// back joined, wider than the screen) and leaves no stale row behind; when
// the run ends only the warnings and the summary are on the screen.
func TestProgressOnTerminal(t *testing.T) {
	requireTools(t, "tmux")
	n := 300_000 // a second or two: the line is redrawn a few times
	if raceEnabled {
		n = 20_000 // as long, under -race
	}
	dir := t.TempDir()
	var rows strings.Builder
	rows.WriteString("url,utm_source,utm_campaign\n")
	for i := range n {
		rows.WriteString(testLink + ",news,Spring Sale " + strconv.Itoa(i) + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "rows.csv"), []byte(rows.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		columns int
		status  *regexp.Regexp // a status row as it must look at this width
	}{
		{80, regexp.MustCompile(`^ *\d+% \[[=> ]+\] [\d,]+ rows, [\d,]+ rows/s, elapsed [0-9hms]+(, [0-9hms]+ left)?$`)},
		{32, regexp.MustCompile(`^\d+% ([\d,]+ rows, )?elapsed [0-9hms]+(, [0-9hms]+ left)?$`)},
	} {
		t.Run(strconv.Itoa(tc.columns)+"columns", func(t *testing.T) {
			screens := onTmux(t, dir, tc.columns, os.Args[0], "-test.run=^TestBulkHelper$", "--", "build", "-i", "rows.csv", "-o", "out.csv")
			seen := false
			for _, screen := range screens[:len(screens)-1] {
				var status []string
				for _, row := range strings.Split(screen, "\n") {
					if statusRow.MatchString(row) && !strings.HasPrefix(row, "line ") && !strings.HasPrefix(row, "warning: ") {
						status = append(status, row)
					}
				}
				if len(status) > 1 {
					t.Errorf("%d status rows on one screen (wrapped or stale):\n%s", len(status), screen)
				}
				for _, row := range status {
					if len([]rune(row)) >= tc.columns {
						t.Errorf("status row %q is %d columns on a %d-column terminal", row, len([]rune(row)), tc.columns)
					}
					if tc.status.MatchString(row) {
						seen = true
					} else if row != "syncing the output to disk…" {
						t.Errorf("status row %q, want one like %v", row, tc.status)
					}
				}
			}
			if !seen {
				t.Errorf("no status line on any of %d screens; the last:\n%s", len(screens), screens[len(screens)-1])
			}
			final := screens[len(screens)-1]
			count := iostreams.Thousands(int64(n))
			want := "warning: utm_campaign: ' ' replaced with '-' (letters, digits, '-' and '_' only): in " + count + " rows, first at line 2\n" +
				count + " warnings in all, 5 shown in full; --warnings FILE writes every one\n" +
				count + " links, 0 failed\n" +
				"exit 0\n"
			if !strings.HasSuffix(final, want) || strings.Count(final, "\n") != 5+4 {
				t.Errorf("final screen:\n%s\nwant the five warnings, then:\n%s", final, want)
			}
		})
	}
}

// onTmux runs a command in a detached tmux session of its own, columns
// wide, and returns the screens read while it ran, lines the terminal
// wrapped joined again (capture-pane -J) and trailing spaces and blank rows
// dropped; the last is the screen once it has ended, with "exit N".
func onTmux(t *testing.T, dir string, columns int, command ...string) []string {
	t.Helper()
	sockDir, err := os.MkdirTemp("", "tmux") // a socket path holds about 100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	tmux := func(args ...string) (string, error) {
		out, err := exec.Command("tmux", append([]string{"-S", filepath.Join(sockDir, "s"), "-f", "/dev/null"}, args...)...).Output()
		return string(out), err
	}
	script := `cd "$0" && PAYLINK_BULK_HELPER=1 "$@"; echo "exit $?"; exec sleep 600`
	if _, err := tmux(append([]string{"new-session", "-d", "-x", strconv.Itoa(columns), "-y", "40", "sh", "-c", script, dir}, command...)...); err != nil {
		t.Fatalf("tmux new-session: %v", err)
	}
	defer tmux("kill-server")
	var screens []string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		out, err := tmux("capture-pane", "-p", "-J")
		if err != nil {
			t.Fatalf("tmux capture-pane: %v", err)
		}
		var rows []string
		for _, row := range strings.Split(out, "\n") {
			rows = append(rows, strings.TrimRight(row, " "))
		}
		screen := strings.TrimLeft(strings.TrimRight(strings.Join(rows, "\n"), "\n")+"\n", "\n")
		screens = append(screens, screen)
		if regexp.MustCompile(`(?m)^exit \d+$`).MatchString(screen) {
			return screens
		}
	}
	t.Fatalf("the command did not end in 60 s; the screen:\n%s", screens[len(screens)-1])
	return nil
}
