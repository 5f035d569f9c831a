package bulk

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"testing"
)

// TestCSVWriterMatchesEncodingCSV writes random records, made of the bytes
// and runes that matter to quoting, both ways: the bytes must be the same.
func TestCSVWriterMatchesEncodingCSV(t *testing.T) {
	pieces := []string{"a", "Z9", ",", "\"", "\r", "\n", "\r\n", " ", "\t", "\u00a0", "\u0085", "\u2028",
		`\.`, `\`, ".", "é", "\xff", "https://buy.stripe.com/x?a=1&b=2#f", ""}
	rng := rand.New(rand.NewPCG(5, 6))
	var want bytes.Buffer
	w := csv.NewWriter(&want)
	var got []byte
	for range 50_000 {
		rec := make([]string, 1+rng.IntN(4))
		for i := range rec {
			for range rng.IntN(4) {
				rec[i] += pieces[rng.IntN(len(pieces))]
			}
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // encoding/csv writes an empty line, which no reader reads back; paylink never writes one
		}
		w.Write(rec)
		got = appendCSVRecord(got, rec)
	}
	w.Flush()
	if !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < len(got) && i < want.Len() && got[i] == want.Bytes()[i] {
			i++
		}
		t.Fatalf("differs from encoding/csv at byte %d: %q, want %q", i, got[i:min(i+40, len(got))], want.Bytes()[i:min(i+40, want.Len())])
	}
}
