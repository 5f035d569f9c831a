package textin

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func cells(format Format, in string) ([]string, error) {
	var got []string
	err := EachCell(bufio.NewReader(strings.NewReader(in)), format, []string{"link", "url"}, func(c Cell) error {
		got = append(got, fmt.Sprintf("%d:%d %s", c.Line, c.Column, c.Value))
		return nil
	})
	return got, err
}

func TestEachCell(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string
	}{
		{"link before url, whatever the order", CSV, "url,note,link\nu1,n,l1\nu2,\"a,b\",\"l2\"\n", []string{"2:6 l1", "3:10 l2"}},
		{"url alone, any case", CSV, "owner, URL \njenny,u1\r\n", []string{"2:7 u1"}},
		{"empty and short rows skipped", CSV, "url,link\nu1,\nu2\nu3,  \nu4,l4\n", []string{"5:4 l4"}},
		{"header only", CSV, "url,link\n", nil},
		{"empty", CSV, "", nil},
		{"jsonl", JSONL, `{"url":"u1","link":"l1"}` + "\n\n" + `{ "URL" : "u2" }` + "\n" + `{"link":null,"error":"bad"}` + "\n",
			[]string{"1:20 l1", "3:11 u2"}},
	}
	for _, tt := range tests {
		got, err := cells(tt.format, tt.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestEachCellErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   string
	}{
		{"no column", CSV, "owner,campaign\nx,y\n", `line 1: no link or url column in the header "owner,campaign"; name the column of links link`},
		{"bad quote", CSV, "link\n\"a\n", `line 2: extraneous or missing " in quoted-field`},
		{"not an object", JSONL, `{"link":"a"}` + "\n[1]\n", "line 2: not a JSON object with a link or url key"},
		{"not JSON", JSONL, "{\"link\":\n", "line 1: not a JSON object with a link or url key"},
		{"not a string", JSONL, `{"link":42}`, `line 1: "link": 42 is not a JSON string`},
		{"csv line too long", CSV, "link\n" + strings.Repeat("x", MaxLine+1) + "\n", "line 2: longer than 8 MiB"},
		{"jsonl line too long", JSONL, "\n" + strings.Repeat("x", MaxLine+1), "line 2: longer than 8 MiB"},
	}
	for _, tt := range tests {
		_, err := cells(tt.format, tt.in)
		var se *SheetError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a *SheetError %q", tt.name, err, tt.want)
		}
	}
}
