package bulk

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// campaignCSV generates n rows like the ones of internal/bench: valid values,
// random test_ slugs, the same for every call.
func campaignCSV(n int) []byte {
	var buf bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 2))
	w := csv.NewWriter(&buf)
	w.Write([]string{"url", "utm_source", "utm_medium", "utm_campaign", "client_reference_id"})
	sources := []string{"newsletter", "google", "facebook", "partner_blog", "linkedin"}
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for i := range n {
		slug := make([]byte, 19)
		for j := range slug {
			slug[j] = alphabet[rng.IntN(len(alphabet))]
		}
		w.Write([]string{"https://buy.stripe.com/test_" + string(slug), sources[rng.IntN(len(sources))], "email",
			"spring_sale_" + strconv.Itoa(2020+rng.IntN(7)), "order-" + strconv.Itoa(100000+i)})
	}
	w.Flush()
	return buf.Bytes()
}

// BenchmarkRunCSV is the bulk path in process, for profiling:
// go test -run '^$' -bench RunCSV -cpuprofile cpu.out ./internal/bulk
func BenchmarkRunCSV(b *testing.B) {
	in := campaignCSV(100_000)
	var defaults link.Values
	defaults.Put(link.UTMMedium, "email")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		cfg := &Config{Input: CSV, Output: CSV, Defaults: defaults}
		if _, err := Run(context.Background(), cfg, bytes.NewReader(in), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunCSVSanitize is BenchmarkRunCSV with a campaign to sanitize on
// every row, warnings shown as a terminal would get them (grouped):
// go test -run '^$' -bench RunCSVSanitize -cpuprofile cpu.out ./internal/bulk
func BenchmarkRunCSVSanitize(b *testing.B) {
	in := bytes.ReplaceAll(campaignCSV(100_000), []byte("spring_sale_"), []byte("Spring Sale "))
	var defaults link.Values
	defaults.Put(link.UTMMedium, "email")
	b.SetBytes(int64(len(in)))
	for _, strict := range []bool{false, true} {
		b.Run("strict="+strconv.FormatBool(strict), func(b *testing.B) {
			for b.Loop() {
				cfg := &Config{Input: CSV, Output: CSV, Defaults: defaults, Options: link.Options{Strict: strict}, Warnings: io.Discard}
				if _, err := Run(context.Background(), cfg, bytes.NewReader(in), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
