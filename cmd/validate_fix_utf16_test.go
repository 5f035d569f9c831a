package cmd

import (
	"errors"
	"testing"
)

// TestDecodeTextRefusesLossyUTF16: --fix keeps every byte but the link's,
// so a UTF-16 file its decoder would not give back byte for byte (an odd
// last byte, a lone surrogate: each comes back as U+FFFD) is not repaired.
func TestDecodeTextRefusesLossyUTF16(t *testing.T) {
	// "ab\n" in UTF-16LE with its byte-order mark, worked out by hand.
	good := []byte{0xFF, 0xFE, 'a', 0, 'b', 0, '\n', 0}
	for name, data := range map[string][]byte{
		"odd last byte":        append(append([]byte{}, good...), 'x'),
		"lone high surrogate":  append(append([]byte{}, good...), 0x00, 0xD8, 'a', 0),
		"lone low surrogate":   append(append([]byte{}, good...), 0x00, 0xDC),
		"big-endian, odd byte": {0xFE, 0xFF, 0, 'a', 0, '\n', 'x'},
	} {
		if _, _, err := decodeText(data); !errors.Is(err, errBadUTF16) {
			t.Errorf("%s: err %v, want errBadUTF16", name, err)
		}
	}
	enc, text, err := decodeText(good)
	if err != nil || enc != encUTF16LE || text != "ab\n" {
		t.Fatalf("decodeText(good) = %v, %q, %v; want UTF-16LE, \"ab\\n\"", enc, text, err)
	}
}
