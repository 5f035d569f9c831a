package scan

import (
	"html"
	"strings"
)

// mapped is text read from a line with, for each of its bytes, where in
// the line it was written: at[i] is the offset of the written bytes s[i]
// was read from, and at[len(s)] where the written text ends.
type mapped struct {
	s  []byte
	at []int
}

func (m *mapped) push(c byte, at int) {
	m.s = append(m.s, c)
	m.at = append(m.at, at)
}

// Written is where a link was found as written in its line, and how it
// was read, so that a change to the link (Found.Joined) can be made to
// the bytes of the line it came from.
type Written struct {
	Text         string // the bytes of the line from Start to End (or CutEnd)
	Start, End   int    // the link in the line
	Gap          string // for a link cut by a space, the white space
	CutEnd       int    // and where the rest of its query ends
	decode       bool   // character references decoded
	encodeSpaces bool   // spaces written as %20
}

// Written is where c was found in its line.
func (c Candidate) Written() Written {
	return Written{Text: c.text, Start: c.Start, End: c.End, Gap: c.Gap, CutEnd: c.CutEnd, decode: c.decode, encodeSpaces: c.encodeSpaces}
}

// Spans maps the byte offsets of joined (the link as read, Found.Joined)
// to offsets in its line: span(from, to) is the part of the line those
// bytes were written as. ok is false when Text does not read as joined.
func (w Written) Spans(joined string) (span func(from, to int) (int, int), ok bool) {
	end := w.End
	if w.CutEnd > 0 {
		end = w.CutEnd
	}
	if w.Start < 0 || w.Start > w.End || w.End > end || len(w.Text) != end-w.Start {
		return nil, false
	}
	m := w.read(w.Text[:w.End-w.Start], w.Start, true)
	if w.CutEnd > 0 {
		for i := 0; i < len(w.Gap); i++ {
			m.push(w.Gap[i], w.End+i)
		}
		cut := w.read(w.Text[w.End-w.Start+len(w.Gap):], w.End+len(w.Gap), false)
		m.s, m.at = append(m.s, cut.s...), append(m.at, cut.at[:len(cut.s)]...)
	}
	m.at = append(m.at, end)
	if string(m.s) != joined {
		return nil, false
	}
	return func(from, to int) (int, int) { return m.at[from], m.at[to] }, true
}

// read reads written text as Candidates does: escapes of code strings,
// character references, spaces. Its at has no final entry.
func (w Written) read(text string, base int, escapes bool) mapped {
	m := mapped{}
	for i := 0; i < len(text); {
		n, c := 1, text[i]
		if escapes && c == '\\' {
			n, c = escapeLen(text[i:])
			if n == 0 {
				break
			}
		}
		m.push(c, base+i)
		i += n
	}
	if w.decode {
		m = decodeMapped(m)
	}
	if w.encodeSpaces && strings.IndexByte(string(m.s), ' ') >= 0 {
		out := mapped{}
		for i, c := range m.s {
			if c == ' ' {
				out.push('%', m.at[i])
				out.push('2', m.at[i])
				out.push('0', m.at[i])
				continue
			}
			out.push(c, m.at[i])
		}
		m = out
	}
	return m
}

// escapeLen is the length of the escape s starts with, as cutEscapes
// reads it, and the byte it stands for; 0 for one that ends the link.
func escapeLen(s string) (int, byte) {
	switch {
	case hasPrefixFold(s, `\u0026`):
		return 6, '&'
	case hasPrefixFold(s, `\x26`):
		return 4, '&'
	case hasPrefixFold(s, `\u003d`):
		return 6, '='
	case hasPrefixFold(s, `\x3d`):
		return 4, '='
	case strings.HasPrefix(s, `\/`):
		return 2, '/'
	}
	return 0, 0
}

// decodeMapped is decodeRefs keeping track of where each byte came from.
func decodeMapped(m mapped) mapped {
	s := string(m.s)
	out := mapped{}
	for i := 0; i < len(s); {
		n := refLen(s[i:])
		if n == 0 {
			out.push(s[i], m.at[i])
			i++
			continue
		}
		for _, c := range []byte(html.UnescapeString(s[i : i+n])) {
			out.push(c, m.at[i])
		}
		i += n
	}
	return out
}
