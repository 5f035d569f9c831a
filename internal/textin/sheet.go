package textin

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Cell is one value of a sheet's column and where it is: its line and the
// column, counted in bytes from 1, where the cell starts (at its opening
// quote when it has one).
type Cell struct {
	Value        string
	Line, Column int
}

// SheetError is a sheet that cannot be read as one, at Line (0: the input
// as a whole).
type SheetError struct {
	Line int
	Msg  string
}

func (e *SheetError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// EachCell calls fn with each row's cell of the first of columns that br,
// a CSV file with a header row or JSON Lines, has (names compared ignoring
// spaces around them and the case of ASCII letters, as build -i compares
// them): validate -i reads the link column of the file build -i wrote, or
// the url column of the sheet it read. A row whose cell is empty, null or
// missing is skipped, as a blank line is; so is a blank line. Lines may be
// up to MaxLine long.
func EachCell(br *bufio.Reader, format Format, columns []string, fn func(Cell) error) error {
	if format == JSONL {
		return eachJSONCell(br, columns, fn)
	}
	return eachCSVCell(br, columns, fn)
}

func eachCSVCell(br *bufio.Reader, columns []string, fn func(Cell) error) error {
	cr := csv.NewReader(Limit(br, MaxLine))
	cr.FieldsPerRecord = -1 // a short row has no cell: skipped
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return csvSheetError(err)
	}
	col := -1
	for _, name := range columns {
		if col = indexFold(header, name); col >= 0 {
			break
		}
	}
	if col < 0 {
		return &SheetError{1, fmt.Sprintf("no %s column in the header %q; name the column of links %s",
			strings.Join(columns, " or "), strings.Join(header, ","), columns[0])}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvSheetError(err)
		}
		if col >= len(rec) || strings.TrimSpace(rec[col]) == "" {
			continue
		}
		line, column := cr.FieldPos(col)
		if err := fn(Cell{rec[col], line, column}); err != nil {
			return err
		}
	}
}

// indexFold is the index of the first of names that is s, ignoring case
// and the white space around either; -1 for none.
func indexFold(names []string, s string) int {
	for i, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(s)) {
			return i
		}
	}
	return -1
}

func csvSheetError(err error) error {
	var long *LineTooLongError
	var pe *csv.ParseError
	switch {
	case errors.As(err, &long):
		return &SheetError{long.Line, long.Reason()}
	case errors.As(err, &pe):
		return &SheetError{pe.Line, pe.Err.Error()}
	}
	return err
}

func eachJSONCell(br *bufio.Reader, columns []string, fn func(Cell) error) error {
	err := EachLine(br, MaxLine, func(n int, line []byte) error {
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		c, err := jsonCell(line, columns)
		if err != nil {
			return &SheetError{n, err.Error()}
		}
		if strings.TrimSpace(c.Value) == "" {
			return nil
		}
		c.Line = n
		return fn(c)
	})
	var long *LineTooLongError
	if errors.As(err, &long) {
		return &SheetError{long.Line, long.Reason()}
	}
	return err
}

// jsonCell finds, in one JSON object, the value of the first of columns it
// has, and the column where that value starts.
func jsonCell(line []byte, columns []string) (Cell, error) {
	notObject := fmt.Errorf("not a JSON object with a %s key", strings.Join(columns, " or "))
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Cell{}, notObject
	}
	best, found := len(columns), Cell{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Cell{}, notObject
		}
		key, _ := tok.(string)
		afterKey := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return Cell{}, notObject
		}
		i := indexFold(columns, key)
		if i < 0 || i >= best {
			continue
		}
		var v *string
		if err := json.Unmarshal(raw, &v); err != nil {
			return Cell{}, fmt.Errorf("%q: %s is not a JSON string", key, raw)
		}
		best, found = i, Cell{Column: valueStart(line, afterKey) + 1}
		if v != nil {
			found.Value = *v
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return Cell{}, notObject
	}
	return found, nil
}

// valueStart is the offset of the value after a key ending at afterKey:
// past the white space and the colon between them.
func valueStart(line []byte, afterKey int) int {
	i := afterKey
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == ':') {
		i++
	}
	return i
}
