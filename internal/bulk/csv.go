package bulk

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// Column roles in a CSV header. Parameter columns are their link.ID (>= 0).
const (
	colOther  = -1 - iota // passed through untouched
	colURL                // the payment link
	colPreset             // the row's preset
	colLink               // replaced by the built link (a re-run of an output)
	colError              // replaced by the row's error
)

const (
	linkColumn  = "link"
	errorColumn = "error"
)

// readHeader reads the header row of a CSV input.
func (r *runner) readHeader(in io.Reader) error {
	r.cr = csv.NewReader(in)
	r.cr.ReuseRecord = true // one record slice for the whole run; rows copy the fields
	r.src.limitRecord(0)
	header, err := r.cr.Read()
	if err == io.EOF && !r.src.cut {
		return &InputError{1, "no header row; a CSV input starts with a header naming its columns, url among them"}
	}
	if err != nil {
		return r.csvError(err, header)
	}
	if err := r.endRecord(); err != nil {
		return err
	}
	line, _ := r.cr.FieldPos(0) // 1 unless blank lines come first
	return r.setHeader(header, line)
}

// readCSV is the reader of a CSV input's rows.
func (r *runner) readCSV() error {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF && !r.src.cut {
			return nil
		}
		if err != nil {
			return r.csvError(err, rec)
		}
		if err := r.endRecord(); err != nil {
			return err
		}
		line, _ := r.cr.FieldPos(0)
		rw := r.next(line)
		b := r.cur
		start := len(b.fields)
		b.fields = append(b.fields, rec...)
		rw.rec = b.fields[start:len(b.fields):len(b.fields)]
		for i, role := range r.roles {
			switch {
			case role >= 0:
				rw.setValue(link.ID(role), rec[i])
			case role == colURL:
				rw.url = rec[i]
			case role == colPreset:
				rw.setPreset(rec[i])
			}
		}
	}
}

// setHeader reads the column names, refusing a header without a url column
// or with a value column twice, and writes the output's header.
func (r *runner) setHeader(header []string, line int) error {
	r.header = make([]string, len(header))
	copy(r.header, header) // the reader reuses its record
	r.linkCol, r.errCol = -1, -1
	roles := make([]int, len(header))
	seen := map[string]int{} // the column of each name matched
	lookalikes := 0
	for i, name := range r.header {
		name = matchName(name)
		roles[i] = role(name)
		if roles[i] == colOther {
			if want, ok := lookalike(name); ok {
				lookalikes++
				if lookalikes <= maxLookalikeNotes {
					r.cur.notes = append(r.cur.notes, note{line, lookalikeMessage("column", r.header[i], want)})
				}
			}
			continue
		}
		if first, ok := seen[name]; ok {
			return &InputError{line, twiceMessage("column", r.header[first], r.header[i], "header")}
		}
		seen[name] = i
		switch roles[i] {
		case colLink:
			r.linkCol = i
		case colError:
			r.errCol = i
		}
	}
	if more := lookalikes - maxLookalikeNotes; more > 0 {
		r.cur.notes = append(r.cur.notes, note{line, fmt.Sprintf("%d more columns look like parameters and pass through unchanged", more)})
	}
	if _, ok := seen["url"]; !ok {
		return &InputError{line, fmt.Sprintf("no url column in the header %q; name the column of payment links url", strings.Join(r.header, ","))}
	}
	switch r.cfg.Output {
	case CSV:
		out := r.header
		if r.linkCol < 0 {
			out = append(out[:len(out):len(out)], linkColumn)
		}
		if r.errCol < 0 {
			out = append(out[:len(out):len(out)], errorColumn)
		}
		r.outHeader = out
	case JSONL:
		r.keys = make([][]byte, len(r.header))
		for i, name := range r.header {
			r.keys[i] = append(appendJSONString(nil, name), ':')
		}
	}
	r.roles = roles
	return nil
}

// foldASCII lower-cases the ASCII letters of a column name, so that
// UTM_Campaign is utm_campaign rather than a column passed through while the
// link is built without its campaign. Only ASCII: the names it must match
// are ASCII, and Unicode case rules would make "utm_campaİgn" match too.
func foldASCII(name string) string {
	for i := 0; i < len(name); i++ {
		if c := name[i]; 'A' <= c && c <= 'Z' {
			b := []byte(name)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return name
}

// role is the role of a column, by its name as matchName makes it.
func role(name string) int {
	switch name {
	case "url":
		return colURL
	case PresetColumn:
		return colPreset
	case linkColumn:
		return colLink
	case errorColumn:
		return colError
	}
	if p, ok := link.Lookup(name); ok {
		return int(p.ID)
	}
	return colOther
}

// quoteHint ends the message of a quoting error.
const quoteHint = "quote a field that holds '\"' and double each '\"' inside it"

// csvError names the line of a CSV the reader could not parse.
func (r *runner) csvError(err error, rec []string) error {
	if r.src.cut {
		return r.recordTooLong(err)
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err // an *InputError from the source, or a read error
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return &InputError{pe.StartLine, fmt.Sprintf("%d fields, but the header has %d; every row needs one field per column", len(rec), len(r.header))}
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine < pe.Line:
		// The record ran over several lines, most often because a quote
		// was never closed: the line to look at is where it starts.
		return &InputError{pe.StartLine, fmt.Sprintf("%v at line %d, column %d, in the record that starts here (an unclosed '\"'?); %s", pe.Err, pe.Line, pe.Column, quoteHint)}
	case errors.Is(pe.Err, csv.ErrBareQuote), errors.Is(pe.Err, csv.ErrQuote):
		return &InputError{pe.Line, fmt.Sprintf("column %d: %v; %s", pe.Column, pe.Err, quoteHint)}
	}
	return &InputError{pe.Line, fmt.Sprintf("column %d: %v", pe.Column, pe.Err)}
}

// endRecord checks the size of the record just read and starts the bound of
// the next one where it ends.
func (r *runner) endRecord() error {
	end := r.cr.InputOffset()
	if end-r.src.recStart > maxRecord || r.src.cut {
		if r.src.err != nil {
			return r.src.err // a line over MaxLine, the more precise report
		}
		return r.recordTooLong(nil)
	}
	r.src.limitRecord(end)
	return nil
}

// tooLong is the message of a record over maxRecord bytes.
const tooLong = "a record over 1 MiB (with any blank lines before it), the most paylink reads in one record"

// recordTooLong is the error of a CSV record cut at its bound (see
// source.limitRecord), given what the csv.Reader made of the input ending
// there: most often a quoted field left open, reported from the line where
// its record starts.
func (r *runner) recordTooLong(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return &InputError{pe.StartLine, "a quoted field runs past 1 MiB (an unclosed '\"'?), the most paylink reads in one record; " + quoteHint}
	case errors.As(err, &pe):
		return &InputError{pe.StartLine, tooLong}
	case err == nil: // a record read whole
		line, _ := r.cr.FieldPos(0)
		return &InputError{line, tooLong}
	}
	// Only blank lines were read since the last record.
	return &InputError{r.src.lines.Line(), "over 1 MiB of blank lines; remove them"}
}

// writeCSVRow writes a row read from CSV in the output format.
func (r *runner) writeCSVRow(rw *row) {
	switch r.cfg.Output {
	case CSV:
		r.buf = r.appendCSVRow(r.buf[:0], rw)
		r.write(r.buf)
	case JSONL:
		b := append(r.buf[:0], '{')
		for i, v := range rw.rec {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, r.keys[i]...)
			switch i {
			case r.linkCol:
				b = appendJSONString(b, rw.link)
			case r.errCol:
				b = appendJSONError(b, rw.err)
			default:
				b = appendJSONString(b, v)
			}
		}
		b = r.appendResult(b, len(rw.rec) > 0, r.linkCol < 0, r.errCol < 0, rw)
		r.buf = b
		r.write(b)
	default:
		r.writeLink(rw)
	}
}

// appendCSVRow appends a row read from CSV with its link and error, in the
// columns of that name or after the others.
func (r *runner) appendCSVRow(b []byte, rw *row) []byte {
	urlSpecial := hasCSVSpecial(rw.url)
	for i, field := range rw.rec {
		if i > 0 {
			b = append(b, ',')
		}
		switch i {
		case r.linkCol:
			b = appendLink(b, rw.link, urlSpecial)
		case r.errCol:
			b = appendCSVField(b, rw.err)
		default:
			b = appendCSVField(b, field)
		}
	}
	if r.linkCol < 0 {
		b = appendLink(append(b, ','), rw.link, urlSpecial)
	}
	if r.errCol < 0 {
		b = appendCSVField(append(b, ','), rw.err)
	}
	return append(b, '\n')
}

// writeCSV writes one record.
func (r *runner) writeCSV(rec []string) {
	r.buf = appendCSVRecord(r.buf[:0], rec)
	r.write(r.buf)
}
