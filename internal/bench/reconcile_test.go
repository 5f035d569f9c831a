package bench

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// reconcileBaselineSrc is the hand-written program paylink reconcile is
// measured against: links one a line, split with url.ParseQuery into a map
// of reference to group; sessions as JSON Lines, each decoded with
// encoding/json into a struct and summed per group and currency. No
// dedupe, no checks, no report beyond a count.
const reconcileBaselineSrc = `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
)

func main() {
	lf, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	groups := map[string]string{}
	sc := bufio.NewScanner(lf)
	for sc.Scan() {
		_, q, _ := strings.Cut(sc.Text(), "?")
		v, _ := url.ParseQuery(q)
		groups[v.Get("client_reference_id")] = v.Get("utm_source") + "/" + v.Get("utm_medium") + "/" + v.Get("utm_campaign")
	}
	sf, err := os.Open(os.Args[2])
	if err != nil {
		panic(err)
	}
	sums := map[string]map[string]int64{}
	sc = bufio.NewScanner(sf)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var s struct {
			Status            string ` + "`json:\"status\"`" + `
			PaymentStatus     string ` + "`json:\"payment_status\"`" + `
			AmountTotal       int64  ` + "`json:\"amount_total\"`" + `
			Currency          string ` + "`json:\"currency\"`" + `
			ClientReferenceID string ` + "`json:\"client_reference_id\"`" + `
		}
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			panic(err)
		}
		if s.Status != "complete" || s.PaymentStatus != "paid" {
			continue
		}
		g, ok := groups[s.ClientReferenceID]
		if !ok {
			continue
		}
		if sums[g] == nil {
			sums[g] = map[string]int64{}
		}
		sums[g][s.Currency] += s.AmountTotal
	}
	fmt.Println(len(sums))
}
`

// BenchmarkReconcile times `paylink reconcile links.txt --sessions
// sessions.jsonl --format json` with 1,000,000 links and 1,000,000 sessions
// against the baseline, 3 runs each, alternately. It reports the ratio
// (x-baseline) and paylink's peak resident memory (peak-KiB). Target: under
// 256 MiB, growing with the links, not the sessions.
func BenchmarkReconcile(b *testing.B) {
	paylink := paylinkBinary(b)
	dir := b.TempDir()
	baseline := goProgram(b, dir, "reconcile-baseline", reconcileBaselineSrc)
	const n = 1_000_000
	links := filepath.Join(dir, "links.txt")
	sessions := filepath.Join(dir, "sessions.jsonl")
	writeReconcileInput(b, links, sessions, n, n)
	out := filepath.Join(dir, "report.json")
	var peak int64
	subject := func() error {
		rss, err := runTo(out, paylink, "reconcile", links, "--sessions", sessions, "--format", "json")
		peak = max(peak, rss)
		return err
	}
	base := func() error { _, err := runTo(out, baseline, links, sessions); return err }
	_, _ = subject(), base() // warm the page cache
	for b.Loop() {
		alternate(b, 3, subject, base)
	}
	b.ReportMetric(float64(peak), "peak-KiB")
}

// writeReconcileInput writes nLinks links, one a line, as build -i prints
// them (25 sources, 4 media, 40 campaigns), and nSessions Checkout Sessions
// as JSON Lines, the same for every run: 80% paid, of those 90% with a
// reference on a link, 5% with one on no link, 5% with none; 70% usd,
// 30% jpy.
func writeReconcileInput(b *testing.B, linksPath, sessionsPath string, nLinks, nSessions int) {
	b.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	write(b, linksPath, func(w *bufio.Writer) {
		media := []string{"email", "cpc", "social", "referral"}
		for i := range nLinks {
			fmt.Fprintf(w, "https://buy.stripe.com/test_%s?utm_source=source_%d&utm_medium=%s&utm_campaign=campaign_%d&client_reference_id=order-%d\n",
				slug(rng, 19), rng.IntN(25), media[rng.IntN(len(media))], rng.IntN(40), i)
		}
	})
	write(b, sessionsPath, func(w *bufio.Writer) {
		for i := range nSessions {
			status, payment := "complete", "paid"
			if rng.IntN(5) == 0 {
				status, payment = "expired", "unpaid"
			}
			ref := `"order-` + strconv.Itoa(rng.IntN(nLinks)) + `"`
			switch rng.IntN(20) {
			case 0:
				ref = `"elsewhere-` + strconv.Itoa(i) + `"`
			case 1:
				ref = "null"
			}
			currency, amount := "usd", 100+rng.IntN(20000)
			if rng.IntN(10) < 3 {
				currency, amount = "jpy", 500+rng.IntN(50000)
			}
			fmt.Fprintf(w, `{"id":"cs_test_%s%08d","object":"checkout.session","amount_subtotal":%d,"amount_total":%d,"client_reference_id":%s,`+
				`"created":%d,"currency":"%s","livemode":false,"mode":"payment","payment_link":"plink_%s","payment_status":"%s","status":"%s"}`+"\n",
				slug(rng, 50), i, amount, amount, ref, 1764000000+i, currency, slug(rng, 24), payment, status)
		}
	})
}

func write(b *testing.B, path string, fill func(*bufio.Writer)) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fill(w)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
