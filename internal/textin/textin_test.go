package textin

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestStart(t *testing.T) {
	for _, tc := range []struct {
		in, rest string
		err      error
	}{
		{"\xEF\xBB\xBF\"url\",x\n", "\"url\",x\n", nil},
		{"url\n", "url\n", nil},
		{"\xEF\xBB\xBF", "", nil},
		{"\xEF\xBB", "\xEF\xBB", nil},
		{"", "", nil},
		{"\xFF\xFEu\x00r\x00l\x00", "", ErrUTF16},
		{"\xFE\xFF\x00u\x00r\x00l", "", ErrUTF16},
		{"u\x00r\x00l\x00\n\x00", "", ErrUTF16},
		{"\x00u\x00r\x00l", "", ErrUTF16},
		{"\xFF\xFE", "", ErrUTF16},
		{"https://buy.stripe.com/x\n", "https://buy.stripe.com/x\n", nil},
	} {
		br := bufio.NewReader(strings.NewReader(tc.in))
		err := Start(br)
		if !errors.Is(err, tc.err) {
			t.Errorf("Start(%q) = %v, want %v", tc.in, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		if rest, _ := io.ReadAll(br); string(rest) != tc.rest {
			t.Errorf("Start(%q): then %q, want %q", tc.in, rest, tc.rest)
		}
	}
}
