package safe

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://buy.stripe.com/test_x?utm_source=a", "https://buy.stripe.com/test_x?utm_source=a"},
		{"", ""},
		{"Café ünïcode", "Café ünïcode"},
		{"utm_\x1b]52;c;ZXZpbA==\x07", `utm_\x1b]52;c;ZXZpbA==\x07`},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"del\x7f", `del\x7f`},
		{"c1\u009b2J", `c1\x9b2J`},
		{"bad\xff\xfeutf8", `bad\xff\xfeutf8`},
		{"slug\u202egnp.exe", `slug\u202egnp.exe`},
		{"zero\u200bwidth\u200c\u200d\u2060\ufeff", `zero\u200bwidth\u200c\u200d\u2060\ufeff`},
		{"\u061c\u200e\u200f\u202a\u2066\u2069", `\u061c\u200e\u200f\u202a\u2066\u2069`},
		{"x\n::stop-commands::abc", `x\n::stop-commands::abc`},
		{"::warning::ok.txt", `\x3a:warning::ok.txt`},
		{"  ::error::x", `  \x3a:error::x`},
		{":", `\x3a`},
		{"#", `\x23`},
		{"##vso[task.setvariable variable=x]1", `\x23#vso[task.setvariable variable=x]1`},
		{"a ##vso[task.complete]b ##[error]c", `a \x23#vso[task.complete]b \x23#[error]c`},
		{"\r##vso[task.setvariable]", `\r\x23#vso[task.setvariable]`},
		{"\u00a0::error title=Forged::owned.txt", "\u00a0\\x3a:error title=Forged::owned.txt"},
		{"\u2000\u200a\u3000\u1680\u202f\u205f::x", "\u2000\u200a\u3000\u1680\u202f\u205f\\x3a:x"},
		{"\u2028\u2029 ##[error]x", "\u2028\u2029 \\x23#[error]x"},
		{"\u180e::x", "\u180e\\x3a:x"},
		{"\u00a0:", "\u00a0\\x3a"},
		{"\u00a0a::b", "\u00a0a::b"},
		{"a::b", "a::b"},
		{"#fragment", "#fragment"},
		{`C:\path\file.txt`, `C:\path\file.txt`},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTextCutsLongValues(t *testing.T) {
	long := strings.Repeat("é", MaxRunes+5)
	got := Text(long)
	want := strings.Repeat("é", MaxRunes) + "…(2010 bytes in all)"
	if got != want {
		t.Errorf("Text(%d runes) = %q…, want %q…", MaxRunes+5, got[len(got)-40:], want[len(want)-40:])
	}
	if exact := strings.Repeat("a", MaxRunes); Text(exact) != exact {
		t.Errorf("Text cut a value of exactly MaxRunes runes")
	}
	q := Quote(strings.Repeat("a", 1<<20))
	if len(q) > MaxRunes+40 || !strings.HasSuffix(q, `"…(1048576 bytes in all)`) {
		t.Errorf("Quote(1 MiB) = …%q (%d bytes)", q[len(q)-40:], len(q))
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"\x1b]52;c;x\x07", `"\x1b]52;c;x\a"`},
		{"\u202e\u200b", `"\u202e\u200b"`},
		{"x ##vso[task.complete]", `"x \x23#vso[task.complete]"`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestJSON checks that JSON escapes what encoding/json leaves raw, and that
// the document still decodes to the very same value.
func TestJSON(t *testing.T) {
	value := "a\x7fb\u009bc\u202ed\u200be ##vso[x] ##[y] \x1b\n"
	enc, err := json.Marshal(map[string]string{"v": value})
	if err != nil {
		t.Fatal(err)
	}
	out := JSON(append(enc, '\n'))
	if p := Check(string(out)); p != "" {
		t.Fatalf("JSON output %s: %s", out, p)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["v"] != value {
		t.Fatalf("JSON output %s decodes to %q (%v), want %q", out, back["v"], err, value)
	}
	if plain := []byte(`{"v":"ok"}` + "\n"); string(JSON(plain)) != string(plain) {
		t.Errorf("JSON changed a clean document")
	}
}

func TestCheck(t *testing.T) {
	for _, bad := range []string{"\x1b[2J", "a\rb", "x\n::warning::y", "  ##[error]x", "ok ##vso[task.complete]", "\u202e", "\xff", "\u009b", "\v",
		"\u00a0::error::x", "a\n\u3000::warning::y", "\t::error::z", "\u2002\u2009##[error]x", "\u205f\u180e::x"} {
		if Check(bad) == "" {
			t.Errorf("Check(%q) found nothing", bad)
		}
	}
	for _, good := range []string{"", "a\nb\n", "x::y", "#x", "\uFFFD", "é"} {
		if p := Check(good); p != "" {
			t.Errorf("Check(%q) = %s", good, p)
		}
	}
}

// FuzzText: whatever the input, Text's output is safe to print at the
// start of a line, and so is Quote's; short values are not cut.
func FuzzText(f *testing.F) {
	for _, seed := range []string{"", "::x", " ##vso[", "\x1b]52;c;x\x07", "\u202e", "\xff", "#", ":", "a\n::b", "\u009b",
		"\u00a0::error::x", "\u3000\u2000##[x]", "\u1680:", "\u2028::y", "x sk_live_abc y", "a\r\n::b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if p := Check(got); p != "" {
			t.Fatalf("Text(%q) = %q: %s", s, got, p)
		}
		if p := Check(got + ":1: x"); p != "" {
			t.Fatalf("Text(%q) followed by \":1:\" = %q: %s", s, got, p)
		}
		if q := Quote(s); Check(q) != "" {
			t.Fatalf("Quote(%q) = %q: %s", s, q, Check(q))
		}
		if l := Link("https://x/?" + s); Check(l) != "" {
			t.Fatalf("Link(%q) = %q: %s", s, l, Check(l))
		}
		var term strings.Builder
		tw := NewTerminalWriter(&term, false)
		_, _ = tw.Write([]byte(s + "\n" + s))
		_ = tw.Flush()
		// A CRLF line end is kept: a line break, as LF is.
		if p := Check(strings.ReplaceAll(term.String(), "\r\n", "\n")); p != "" {
			t.Fatalf("TerminalWriter(%q) = %q: %s", s, term.String(), p)
		}
		if r := Redact(s); keyEnd(r, 0) >= 0 || strings.Contains(r, "sk_live_a") {
			t.Fatalf("Redact(%q) = %q still holds a key", s, r)
		}
		if len(s) <= MaxRunes && strings.Contains(got, "bytes in all)") && !strings.Contains(s, "bytes in all)") {
			t.Fatalf("Text(%q) cut a short value: %q", s, got)
		}
	})
}

func TestLink(t *testing.T) {
	const base = "https://buy.stripe.com/test_x?a="
	for _, tc := range []struct{ in, want string }{
		{base + "1&utm_source=x", base + "1&utm_source=x"},
		{base + "é", base + "é"},
		{base + "a\u202eb", base + "a%E2%80%AEb"},
		{base + "\u200b#\ufeff", base + "%E2%80%8B#%EF%BB%BF"},
		{base + "\x1b\x7f\u009b\xff", base + "%1B%7F%C2%9B%FF"},
		{base + "1##vso[task.complete]#x", base + "1##vso%5Btask.complete]#x"},
		{base + "1##[error]", base + "1##%5Berror]"},
		{base + strings.Repeat("a", 5000), base + strings.Repeat("a", 5000)},
	} {
		got := Link(tc.in)
		if got != tc.want {
			t.Errorf("Link(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if p := Check(got); p != "" {
			t.Errorf("Link(%q) = %q: %s", tc.in, got, p)
		}
	}
}

// BenchmarkLinkPlain is the cost safe.Link adds to every built link (every
// bulk row): one pass over a plain ASCII link.
func BenchmarkLinkPlain(b *testing.B) {
	l := "https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale&client_reference_id=order-1042"
	b.SetBytes(int64(len(l)))
	for b.Loop() {
		if Link(l) != l {
			b.Fatal("changed")
		}
	}
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"no key here", "no key here"},
		{`--api-key-file: "sk_live_51Habc09XYZ": no such file`, `--api-key-file: "[key]": no such file`},
		{"PAYLINK_API_KEY_FILE=rk_live_zz_1 and rk_test_a", "PAYLINK_API_KEY_FILE=[key] and [key]"},
		{"Invalid API Key provided: sk_test_****1234", "Invalid API Key provided: [key]"},
		{"pk_test_x,pk_live_y whsec_abc", "[key],[key] [key]"},
		{"/tmp/sk_live_abc/key.txt", "/tmp/[key]/key.txt"},
		{"keys start with sk_test_, sk_live_ or rk_live_", "keys start with sk_test_, sk_live_ or rk_live_"},
		{"utm_campaign=task_test_x", "utm_campaign=ta[key]"},
		{"my_sk_live_abc", "my_[key]"},
		{"sk_live_éa", "sk_live_éa"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTerminalWriter: rows written in pieces come out line by line, each
// escaped; line breaks (LF and CRLF) are kept; a long row is never cut.
func TestTerminalWriter(t *testing.T) {
	long := strings.Repeat("a", 3*MaxRunes)
	rows := "url,note\r\nhttps://x,\x1b]52;c;ZXZpbA==\x07\n::stop-commands::tok,\u00a0::error::x\n" + long + "\nplain,row\nlast ##[error] no newline"
	var out strings.Builder
	w := NewTerminalWriter(&out, false)
	for i := 0; i < len(rows); i += 7 { // pieces that split lines and runes
		if _, err := w.Write([]byte(rows[i:min(i+7, len(rows))])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "url,note\r\nhttps://x,\\x1b]52;c;ZXZpbA==\\x07\n\\x3a:stop-commands::tok,\u00a0::error::x\n" + long + "\nplain,row\nlast \\x23#[error] no newline"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}

	out.Reset()
	jw := NewTerminalWriter(&out, true)
	_, _ = jw.Write([]byte(`{"url":"\u001b]52","x":"a` + "\u202e\x7f" + `"}` + "\n"))
	if want := `{"url":"\u001b]52","x":"a\u202e\u007f"}` + "\n"; out.String() != want {
		t.Errorf("JSON: got %q, want %q", out.String(), want)
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"Spring T-shirt":                   "Spring T-shirt",
		"=HYPERLINK(\"http://x\",\"Buy\")": "'=HYPERLINK(\"http://x\",\"Buy\")",
		"+cmd|' /C calc'!A0":               "'+cmd|' /C calc'!A0",
		"-2+3+cmd":                         "'-2+3+cmd",
		"@SUM(A1:A9)":                      "'@SUM(A1:A9)",
		"\t=1+1":                           "'\t=1+1",
		"\r=1+1":                           "'\r=1+1",
		"-12.50":                           "-12.50",
		"+1e3":                             "+1e3",
		"-0":                               "-0",
		"-inf":                             "'-inf",
		"-":                                "'-",
		"a=b":                              "a=b",
		"https://example.com/?a=1":         "https://example.com/?a=1",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
