package cmd

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/paylink/paylink/internal/bulk"
	"github.com/paylink/paylink/internal/iostreams"
)

const testLink = "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr"

// bulkCmd runs `paylink build` with args in dir, with streams that tests
// read back, and no config file.
func bulkCmd(t *testing.T, dir string, streams *iostreams.IOStreams, runF func(*BuildOptions) error, args ...string) error {
	t.Helper()
	t.Chdir(dir)
	c := NewBuildCmd(testFactory(streams), runF)
	c.SetArgs(args)
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	c.SilenceErrors, c.SilenceUsage = true, true
	return c.Execute()
}

// The output format is the input's unless --format says otherwise, and
// --format stays text for one link.
func TestBulkFormats(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		in, out bulk.Format
	}{
		{[]string{"-i", "rows.csv"}, bulk.CSV, bulk.CSV},
		{[]string{"-i", "rows.CSV", "--format", "jsonl"}, bulk.CSV, bulk.JSONL},
		{[]string{"-i", "rows.ndjson", "--format", "lines"}, bulk.JSONL, bulk.Lines},
		{[]string{"-i", "-"}, bulk.Lines, bulk.Lines},
		{[]string{"-i", "-", "--input-format", "csv", "-o", "out.csv"}, bulk.CSV, bulk.CSV},
		{[]string{"--input", "links.txt", "--format", "csv", "--quiet"}, bulk.Lines, bulk.CSV},
	} {
		streams, _, _, _ := iostreams.Test()
		var got *BuildOptions
		err := bulkCmd(t, t.TempDir(), streams, func(o *BuildOptions) error { got = o; return nil }, append(tc.args, "-m", "email")...)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if got.Bulk.in != tc.in || got.Bulk.out != tc.out || !got.Values.Set[1] {
			t.Errorf("%v: %s to %s (utm_medium set: %v), want %s to %s", tc.args, got.Bulk.in, got.Bulk.out, got.Values.Set[1], tc.in, tc.out)
		}
	}
	streams, _, _, _ := iostreams.Test()
	var got *BuildOptions
	if err := bulkCmd(t, t.TempDir(), streams, func(o *BuildOptions) error { got = o; return nil }, testLink); err != nil || got.Format != "text" {
		t.Errorf("one link: format %q, %v; want text", got.Format, err)
	}
}

// The progress bar shows only when stderr is a terminal, the input a
// regular file and --quiet is not given.
func TestBulkProgress(t *testing.T) {
	dir := t.TempDir()
	rows := "url\n" + strings.Repeat(testLink+"\n", 20_000)
	if err := os.WriteFile(filepath.Join(dir, "rows.csv"), []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		tty         bool
		args        []string
		wantBar     bool
		wantSummary bool
	}{
		{"terminal, file", true, []string{"-i", "rows.csv"}, true, true},
		{"terminal, quiet", true, []string{"-i", "rows.csv", "--quiet"}, false, false},
		{"not a terminal", false, []string{"-i", "rows.csv"}, false, true},
		{"terminal, stdin", true, []string{"-i", "-", "--input-format", "csv"}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			streams, in, out, errOut := iostreams.Test()
			in.WriteString(rows)
			streams.SetTTY(false, tc.tty)
			if err := bulkCmd(t, dir, streams, nil, tc.args...); err != nil {
				t.Fatal(err)
			}
			t.Logf("stderr %q", errOut.String())
			if n := strings.Count(out.String(), "\n"); n != 20_001 {
				t.Errorf("%d lines of output, want 20,001", n)
			}
			bar := strings.Contains(errOut.String(), "rows") && strings.Contains(errOut.String(), "%")
			if bar != tc.wantBar {
				t.Errorf("progress bar shown: %v, want %v; stderr %q", bar, tc.wantBar, errOut.String())
			}
			if summary := strings.HasSuffix(errOut.String(), "20,000 links, 0 failed\n"); summary != tc.wantSummary {
				t.Errorf("stderr %q ends with the summary: %v, want %v", errOut.String(), summary, tc.wantSummary)
			}
		})
	}
}

// TestBulkHelper is paylink itself when TestInterrupt runs the test binary.
func TestBulkHelper(t *testing.T) {
	if os.Getenv("PAYLINK_BULK_HELPER") != "1" {
		t.Skip("run by TestInterrupt")
	}
	args := os.Args[slices.Index(os.Args, "--")+1:]
	os.Exit(Execute(args, iostreams.System()))
}

// TestInterrupt stops a run writing -o FILE midway, while it waits for more
// input, and checks that the previous file is untouched and no temporary
// file is left.
func TestInterrupt(t *testing.T) {
	// The message names the signal as the README and kill -l do, not as Go's
	// String does ("interrupt", "terminated").
	names := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP"}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "links.csv")
			if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			c := exec.Command(os.Args[0], "-test.run=^TestBulkHelper$", "--", "build", "-i", "-", "--input-format", "csv", "-o", out)
			c.Env = append(os.Environ(), "PAYLINK_BULK_HELPER=1", "XDG_CONFIG_HOME="+dir, "PAYLINK_CONFIG=")
			c.Dir = dir
			var stderr bytes.Buffer
			c.Stderr = &stderr
			stdin, err := c.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			io.WriteString(stdin, "url\n"+testLink+"\n")
			waitForRows(t, dir, testLink+","+testLink+",\n") // midway: a row written, the input still open
			c.Process.Signal(sig)
			var exit *exec.ExitError
			if err := c.Wait(); !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
				t.Fatalf("exit %v, want %d; stderr %q", err, 128+int(sig), stderr.String())
			}
			if !strings.Contains(stderr.String(), "error: interrupted by "+names[sig]+"; "+out+" was left as it was") {
				t.Errorf("stderr %q", stderr.String())
			}
			if b, _ := os.ReadFile(out); string(b) != "old\n" {
				t.Errorf("the old file now holds %q", b)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%d files left in the folder, want only links.csv", len(entries))
			}
		})
	}
}

// waitForRows waits until the temporary output file in dir ends with row.
func waitForRows(t *testing.T, dir, row string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".links.csv.paylink-*.tmp"))
		if len(tmps) == 1 {
			if b, _ := os.ReadFile(tmps[0]); strings.HasSuffix(string(b), row) {
				return
			}
		}
	}
	t.Fatal("the first row never reached the temporary file")
}

// The help says when -o FILE is replaced: once all the input is read, also
// when rows failed (exit 1), and never on exit 2 or an interrupt, whose exit
// codes it lists.
func TestOutputHelpSaysWhenFileIsReplaced(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	c := NewBuildCmd(testFactory(streams), nil)
	for name, text := range map[string]string{"--output": c.Flags().Lookup("output").Usage, "Long": c.Long} {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "only when the run succeeds") || !strings.Contains(flat, "exit 0 or 1") || !strings.Contains(flat, "exit 2 or an interrupt") {
			t.Errorf("%s help: %q; want it replaced on exit 0 or 1, untouched on exit 2 or an interrupt", name, flat)
		}
	}
	if !strings.Contains(c.Long, "129/130/143 when interrupted (SIGHUP, SIGINT, SIGTERM)") {
		t.Errorf("Long help does not give the exit codes of an interrupt:\n%s", c.Long)
	}
}

// A terminal's stderr gets both the progress bar and the warnings of
// sanitized rows. Under -race (make test) this was a data race, the builder
// writing warnings while the reader drew the bar; now one goroutine writes
// both. The warnings come grouped: the first few in full, then one line per
// kind with its count.
func TestBulkWarningsWithProgress(t *testing.T) {
	dir := t.TempDir()
	rows := "url,utm_campaign\n" + strings.Repeat(testLink+",Spring Sale\n", 40_000)
	if err := os.WriteFile(filepath.Join(dir, "rows.csv"), []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	streams, _, out, errOut := iostreams.Test()
	streams.SetTTY(false, true)
	if err := bulkCmd(t, dir, streams, nil, "-i", "rows.csv", "-s", "news"); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 40_001 {
		t.Errorf("%d lines of output, want 40,001", n)
	}
	const change = `utm_campaign: "Spring Sale" → "Spring-Sale": ' ' replaced with '-' (letters, digits, '-' and '_' only)`
	for _, want := range []string{
		"line 2: warning: " + change + "\n",
		"line 6: warning: " + change + "\n",
		"warning: utm_campaign: ' ' replaced with '-' (letters, digits, '-' and '_' only): in 40,000 rows, first at line 2\n",
		"40,000 warnings in all, 5 shown in full; --warnings FILE writes every one\n",
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if strings.Contains(errOut.String(), "line 7: warning") || !strings.HasSuffix(errOut.String(), "40,000 links, 0 failed\n") {
		t.Errorf("stderr %q: more than 5 warnings in full, or no summary at the end", errOut.String())
	}
}

// tuneGC sets GOGC and GOMEMLIMIT for a run only when the user has not.
func TestTuneGCLeavesUsersSettings(t *testing.T) {
	gcPercent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	memLimit := func() int64 { return debug.SetMemoryLimit(-1) } // -1 reads it
	percent, limit := gcPercent(), memLimit()
	for _, tc := range []struct {
		env                map[string]string
		wantGOGC, wantTune bool
	}{
		{map[string]string{}, true, true},
		{map[string]string{"GOGC": "50"}, false, true},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, true, false},
		{map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, false, false},
	} {
		restore := tuneGC(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
		gotPercent, gotLimit := gcPercent(), memLimit()
		restore()
		if (gotPercent == 400) != tc.wantGOGC || (gotPercent != 400 && gotPercent != percent) {
			t.Errorf("%v: GC percent %d during the run (%d before)", tc.env, gotPercent, percent)
		}
		if (gotLimit == 48<<20) != tc.wantTune || (gotLimit != 48<<20 && gotLimit != limit) {
			t.Errorf("%v: memory limit %d during the run (%d before)", tc.env, gotLimit, limit)
		}
		if gcPercent() != percent || memLimit() != limit {
			t.Errorf("%v: not restored: %d, %d; want %d, %d", tc.env, gcPercent(), memLimit(), percent, limit)
		}
	}
}

// TestBulkCancelled ends a run writing -o FILE midway through its context,
// as an interrupt does: exit 130 once the pipeline has stopped, the old file
// untouched, no temporary file, and no goroutine left once the input's Read
// returns.
func TestBulkCancelled(t *testing.T) {
	// os/signal starts one goroutine for the process at its first Notify,
	// and keeps it: start it before counting.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR2)
	signal.Stop(sigs)
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("PAYLINK_CONFIG", "")
	out := filepath.Join(dir, "links.csv")
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	streams, _, _, errOut := iostreams.Test()
	streams.In = inR
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- ExecuteContext(ctx, []string{"build", "-i", "-", "--input-format", "csv", "-o", out}, testFactory(streams))
	}()
	io.WriteString(inW, "url\n"+testLink+"\n")
	waitForRows(t, dir, testLink+","+testLink+",\n")
	cancel()
	if c := <-code; c != 130 {
		t.Fatalf("exit %d, want 130; stderr %q", c, errOut.String())
	}
	if !strings.Contains(errOut.String(), "interrupted; "+out+" was left as it was") {
		t.Errorf("stderr %q", errOut.String())
	}
	if b, _ := os.ReadFile(out); string(b) != "old\n" {
		t.Errorf("the old file now holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder, want only links.csv", len(entries))
	}
	inW.Close()
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
	}
}
