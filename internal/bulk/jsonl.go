package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paylink/paylink/internal/link"
)

// member is one key of a JSON object, as raw JSON slices of the line.
type member struct {
	key, value []byte // raw JSON: the key with its quotes, the value as written
	name       string // the decoded key
}

// readJSONL is the reader of JSON Lines: one object a line. Keys other than
// url, preset and the parameters pass through as raw JSON, in their order. A
// blank line is no row.
func (r *runner) readJSONL(in *bufio.Reader) error {
	return eachLine(in, func(n int, b []byte) error {
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			return nil
		}
		// The row keeps its own copy of the line: the reader's buffer moves on.
		members, err := parseObject(bytes.Clone(b), nil)
		if err != nil {
			return &InputError{n, err.Error()}
		}
		if !slices.ContainsFunc(members, func(m member) bool { return m.name == "url" || matchName(m.name) == "url" }) {
			return &InputError{n, `no "url" key; each object needs the payment link under "url"`}
		}
		rw := r.next(n)
		rw.members = members
		rw.badUTF8 = !utf8.Valid(b)
		rw.setMembers(members)
		r.noteLookalikeKeys(n, members)
		return nil
	})
}

// setMembers takes the row's values from its keys; a bad value fails the
// row.
func (rw *row) setMembers(members []member) {
	var seen [link.NumParams + 2]*member // the parameters, url and preset
	for i, m := range members {
		slot, ok := slotOf(m.name)
		if !ok {
			continue
		}
		if first := seen[slot]; first != nil {
			rw.failf("%s", twiceMessage("key", first.name, m.name, "object"))
			continue
		}
		seen[slot] = &members[i]
		v, isString := jsonString(m.value)
		switch {
		case !isString && string(m.value) != "null":
			rw.failf("%s: %s is not a JSON string", m.name, m.value)
		case slot < link.NumParams:
			rw.setValue(link.ID(slot), v)
		case slot == link.NumParams+1:
			rw.setPreset(v)
		default:
			rw.url = v
			if !utf8.ValidString(v) {
				rw.failf("url %q: not valid UTF-8; save the input as UTF-8", v)
			}
		}
	}
}

// slotOf places a key among the parameters, then url, then preset,
// matched as CSV column names are (matchName).
func slotOf(name string) (int, bool) {
	name = matchName(name)
	switch name {
	case "url":
		return link.NumParams, true
	case PresetColumn:
		return link.NumParams + 1, true
	}
	if p, ok := link.Lookup(name); ok {
		return int(p.ID), true
	}
	return 0, false
}

// writeJSONRow writes a row read from JSON Lines in the output format.
func (r *runner) writeJSONRow(rw *row) {
	if r.cfg.Output != JSONL {
		r.writeLink(rw) // Check refuses csv output for JSON Lines input
		return
	}
	members := rw.members
	b := append(r.buf[:0], '{')
	hasLink, hasErr := false, false
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRaw(b, m.key, rw.badUTF8)
		b = append(b, ':')
		switch m.name {
		case linkColumn:
			b, hasLink = appendJSONString(b, rw.link), true
		case errorColumn:
			b, hasErr = appendJSONError(b, rw.err), true
		default:
			b = appendRaw(b, m.value, rw.badUTF8)
		}
	}
	b = r.appendResult(b, len(members) > 0, !hasLink, !hasErr, rw)
	r.buf = b
	r.write(b)
}

// appendRaw appends a raw JSON key or value of the input as it was written,
// unless the line holds bytes that are not UTF-8 (badUTF8) and this value is
// one with them: output is always UTF-8. Such a value is written with each
// invalid byte as \ufffd, which is what a JSON decoder makes of it; the
// rest of it keeps its bytes. Every byte outside a JSON string is ASCII (the
// line is valid JSON), so the invalid ones are all inside strings, where the
// six bytes \ufffd are a valid escape.
func appendRaw(b, raw []byte, badUTF8 bool) []byte {
	if !badUTF8 || utf8.Valid(raw) {
		return append(b, raw...)
	}
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, raw[:size]...)
		}
		raw = raw[size:]
	}
	return b
}

// appendResult ends an output object with the link and error keys it does
// not have yet.
func (r *runner) appendResult(b []byte, comma, addLink, addErr bool, rw *row) []byte {
	if addLink {
		if comma {
			b = append(b, ',')
		}
		b = append(b, `"link":`...)
		b = appendJSONString(b, rw.link)
		comma = true
	}
	if addErr {
		if comma {
			b = append(b, ',')
		}
		b = append(b, `"error":`...)
		b = appendJSONError(b, rw.err)
	}
	return append(b, '}', '\n')
}

// appendJSONError writes a row's error: null when there is none, so that
// `jq 'select(.error)'` finds the failed rows.
func appendJSONError(b []byte, msg string) []byte {
	if msg == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, msg)
}

// appendJSONString writes s as a JSON string. '&', '<' and '>' stay as they
// are (a link's '&' is not written \u0026); invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		i++
	}
	return append(b, '"')
}

// jsonString decodes a raw JSON string value. ok is false for any other
// JSON value. Invalid UTF-8 is kept as it is, for the row to report.
func jsonString(raw []byte) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 || !utf8.Valid(inner) {
		return string(inner), true // nothing to decode, or bytes to report as they are
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return string(inner), true
	}
	return s, true
}

// parseObject splits one JSON Lines line into the members of its object.
// The line is validated first, so the scan that follows can trust the
// grammar; it still checks every index, so no input makes it panic.
func parseObject(b []byte, members []member) ([]member, error) {
	if !json.Valid(b) {
		var raw json.RawMessage
		err := json.Unmarshal(b, &raw)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if b[0] != '{' {
		return nil, fmt.Errorf("a JSON %s, not an object; each line must be one object such as {\"url\": \"https://buy.stripe.com/...\"}", kindOf(b[0]))
	}
	i := skipSpace(b, 1)
	if i < len(b) && b[i] == '}' {
		return members, nil
	}
	for i < len(b) {
		kEnd := scanString(b, i)
		if kEnd < 0 {
			break
		}
		key := b[i:kEnd]
		i = skipSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			break
		}
		i = skipSpace(b, i+1)
		vEnd := scanValue(b, i)
		if vEnd < 0 {
			break
		}
		name, _ := jsonString(key)
		members = append(members, member{key: key, value: b[i:vEnd], name: name})
		i = skipSpace(b, vEnd)
		if i < len(b) && b[i] == '}' {
			return members, nil
		}
		if i >= len(b) || b[i] != ',' {
			break
		}
		i = skipSpace(b, i+1)
	}
	return nil, errors.New("invalid JSON object")
}

func kindOf(c byte) string {
	switch c {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanString returns the end of the JSON string starting at b[i], or -1.
func scanString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// scanValue returns the end of the JSON value starting at b[i], or -1.
func scanValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return scanString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end := scanString(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && strings.IndexByte(",}] \t\r\n", b[j]) < 0 {
		j++
	}
	return j
}
