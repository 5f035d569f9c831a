package scan

import (
	"bytes"
	"html"
	"slices"
	"strings"
)

// schemeReplacement is a scheme written with character references,
// line[at:at+oldLen], written out plainly in newLen bytes.
type schemeReplacement struct{ at, oldLen, newLen int }

// schemeReplacements are those of one line, in order.
type schemeReplacements []schemeReplacement

// plainSchemes returns line with every scheme that is written with
// character references ("https&#58;&#47;&#47;", "&#104;ttps://"), outside
// spans, written out ("https://"), and the replacements made; nil when
// there is none, and line as it is.
func plainSchemes(line string, spans []span) (string, schemeReplacements) {
	if !slices.ContainsFunc(schemeRefMarks, func(m string) bool { return strings.Contains(line, m) }) {
		return line, nil // most references are &amp;, &lt; and the like
	}
	decoded, at := decodeWithOffsets(line)
	var reps schemeReplacements
	var b strings.Builder
	prev := 0
	for j := 0; ; {
		s := indexScheme(decoded, j)
		if s < 0 {
			break
		}
		n := schemeLen(decoded[s:])
		j = s + max(n, 1)
		if n == 0 || at[s] < prev {
			continue // JSON's escaped slashes: the raw search reads them
		}
		from, to := at[s], at[s+n]
		if strings.IndexByte(line[from:to], '&') < 0 || inSpans(spans, from) {
			continue // written plainly, or in code no browser decodes
		}
		b.WriteString(line[prev:from])
		b.WriteString(decoded[s : s+n])
		reps = append(reps, schemeReplacement{at: from, oldLen: to - from, newLen: n})
		prev = to
	}
	if reps == nil {
		return line, nil
	}
	b.WriteString(line[prev:])
	return b.String(), reps
}

// decodeWithOffsets is line with its character references decoded, and
// for each byte of it the offset in line of what it was read from, the
// length of line at the end.
func decodeWithOffsets(line string) (string, []int) {
	var dec bytes.Buffer
	at := make([]int, 0, len(line)+1)
	for i := 0; i < len(line); {
		n := refLen(line[i:])
		if n == 0 {
			dec.WriteByte(line[i])
			at = append(at, i)
			i++
			continue
		}
		for _, c := range []byte(html.UnescapeString(line[i : i+n])) {
			dec.WriteByte(c)
			at = append(at, i)
		}
		i += n
	}
	return dec.String(), append(at, len(line))
}

// toPlain maps an offset in the line as written, outside the replaced
// schemes, to the same place in the plain line.
func (reps schemeReplacements) toPlain(p int) int {
	shift := 0
	for _, r := range reps {
		if p < r.at+r.oldLen {
			break
		}
		shift += r.newLen - r.oldLen
	}
	return p + shift
}

// toWritten maps an offset in the plain line to the line as written: a
// place inside a replaced scheme to its start.
func (reps schemeReplacements) toWritten(q int) int {
	shift := 0
	for _, r := range reps {
		start := r.at + shift
		switch {
		case q < start:
			return q - shift
		case q < start+r.newLen:
			return r.at
		}
		shift += r.newLen - r.oldLen
	}
	return q - shift
}

// spansIn is spans, offsets of the written line, in the plain line.
func (reps schemeReplacements) spansIn(spans []span) []span {
	out := make([]span, len(spans))
	for i, s := range spans {
		out[i] = span{reps.toPlain(s.from), reps.toPlain(s.to)}
	}
	return out
}

// toRaw maps candidates found in the plain line back to line, as written:
// offsets, and the text Written maps a repair into. One whose scheme was
// replaced but is not read as a browser reads it (Markdown code) is no
// link, and is dropped.
func (reps schemeReplacements) toRaw(line string, cands []Candidate) []Candidate {
	out := cands[:0]
	for _, c := range cands {
		start := reps.toWritten(c.Start)
		replaced := false
		for _, r := range reps {
			replaced = replaced || r.at == start
		}
		if replaced && !c.decode {
			continue
		}
		c.Start, c.End = start, reps.toWritten(c.End)
		end := c.End
		if c.CutEnd > 0 {
			c.CutEnd = reps.toWritten(c.CutEnd)
			end = max(end, c.CutEnd)
		}
		c.text = line[c.Start:end]
		out = append(out, c)
	}
	return out
}
