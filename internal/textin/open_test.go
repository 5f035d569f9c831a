package textin

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"links.csv", "https://buy.stripe.com/x\n", CSV}, // the extension wins
		{"LINKS.JSONL", "", JSONL},
		{"out.ndjson", "url\n", JSONL},
		{"links.txt", "url,link\n", Lines},
		{"links", `{"url":"https://buy.stripe.com/x"}` + "\n", JSONL},
		{"links.out", "  {\"link\":1}", JSONL},
		{"links.out", "url,client_reference_id,link,error\nhttps://...", CSV},
		{"links.out", "\"Link\", note\n", CSV},
		{"links.dat", "owner, URL\r\n", CSV},
		{"links.dat", "https://buy.stripe.com/x?a=1,b\n", Lines},
		{"links.dat", "# links, urls\nhttps://buy.stripe.com/x\n", Lines},
		{"links.dat", "urls,links\n", Lines},
		{"links.dat", "", Lines},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("FormatOf(%q, %q) = %s, want %s", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	f, err := Open(write("out", "\xEF\xBB\xBFlink,error\nx,\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Format() != CSV || f.Size != 17 {
		t.Errorf("format %s, size %d; want csv (header after the BOM), 17", f.Format(), f.Size)
	}
	if rest, _ := io.ReadAll(f); string(rest) != "link,error\nx,\n" {
		t.Errorf("read %q: the BOM should be gone", rest)
	}
	f.Close()
	if _, err := Open(write("u16", "\xFF\xFEl\x00i\x00"), nil); !errors.Is(err, ErrUTF16) {
		t.Errorf("UTF-16 file: %v, want ErrUTF16", err)
	}
	if _, err := Open(filepath.Join(dir, "missing"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	f, err = Open("-", strings.NewReader(`{"url":"x"}`))
	if err != nil || f.Name != "stdin" || f.Format() != Lines || f.Size != -1 {
		t.Errorf("stdin: %v, %+v; want lines (stdin has no name to go by)", err, f)
	}
}

func TestBytes(t *testing.T) {
	if b, err := Bytes([]byte("\xEF\xBB\xBFa: 1\n")); err != nil || string(b) != "a: 1\n" {
		t.Errorf("BOM: %q, %v", b, err)
	}
	if _, err := Bytes([]byte("\xFF\xFEa\x00")); !errors.Is(err, ErrUTF16) {
		t.Errorf("UTF-16: %v", err)
	}
	if b, err := Bytes(nil); err != nil || len(b) != 0 {
		t.Errorf("empty: %q, %v", b, err)
	}
}
