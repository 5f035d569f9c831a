package textin

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Format is how an input's rows are written.
type Format string

const (
	CSV   Format = "csv"   // a header row, then one row a line
	JSONL Format = "jsonl" // one JSON object a line
	Lines Format = "lines" // one link a line
)

// FormatOf tells the format of the input named name whose text (a BOM
// already dropped) starts with head, for every command alike: by the name's
// extension (.csv; .jsonl or .ndjson; .txt), else by the first line: a JSON
// object is jsonl, a CSV header naming a link or url column is csv, and
// anything else is one link a line.
func FormatOf(name string, head []byte) Format {
	if f, ok := FormatByName(name); ok {
		return f
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	first = bytes.TrimSpace(first)
	switch {
	case bytes.HasPrefix(first, []byte("{")):
		return JSONL
	case namesLinkColumn(first):
		return CSV
	}
	return Lines
}

// FormatByName tells the format of the input named name by its extension
// alone: .csv; .jsonl or .ndjson; .txt. ok is false for any other name.
func FormatByName(name string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return CSV, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	case ".txt":
		return Lines, true
	}
	return "", false
}

// namesLinkColumn reports whether line is a CSV header with a column named
// link or url (in any case, spaces around ignored, as build -i matches
// column names).
func namesLinkColumn(line []byte) bool {
	r := csv.NewReader(bytes.NewReader(line))
	r.LazyQuotes = true
	fields, err := r.Read()
	if err != nil {
		return false
	}
	for _, f := range fields {
		if f = strings.TrimSpace(f); strings.EqualFold(f, "link") || strings.EqualFold(f, "url") {
			return true
		}
	}
	return false
}

// sniffLen is how much of an input FormatOf sees: a header row longer than
// this is not one a person wrote.
const sniffLen = 64 << 10

// File is an input opened for reading, its start checked by Start: a file,
// or stdin for "-".
type File struct {
	*bufio.Reader
	Name string // for messages: the file's name, or "stdin"
	// Size is the file's size in bytes when it is a regular file, else -1.
	Size int64

	path   string // as given: "-" for stdin
	closer io.Closer
}

// Open opens the input named name ("-" for stdin) and checks how it starts
// (see Start): it returns ErrUTF16 for UTF-16 text, and os.Open's
// *fs.PathError when the file cannot be opened.
func Open(name string, stdin io.Reader) (*File, error) {
	f := &File{Name: name, Size: -1, path: name, closer: io.NopCloser(nil)}
	r := stdin
	if name == "-" {
		f.Name = "stdin"
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		if fi, err := fh.Stat(); err == nil && fi.Mode().IsRegular() {
			f.Size = fi.Size()
		}
		r, f.closer = fh, fh
	}
	f.Reader = bufio.NewReaderSize(r, sniffLen)
	if err := Start(f.Reader); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Close closes the file; stdin is left open.
func (f *File) Close() error { return f.closer.Close() }

// Format is the file's format by FormatOf. stdin has no name to go by, and
// is one link a line unless told otherwise (a command's --input-format).
func (f *File) Format() Format {
	if f.path == "-" {
		return Lines
	}
	head, _ := f.Peek(sniffLen) // what there is: a short file, or a read error met again later
	return FormatOf(f.path, head)
}

// Bytes checks the start of a whole input read into memory, as Start does
// a stream's: it returns data without a UTF-8 byte-order mark, or ErrUTF16.
func Bytes(data []byte) ([]byte, error) {
	if IsUTF16(data[:min(len(data), 4)]) {
		return nil, ErrUTF16
	}
	return bytes.TrimPrefix(data, bom), nil
}

// Reader returns r ready to be read: the buffered reader of a *File, whose
// start Open checked, or r read through a buffer with its start checked by
// Start. Readers of inputs call it, so that an input is checked once
// whether or not the command opened it with Open.
func Reader(r io.Reader) (*bufio.Reader, error) {
	if f, ok := r.(*File); ok {
		return f.Reader, nil
	}
	br := bufio.NewReader(r)
	return br, Start(br)
}
