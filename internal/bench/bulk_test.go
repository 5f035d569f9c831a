package bench

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// baselineSrc is the hand-written program paylink's bulk build is measured
// against: encoding/csv in and out, each value appended with += and
// url.QueryEscape, no checks at all.
const baselineSrc = `package main

import (
	"encoding/csv"
	"io"
	"net/url"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	r := csv.NewReader(f)
	w := csv.NewWriter(os.Stdout)
	header, err := r.Read()
	if err != nil {
		panic(err)
	}
	w.Write(append(header, "link"))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		link, sep := rec[0], "?"
		for i := 1; i < len(rec); i++ {
			link += sep + header[i] + "=" + url.QueryEscape(rec[i])
			sep = "&"
		}
		w.Write(append(rec, link))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		panic(err)
	}
}
`

// BenchmarkBulk times `paylink build -i rows.csv -m email`, every check on,
// against the baseline, both writing to a file, at 100k and 1M rows. Target:
// at most 1.0x, and a peak RSS (peak-KiB) of at most 64 MiB at both sizes.
// Every row has its own utm_medium, so both programs print the same links.
func BenchmarkBulk(b *testing.B) {
	paylink := paylinkBinary(b)
	dir := b.TempDir()
	baseline := goProgram(b, dir, "baseline", baselineSrc)
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			rows := filepath.Join(dir, "rows-"+strconv.Itoa(n)+".csv")
			writeRows(b, rows, n)
			out := filepath.Join(dir, "out.csv")
			var peak int64
			subject := func() error {
				rss, err := runTo(out, paylink, "build", "-i", rows, "-m", "email")
				peak = max(peak, rss)
				return err
			}
			base := func() error { _, err := runTo(out, baseline, rows); return err }
			_, _ = subject(), base() // warm the page cache
			for b.Loop() {
				ratio := alternate(b, 5, subject, base)
				b.Logf("bulk, %d rows: %.2fx a naive encoding/csv and url.QueryEscape loop (goal: at most 1.0x), peak %d MiB", n, ratio, peak>>10)
			}
			b.ReportMetric(float64(peak), "peak-KiB")
		})
	}
}

// BenchmarkBulkSanitize times rows whose utm_campaign needs sanitizing
// ("Spring Sale 2024": a ' ' to replace, a warning each) against the same
// rows with clean campaigns ("spring_sale_2024"), both through paylink,
// alternately: x-baseline is what a row to sanitize costs over a clean one.
// With --strict each such row is refused instead (exit 1, an error each).
// Target: at most 2.0x for both.
func BenchmarkBulkSanitize(b *testing.B) {
	paylink := paylinkBinary(b)
	dir := b.TempDir()
	const n = 100_000
	clean := filepath.Join(dir, "clean.csv")
	writeCampaignRows(b, clean, n, "spring_sale_")
	dirty := filepath.Join(dir, "dirty.csv")
	writeCampaignRows(b, dirty, n, "Spring Sale ")
	out := filepath.Join(dir, "out.csv")
	for _, mode := range []string{"sanitize", "strict"} {
		b.Run(mode, func(b *testing.B) {
			args := []string{"build", "-m", "email", "-i"}
			if mode == "strict" {
				args = []string{"build", "--strict", "-m", "email", "-i"}
			}
			subject := func() error {
				_, err := runTo(out, paylink, append(args, dirty)...)
				var exit *exec.ExitError
				if mode == "strict" && errors.As(err, &exit) && exit.ExitCode() == 1 {
					return nil // every row refused, as it should be
				}
				return err
			}
			base := func() error { _, err := runTo(out, paylink, append(args, clean)...); return err }
			_, _ = subject(), base() // warm the page cache
			for b.Loop() {
				alternate(b, 5, subject, base)
			}
		})
	}
}

// writeRows writes n rows of generated campaign data, the same for every
// run: random 24-character test_ slugs and valid values.
func writeRows(b *testing.B, path string, n int) {
	writeCampaignRows(b, path, n, "spring_sale_")
}

// writeCampaignRows is writeRows with each utm_campaign made of campaign
// and a year: "spring_sale_2024", or with "Spring Sale " a value to sanitize.
func writeCampaignRows(b *testing.B, path string, n int, campaign string) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	w := csv.NewWriter(bufio.NewWriter(f))
	w.Write([]string{"url", "utm_source", "utm_medium", "utm_campaign", "client_reference_id"})
	sources := []string{"newsletter", "google", "facebook", "partner_blog", "linkedin"}
	for i := range n {
		w.Write([]string{
			"https://buy.stripe.com/test_" + slug(rng, 19),
			sources[rng.IntN(len(sources))],
			"email",
			campaign + strconv.Itoa(2020+rng.IntN(7)),
			"order-" + strconv.Itoa(100000+i),
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

func slug(rng *rand.Rand, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	s := make([]byte, n)
	for i := range s {
		s[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(s)
}

// runTo runs a command with stdout to the file out and returns its peak
// resident memory in KiB.
func runTo(out, name string, args ...string) (int64, error) {
	// A new file each run, not a truncated one: ext4 flushes a file that was
	// truncated and rewritten when it is closed, which would time the disk.
	if err := os.Remove(out); err != nil && !os.IsNotExist(err) {
		return 0, err
	}
	f, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	c := exec.Command(name, args...)
	c.Stdout = f
	c.Env = append(os.Environ(), "PAYLINK_CONFIG=", "HOME=/nonexistent", "XDG_CONFIG_HOME=/nonexistent")
	stderr, err := os.CreateTemp("", "paylink-bench-stderr-")
	if err != nil {
		return 0, err
	}
	defer os.Remove(stderr.Name())
	defer stderr.Close()
	c.Stderr = stderr
	if err := c.Run(); err != nil {
		msg, _ := os.ReadFile(stderr.Name())
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		return 0, &buildError{string(msg), err}
	}
	return c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, nil
}
