package bulk

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestSheet(t *testing.T) {
	s, err := ReadSheet(strings.NewReader("\uFEFFprice,metadata.owner\nprice_1,ana\n\nprice_2,\"b\nc\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Header, []string{"price", "metadata.owner"}) {
		t.Errorf("header %q", s.Header)
	}
	want := []struct {
		rec  []string
		line int
	}{{[]string{"price_1", "ana"}, 2}, {[]string{"price_2", "b\nc"}, 4}}
	for _, w := range want {
		rec, line, err := s.Next()
		if err != nil || !slices.Equal(rec, w.rec) || line != w.line {
			t.Errorf("got %q line %d, %v; want %q line %d", rec, line, err, w.rec, w.line)
		}
	}
	if _, _, err := s.Next(); err != io.EOF {
		t.Errorf("after the last row: %v, want io.EOF", err)
	}
}

func TestSheetErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "line 1: no header row"},
		{"\xff\xfep\x00", "line 1: the input is UTF-16"},
		{"price,x\nprice_1\n", "line 2: 1 fields, but the header has 2"},
		{"price\nprice_\"1\n", "line 2: column 7: bare \" in non-quoted-field"},
	} {
		s, err := ReadSheet(strings.NewReader(tt.in))
		if err == nil {
			_, _, err = s.Next()
		}
		var ie *InputError
		if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want an *InputError starting %q", tt.in, err, tt.want)
		}
	}
}

func TestSheetWriterQuotesAsCSV(t *testing.T) {
	var b strings.Builder
	w := NewSheetWriter(&b)
	for _, rec := range [][]string{{"id", "error"}, {"plink_1", `a "b", c`}, {"", " lead"}} {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	want := "id,error\nplink_1,\"a \"\"b\"\", c\"\n,\" lead\"\n"
	if b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}
