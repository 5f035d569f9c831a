// Package safe prints bytes that came from outside paylink — links, decoded
// keys and values, file names, config text, API strings — so that they can
// neither drive the terminal nor forge a line in a CI log.
//
// Every such string is printed through Text (bare) or Quote (in quotes).
// The rules, and why:
//
//   - Control characters (C0 including tab, CR and LF, DEL, C1) are shown as
//     \xNN (\t, \n, \r for those three): raw, they move the cursor, start
//     escape sequences (OSC 52 writes the clipboard) or start a new line.
//   - Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
//     and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are shown as
//     \uNNNN: raw, they reorder or hide what a reader sees.
//   - Bytes that are not UTF-8 are shown as \xNN.
//   - A value longer than MaxRunes runes is cut, and the cut is marked with
//     "…(N bytes in all)", so one hostile cell cannot flood a log.
//   - CI workflow commands: GitHub Actions runs a line that starts with "::"
//     (or the older "##["); Azure Pipelines runs "##vso[" anywhere in a line.
//     Text escapes a "##[" or "##vso[" anywhere in its value, and a value
//     that (after leading white space) starts with "::" or "##", or is just
//     ":" or "#" (which paylink's own ':' after a file name would complete),
//     shows that first character as \x3a or \x23. White space means every
//     character .NET's Char.IsWhiteSpace accepts (NBSP, U+2000–U+200A,
//     U+3000…), because GitHub's runner trims those before it looks for
//     "::". Since Text also never lets a line break through, no line paylink
//     prints can start a workflow command.
//
// A backslash is printed as it is (Windows paths stay readable), so a value
// that holds the text `\x1b` reads like an escaped ESC: ambiguous, harmless.
//
// JSON output keeps the exact value (a program reads it) and goes through
// JSON, which rewrites DEL, C1, bidi and zero-width characters inside the
// encoded strings as \uNNNN escapes: the same value to a JSON decoder, no raw
// control in a log.
package safe

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRunes is the longest value Text prints whole. Payment links with every
// parameter set stay well under it; a 1 MB cell or pattern does not.
const MaxRunes = 1000

// Text returns s as it may be printed: see the package comment.
func Text(s string) string {
	if isPlain(s) {
		return s
	}
	body, total := cut(s)
	out := escape(body)
	if total > 0 {
		out += fmt.Sprintf("…(%d bytes in all)", total)
	}
	return out
}

// escape is Text without the cut.
func escape(body string) string {
	var b strings.Builder
	lead := leadingCommand(body)
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		switch {
		case i == lead:
			fmt.Fprintf(&b, `\x%02x`, body[i])
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, body[i])
		case r == '#' && (strings.HasPrefix(body[i:], "##[") || strings.HasPrefix(body[i:], "##vso[")):
			b.WriteString(`\x23`)
		default:
			writeRune(&b, r)
		}
		i += size
	}
	return b.String()
}

// Quote returns s in double quotes, escaped as Go's %q does (which covers
// every rule of Text: quoted, a value cannot start a line) and cut as Text
// cuts.
func Quote(s string) string {
	body, total := cut(s)
	q := breakCommands(strconv.Quote(body), `\x23`)
	if total > 0 {
		q += fmt.Sprintf("…(%d bytes in all)", total)
	}
	return q
}

// breakCommands writes the first '#' of each "##[" and "##vso[" in s as
// esc, for Azure Pipelines, which runs such a command anywhere in a line.
func breakCommands(s, esc string) string {
	if !strings.Contains(s, "##") {
		return s
	}
	s = strings.ReplaceAll(s, "##[", esc+"#[")
	return strings.ReplaceAll(s, "##vso[", esc+"#vso[")
}

// isPlain reports whether s needs nothing done: printable ASCII only, short,
// and no workflow-command opener. Most values are; they are returned as is.
func isPlain(s string) bool {
	if len(s) > MaxRunes {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return leadingCommand(s) < 0 && !strings.Contains(s, "##")
}

// cut returns the first MaxRunes runes of s and, when that is not all of
// it, the length of s in bytes; else s and 0.
func cut(s string) (string, int) {
	if len(s) <= MaxRunes {
		return s, 0
	}
	n := 0
	for i := range s {
		if n == MaxRunes {
			return s[:i], len(s)
		}
		n++
	}
	return s, 0
}

// leadingCommand returns the index of the byte to escape so that s cannot
// begin a workflow command at the start of a line, or -1.
func leadingCommand(s string) int {
	rest := strings.TrimLeftFunc(s, RunnerSpace)
	i := len(s) - len(rest)
	if rest == ":" || rest == "#" || strings.HasPrefix(rest, "::") || strings.HasPrefix(rest, "##") {
		return i
	}
	return -1
}

func writeRune(b *strings.Builder, r rune) {
	switch {
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		fmt.Fprintf(b, `\x%02x`, r)
	case Invisible(r):
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		b.WriteRune(r)
	}
}

// RunnerSpace reports whether a CI runner skips r before it looks for a
// workflow command: GitHub's runner calls .NET's String.TrimStart, which
// trims every Char.IsWhiteSpace — the Unicode White_Space set that
// unicode.IsSpace holds, plus U+180E, which older .NET releases still
// count. U+FEFF and the zero-width spaces are added too: were a runner to
// trim them, nothing is lost by treating them as white space.
func RunnerSpace(r rune) bool {
	return unicode.IsSpace(r) || r == 0x180e || r == 0xfeff || (r >= 0x200b && r <= 0x200d) || r == 0x2060
}

// Invisible reports whether r is a bidi control or a zero-width character.
func Invisible(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0xfeff, r == 0x2060:
		return true
	case r >= 0x200b && r <= 0x200d, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// unsafeRune reports whether r must not appear raw in output at all.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || Invisible(r)
}

// JSON rewrites, in JSON text that encoding/json wrote, each DEL, C1, bidi
// or zero-width character as a \uNNNN escape, and the first '#' of "##[" and
// "##vso[" as \u0023. encoding/json already escapes C0 and leaves only these
// raw; inside a JSON document they can only sit in strings, where the escape
// decodes to the same value.
func JSON(b []byte) []byte {
	if bytes.Contains(b, []byte("##")) {
		b = []byte(breakCommands(string(b), `\u0023`))
	}
	clean := true
	for _, r := range string(b) {
		if r != '\n' && unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for _, r := range string(b) {
		if r != '\n' && unsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// Check returns what makes out unsafe to print — a control byte other than
// LF and tab (which paylink's own tables use), a bidi or zero-width
// character, invalid UTF-8, a line that starts (after any RunnerSpace) with
// "::" or "##", or "##[" / "##vso[" anywhere — or "" when nothing does.
// Tests hold every output path to it.
func Check(out string) string {
	for i, r := range out {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD"):
			return fmt.Sprintf("invalid UTF-8 at byte %d", i)
		case r != '\n' && r != '\t' && unsafeRune(r):
			return fmt.Sprintf("raw %U at byte %d", r, i)
		}
	}
	for n, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeftFunc(line, RunnerSpace)
		if strings.HasPrefix(trimmed, "::") || strings.HasPrefix(trimmed, "##") ||
			strings.Contains(line, "##[") || strings.Contains(line, "##vso[") {
			return fmt.Sprintf("line %d %q can start a CI workflow command", n+1, line)
		}
	}
	return ""
}

// Link returns a link paylink built, to be printed whole (never cut): each
// byte of a control, bidi or zero-width character, and of invalid UTF-8, is
// percent-encoded, as a browser encodes it before sending, and the '[' of
// "##[" and "##vso[" becomes %5B. The server sees the same link; a terminal
// or CI log sees nothing it would act on.
func Link(s string) string {
	if linkIsPlain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, unsafeRune(r):
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		case r == '[' && (strings.HasSuffix(s[:i], "##") || strings.HasSuffix(s[:i], "##vso")):
			b.WriteString("%5B")
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// linkIsPlain: printable ASCII and no "##": the link of nearly every row.
func linkIsPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return !strings.Contains(s, "##")
}

// keyPrefixes start every kind of Stripe key: secret, restricted,
// publishable, webhook signing secret.
var keyPrefixes = [...]string{"sk_test_", "sk_live_", "rk_test_", "rk_live_", "pk_test_", "pk_live_", "whsec_"}

// Redacted is what Redact puts in place of a key.
const Redacted = "[key]"

// Redact replaces each key-shaped string in s — a Stripe key prefix
// (sk_live_, rk_test_, whsec_…), even inside a word ("mysk_live_…" would
// still show the secret), then at least one letter, digit, '_' or '*'
// (Stripe's own messages quote a masked key, sk_test_****1234) — by
// Redacted. A key pasted where a path or a value
// goes would otherwise be printed back in the error about it, into a
// terminal's scrollback or a CI log. A bare prefix ("keys start with
// sk_live_") is left alone: it is no secret.
func Redact(s string) string {
	if !strings.Contains(s, "k_") && !strings.Contains(s, "whsec_") {
		return s // no prefix can be in s: the common case, one pass
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		end := keyEnd(s, i)
		if end < 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(Redacted)
		last = end
		i = end - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// keyEnd returns where a key starting at byte i of s ends, or -1 when none
// starts there.
func keyEnd(s string, i int) int {
	for _, p := range keyPrefixes {
		if !strings.HasPrefix(s[i:], p) {
			continue
		}
		j := i + len(p)
		for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '*') {
			j++
		}
		if j > i+len(p) {
			return j
		}
	}
	return -1
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// TerminalWriter writes to a terminal rows that are data (build -i's
// output on stdout): line by line, each line escaped as Text escapes it
// but never cut, or as JSON escapes it for JSON Lines, so a cell holding
// an escape sequence or a row starting "::" shows as text. The line breaks
// themselves are kept. To a file or a pipe rows are written as they are:
// there they are data, not a display.
type TerminalWriter struct {
	w       io.Writer
	json    bool
	partial []byte // the start of a line not yet ended
}

// NewTerminalWriter returns a TerminalWriter writing to w; jsonLines when
// each line is a JSON document.
func NewTerminalWriter(w io.Writer, jsonLines bool) *TerminalWriter {
	return &TerminalWriter{w: w, json: jsonLines}
}

// Write escapes and writes each line p ends, keeping the rest for later.
func (t *TerminalWriter) Write(p []byte) (int, error) {
	rest := p
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			t.partial = append(t.partial, rest...)
			return len(p), nil
		}
		line := rest[:i]
		if len(t.partial) > 0 {
			line = append(t.partial, line...)
		}
		if err := t.writeLine(line, "\n"); err != nil {
			return 0, err
		}
		t.partial = t.partial[:0]
		rest = rest[i+1:]
	}
}

// Flush writes the last line when it has no line break.
func (t *TerminalWriter) Flush() error {
	if len(t.partial) == 0 {
		return nil
	}
	err := t.writeLine(t.partial, "")
	t.partial = t.partial[:0]
	return err
}

func (t *TerminalWriter) writeLine(line []byte, end string) error {
	if n := len(line); n > 0 && line[n-1] == '\r' && end == "\n" { // CRLF: a line break, not content
		line, end = line[:n-1], "\r"+end
	}
	var out string
	switch {
	case t.json && leadingCommand(string(line)) < 0: // a JSON line starts with '{'
		out = string(JSON(line))
	case linkIsPlain(string(line)) && leadingCommand(string(line)) < 0:
		out = string(line)
	default:
		out = escape(string(line))
	}
	_, err := io.WriteString(t.w, out+end)
	return err
}

// CSVCell returns a text cell of a CSV report (links, reconcile) as a
// spreadsheet may read it: a cell starting with '=', '+', '-', '@', a tab
// or a carriage return is a formula to Excel, LibreOffice and Sheets
// (=HYPERLINK(…) in a product name, a redirect URL or a UTM value), so it
// gets a leading "'" (OWASP's rule for CSV injection), which spreadsheets
// show as text. A number such as -12.50 or +1e3 is left as it is: it is no
// formula, and a negative amount must stay a number. Never for build -i's
// rows, which are the user's data, byte for byte.
func CSVCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isNumber(s) {
		return s
	}
	return "'" + s
}

// isNumber reports whether s is a plain decimal number: a sign, digits,
// a point, an exponent; not "inf" or "NaN", which ParseFloat also takes.
func isNumber(s string) bool {
	if strings.Trim(s, "+-.0123456789eE") != "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
