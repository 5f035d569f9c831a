package table

import "strings"

// Lines is a table without a header whose rows are written to it as
// lines of tab-separated cells ("label\tvalue\n"), as fmt.Fprintf writes
// them: a list of facts, aligned as any table, widths measured the same.
type Lines struct{ Table }

// NewLines returns an empty list of columns cells a row.
func NewLines(columns int) *Lines {
	return &Lines{Table{Columns: make([]Column, columns), NoHeader: true}}
}

// Write adds a row for each line of p; p must hold whole lines.
func (l *Lines) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSuffix(string(p), "\n"), "\n") {
		l.Rows = append(l.Rows, strings.SplitN(line, "\t", len(l.Columns)))
	}
	return len(p), nil
}
