// Package textin is the one reader of paylink's text inputs: build -i,
// validate -i, inspect -i, reconcile's links and sessions files, the files
// validate --scan reads, and the config file.
//
//   - How an input starts (Start): a UTF-8 byte-order mark, which Excel
//     writes before a "CSV UTF-8" file, is dropped, and UTF-16 text, which
//     Excel writes as "Unicode Text", is refused with a message saying to
//     save it as UTF-8 (rather than read as bytes that match nothing:
//     "no url column in the header \"\xff\xfeu\x00...\""). --scan reads
//     UTF-16 as the text it is instead (see internal/scan).
//   - How long a line may be (EachLine, Limit): MaxLine for a file of links
//     or a scanned file, MaxRow for a row of a bulk build.
//   - What format an input is (FormatOf): the same rule for every command.
package textin

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// ErrUTF16 is the error for an input in UTF-16.
var ErrUTF16 = errors.New("the input is UTF-16 text (as Excel's \"Unicode Text\" saves it); paylink reads UTF-8: save it as UTF-8 (in Excel: \"CSV UTF-8\")")

var bom = []byte{0xEF, 0xBB, 0xBF}

// Start looks at the first bytes of br: it drops a UTF-8 byte-order mark
// and returns ErrUTF16 for UTF-16 text. It reads no further than 4 bytes.
func Start(br *bufio.Reader) error {
	head, err := br.Peek(4)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		// A read error: the caller's first read returns it again.
		return nil
	}
	if IsUTF16(head) {
		return ErrUTF16
	}
	if bytes.HasPrefix(head, bom) {
		br.Discard(len(bom))
	}
	return nil
}

// TrimBOM is b without a UTF-8 byte-order mark at its start, as Start
// drops it from a reader.
func TrimBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }

// IsUTF16 reports whether text starting with head is UTF-16: a UTF-16
// byte-order mark, or two ASCII characters each with a NUL byte beside it
// (UTF-16 saved without a mark).
func IsUTF16(head []byte) bool {
	if len(head) < 2 {
		return false
	}
	if head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF {
		return true
	}
	if len(head) < 4 {
		return false
	}
	ascii := func(c byte) bool { return c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r' }
	le := ascii(head[0]) && head[1] == 0 && ascii(head[2]) && head[3] == 0
	be := head[0] == 0 && ascii(head[1]) && head[2] == 0 && ascii(head[3])
	return le || be
}
