package bulk

import (
	"unicode"
	"unicode/utf8"
)

// CSV output is written as encoding/csv's Writer writes it (Comma ',',
// UseCRLF false), byte for byte — TestCSVWriterMatchesEncodingCSV and
// FuzzCSV hold it to that. It is done here so that the link, the longest
// field of every row, need not be scanned: see appendLink.

// csvSpecial holds the bytes that make encoding/csv quote a field.
var csvSpecial = func() (t [256]bool) {
	for _, c := range []byte{',', '"', '\r', '\n'} {
		t[c] = true
	}
	return t
}()

// hasCSVSpecial reports whether s holds a byte that makes a field quoted.
func hasCSVSpecial(s string) bool {
	for i := 0; i < len(s); i++ {
		if csvSpecial[s[i]] {
			return true
		}
	}
	return false
}

// fieldNeedsQuotes is encoding/csv's rule: a special byte, the field `\.`,
// or a field starting with a Unicode space.
func fieldNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` || hasCSVSpecial(field) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// appendCSVField appends one field, quoted when encoding/csv would quote
// it, with each '"' inside doubled.
func appendCSVField(b []byte, field string) []byte {
	if !fieldNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for i := 0; i < len(field); i++ {
		if field[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, field[i])
	}
	return append(b, '"')
}

// appendCSVRecord appends a record and its newline.
func appendCSVRecord(b []byte, rec []string) []byte {
	for i, field := range rec {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, field)
	}
	return append(b, '\n')
}

// appendLink appends a built link. A link is made of its url's bytes and of
// bytes that never need quoting (parameter names, '=', '&' and checked or
// percent-encoded values) and starts with "https://", so it needs quoting
// only if its url holds a special byte; only then is it scanned.
func appendLink(b []byte, built string, urlSpecial bool) []byte {
	if !urlSpecial {
		return append(b, built...)
	}
	return appendCSVField(b, built)
}
