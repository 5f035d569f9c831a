package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/diff"
	"golang.org/x/text/encoding/unicode"

	"github.com/paylink/paylink/internal/atomicfile"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/printers"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/scan"
)

// fileEdit is one repair of a file: on line (1-based), the bytes
// [start, end) of the line as read (UTF-8, no line ending), which read old,
// replaced by text.
type fileEdit struct {
	line, start, end int
	old, text        string
}

// repairs works out the safe repairs of a link a scan found: link.Mend's,
// for a link whose host is a payment host (no repair ever touches a host,
// and a link on a lookalike gets none), mapped back to the bytes of its
// line. It returns them as the printers show them, the link once repaired,
// and the file edits they make.
//
// "&amp;" is repaired only in a file that is not markup: in HTML or
// Markdown, one left as written (in a <script>, a code fence) may be an
// example of HTML source, where "&amp;" is right.
func (v *validator) repairs(file string, at scan.Found, ps []*link.Problem) ([]printers.Fix, string, []fileEdit) {
	if at.HostTemplate.Written != "" || slices.ContainsFunc(ps, func(p *link.Problem) bool { return p.Param == "" && p.Rule != link.RuleLinkHTTP }) {
		return nil, "", nil
	}
	joined := at.Joined
	if joined == "" {
		joined = at.Link
	}
	syntax := scan.SyntaxOf(file)
	fixes := link.Mend(joined, link.MendOptions{Lowercase: v.opts.Lowercase, Keep: scan.Templated, Aliases: v.aliases(),
		Markup: syntax == scan.Markup || syntax == scan.Markdown})
	if len(fixes) == 0 {
		return nil, "", nil
	}
	span, ok := at.Written.Spans(joined)
	if !ok {
		return nil, "", nil
	}
	var shown []printers.Fix
	var edits []fileEdit
	var fixed strings.Builder
	prev := 0
	for _, f := range fixes {
		from, to := span(f.Start, f.End)
		rel := at.Written.Text[:from-at.Written.Start]
		startUTF16 := at.ColumnUTF16 + utf16Len(rel)
		shown = append(shown, printers.Fix{Fix: f, Line: at.Line, StartUTF16: startUTF16,
			EndUTF16: startUTF16 + utf16Len(at.Written.Text[from-at.Written.Start:to-at.Written.Start])})
		edits = append(edits, fileEdit{line: at.Line, start: from, end: to, old: at.Written.Text[from-at.Written.Start : to-at.Written.Start], text: f.Text})
		fixed.WriteString(joined[prev:f.Start])
		fixed.WriteString(f.Text)
		prev = f.End
	}
	fixed.WriteString(joined[prev:])
	return shown, fixed.String(), edits
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// aliases are the config's aliases, which --fix writes as build does.
func (v *validator) aliases() link.Aliases {
	if v.opts.Policy == nil {
		return nil
	}
	return v.opts.Policy.Aliases
}

// repaired reports whether the fixes mend p: a fix of p's parameter for
// p's rule (a UTM code's characters and its case are one repair), or, for
// a link cut by a space, a fix that joins it again.
func repaired(p *link.Problem, fixes []printers.Fix, at scan.Found) bool {
	for _, f := range fixes {
		switch {
		case p.Rule == link.RuleLinkCut:
			if f.Start <= len(at.Link) && f.End >= len(at.Link)+len(at.Written.Gap) {
				return true
			}
		case p.Param == f.Param && (p.Rule == f.Rule ||
			p.Rule == link.RuleUTMNotLowercase && f.Rule == link.RuleUTMInvalidChars ||
			// An alias writes a value Stripe records, in the config's case.
			(p.Rule == link.RuleUTMInvalidChars || p.Rule == link.RuleUTMNotLowercase) && f.Rule == link.RuleAlias):
			return true
		}
	}
	return false
}

// applyEdits writes the edits of one file into it (with --fix) or prints
// them as a unified diff (with --diff). The file keeps its encoding (UTF-8
// with or without a byte-order mark, UTF-16 with one), its line endings
// and its mode, and is replaced atomically; one reached through a symbolic
// link leading out of the scanned paths is left alone.
func (v *validator) applyEdits(path string, edits []fileEdit) error {
	target, err := v.fixTarget(path)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(target)
	if err != nil {
		return fileError("repair", err, false)
	}
	enc, text, err := decodeText(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	mended, err := editLines(text, edits)
	if err != nil {
		return fmt.Errorf("%s: %w; it was left as it was", path, err)
	}
	if v.opts.Diff {
		name := strings.TrimPrefix(filepath.ToSlash(path), "/")
		out := io.Writer(v.opts.IO.Out)
		if v.opts.IO.IsStdoutTTY() {
			// On a terminal the diff is a display: a context line's
			// escape sequence or "::" command must not act. To a pipe
			// (git apply) it stays byte for byte.
			tw := safe.NewTerminalWriter(out, false)
			defer tw.Flush()
			out = tw
		}
		_, err := out.Write(diff.Diff(gitQuote("a/"+name), []byte(text), gitQuote("b/"+name), []byte(mended)))
		return err
	}
	out, err := encodeText(enc, mended)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return atomicfile.WriteFile(target, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}

// fixTarget is the file to rewrite for path: path itself, or the file a
// symbolic link leads to when that file is inside one of the scanned
// paths. A link out of them (a checkout's link to a system file) is never
// written through.
func (v *validator) fixTarget(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fileError("repair", err, false)
	}
	if real == filepath.Clean(path) {
		return path, nil
	}
	realAbs, _ := filepath.Abs(real)
	for _, root := range v.roots() {
		r, err := filepath.EvalSymlinks(root)
		if err != nil {
			continue
		}
		r, _ = filepath.Abs(r)
		if realAbs == r || strings.HasPrefix(realAbs, r+string(filepath.Separator)) {
			return real, nil
		}
	}
	return "", fmt.Errorf("%s: not repaired: it is a symbolic link to %s, outside the scanned paths", path, safe.Quote(real))
}

// textEncoding is how a file's text is stored.
type textEncoding int

const (
	encUTF8 textEncoding = iota
	encUTF8BOM
	encUTF16LE
	encUTF16BE
)

var errNoBOM = errors.New("UTF-16 without a byte-order mark is not repaired (its byte order is a guess); save it with one, or as UTF-8")

// decodeText reads a file's bytes as text, saying how they were stored.
func decodeText(data []byte) (textEncoding, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8BOM, string(data[3:]), nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(encUTF16LE, unicode.LittleEndian, data)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(encUTF16BE, unicode.BigEndian, data)
	case len(data) >= 2 && (data[0] == 0 || data[1] == 0):
		return 0, "", errNoBOM
	}
	return encUTF8, string(data), nil
}

// errBadUTF16 refuses a UTF-16 file that would not be written back as it
// was: its decoder turns an odd last byte or a lone surrogate into U+FFFD,
// so a repair would change bytes besides the link's.
var errBadUTF16 = errors.New("UTF-16 with an odd number of bytes or a lone surrogate is not repaired (writing it back would change more than the link); fix the file's encoding first")

// decodeUTF16 decodes data, byte-order mark first, as enc, refusing a file
// its text would not encode back to byte for byte.
func decodeUTF16(enc textEncoding, order unicode.Endianness, data []byte) (textEncoding, string, error) {
	s, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return enc, "", err
	}
	if back, err := encodeText(enc, string(s)); err != nil || !bytes.Equal(back, data) {
		return enc, "", errBadUTF16
	}
	return enc, string(s), nil
}

// encodeText stores text as enc says, byte-order mark included.
func encodeText(enc textEncoding, text string) ([]byte, error) {
	switch enc {
	case encUTF8BOM:
		return append([]byte{0xEF, 0xBB, 0xBF}, text...), nil
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	}
	return []byte(text), nil
}

// editLines makes the edits in text, line by line as scan.Lines numbers
// them; every line ending stays as it was. An edit whose bytes no longer
// read as they did when scanned (the file changed meanwhile) fails it all.
func editLines(text string, edits []fileEdit) (string, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		return edits[i].line < edits[j].line || edits[i].line == edits[j].line && edits[i].start < edits[j].start
	})
	var b strings.Builder
	n, k := 0, 0
	for rest := text; rest != "" && k < len(edits); {
		n++
		line, after, nl := strings.Cut(rest, "\n")
		body := strings.TrimSuffix(line, "\r")
		at := 0
		for ; k < len(edits) && edits[k].line == n; k++ {
			e := edits[k]
			if e.start < at || e.end > len(body) || body[e.start:e.end] != e.old {
				return "", fmt.Errorf("line %d changed since it was scanned", n)
			}
			b.WriteString(body[at:e.start])
			b.WriteString(e.text)
			at = e.end
		}
		b.WriteString(line[at:])
		if nl {
			b.WriteByte('\n')
		}
		rest = after
		if k == len(edits) {
			b.WriteString(rest)
		}
	}
	if k < len(edits) {
		return "", fmt.Errorf("line %d changed since it was scanned", edits[k].line)
	}
	return b.String(), nil
}

// gitQuote quotes a file name of a diff header as git does (core.quotePath):
// one holding a control character, a quote, a backslash or a byte over
// 0x7f goes in double quotes with C escapes, which git apply reads back. A
// name is then one line, and shows no escape sequence and no "::" command.
func gitQuote(name string) string {
	if !strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r >= 0x7f || r == '"' || r == '\\' }) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
