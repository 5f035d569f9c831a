package bulk

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/paylink/paylink/internal/textin"
)

// Sheet reads a CSV sheet one record at a time with the reader of build -i:
// a BOM dropped, UTF-16 refused, a line or record over 1 MiB and bad
// quoting reported as an *InputError with its line. It is for commands
// whose rows are not payment links to build (paylink create), so it
// assigns no column a role: the caller matches the names with ColumnName.
type Sheet struct {
	r *runner
	// Header is the header row, its BOM dropped.
	Header []string
}

// ReadSheet reads the header of the CSV sheet in.
func ReadSheet(in io.Reader) (*Sheet, error) {
	r := &runner{cfg: &Config{Input: CSV, Output: CSV}}
	r.src = newSource(in, nil)
	br, err := textin.Reader(r.src)
	if err != nil {
		return nil, &InputError{1, err.Error()}
	}
	r.cr = csv.NewReader(br)
	r.src.limitRecord(0)
	var header []string
	header, err = r.cr.Read()
	if err == io.EOF && !r.src.cut {
		return nil, &InputError{1, "no header row; a CSV sheet starts with a header naming its columns"}
	}
	if err != nil {
		return nil, r.csvError(err, header)
	}
	if err := r.endRecord(); err != nil {
		return nil, err
	}
	r.header = header
	return &Sheet{r: r, Header: header}, nil
}

// Next returns the next record and the line where it starts; io.EOF after
// the last.
func (s *Sheet) Next() ([]string, int, error) {
	rec, err := s.r.cr.Read()
	if err == io.EOF && !s.r.src.cut {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, s.r.csvError(err, rec)
	}
	if err := s.r.endRecord(); err != nil {
		return nil, 0, err
	}
	line, _ := s.r.cr.FieldPos(0)
	return rec, line, nil
}

// ColumnName is how a column name is matched against the names paylink
// reads, as build -i matches them: "UTM Campaign" is utm_campaign.
func ColumnName(name string) string { return matchName(name) }

// SheetWriter writes CSV records as build -i writes its rows.
type SheetWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewSheetWriter writes records to w; Flush ends it.
func NewSheetWriter(w io.Writer) *SheetWriter {
	return &SheetWriter{w: bufio.NewWriter(w)}
}

// Write writes one record and flushes it: a sheet of links being created
// is slow, and a reader downstream sees each row as it is done.
func (s *SheetWriter) Write(rec []string) error {
	s.buf = appendCSVRecord(s.buf[:0], rec)
	if _, err := s.w.Write(s.buf); err != nil {
		return &OutputError{err}
	}
	if err := s.w.Flush(); err != nil {
		return &OutputError{err}
	}
	return nil
}
