package scan

import (
	"bufio"
	"bytes"
	"io"
	"sync"

	"github.com/paylink/paylink/internal/textin"
)

// WholeFileLimit: a file is read whole into memory when it is no longer
// than one line may be (most source files are far shorter), then searched
// for what every link holds before any line is looked at: a file without
// it is done with after one fast pass. A longer file is read line by line
// as before, so a line over the limit is still the same error.
const WholeFileLimit = textin.MaxLine

// Every link starts at a scheme that indexScheme finds: "http://" or
// "https://" in any case, or written with JSON's escaped slashes
// ("https:\/\/", or mixed: "https:/\/", "https:\//"). Each of those holds
// ":/" or `:\/`; a text holding neither holds no link, lookalikes
// included, and neither does a line.
var schemeMarks = [][]byte{[]byte(":/"), []byte(`:\/`)}

// hasSchemeMark reports whether b holds one of schemeMarks, in one pass
// from colon to colon: searching for each mark in turn read a text
// without either twice, at less than half the speed (2 GB/s against 5
// over GOROOT's sources, where most colons are Go's :=).
func hasSchemeMark(b []byte) bool {
	for {
		i := bytes.IndexByte(b, ':')
		if i < 0 || i+1 == len(b) {
			return false
		}
		b = b[i+1:]
		if b[0] == '/' || b[0] == '\\' && len(b) > 1 && b[1] == '/' {
			return true
		}
	}
}

// readerPool holds the readers that sniff a file's start, one per file
// read at a time: 8 KiB each, which a scan of many small files would
// otherwise allocate, and clear, for each.
var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, sniffLen) }}

// bufPool holds the buffers files are read into, reused from file to file.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// text finds the links in the rest of br (the text of a file, after its
// byte-order mark), calling fn in order. It gives the same findings, with
// the same line numbers, as reading it line by line (lines).
func (f *Finder) text(br *bufio.Reader, fn func(Found) error) error {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 { // keep small buffers, not a rare big file's
			buf.Reset()
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	complete, err := readUpTo(buf, br, WholeFileLimit)
	if !complete || err != nil {
		// Too long to hold, or a read failed: line by line from the start,
		// as before (a read error comes back from br again, after the lines
		// before it).
		return f.lines(bufio.NewReaderSize(io.MultiReader(bytes.NewReader(buf.Bytes()), br), sniffLen), fn)
	}
	data := buf.Bytes()
	if !hasSchemeMark(data) {
		return nil
	}
	if f.Syntax == Markdown || f.Syntax == Markup {
		// A Markdown fence or an HTML <script> opened on one line changes
		// how the lines after it read: every line is looked at, in order.
		return f.lines(bufio.NewReaderSize(bytes.NewReader(data), sniffLen), fn)
	}
	return f.markedLines(data, fn)
}

// readUpTo reads r to its end into buf, and reports whether it ended within
// limit bytes; if not, buf holds what was read so far.
func readUpTo(buf *bytes.Buffer, r io.Reader, limit int64) (complete bool, err error) {
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	return n <= limit, err
}

// markedLines finds the links of plain text and CSV, where each line reads
// on its own: only the lines holding a scheme mark are looked at, and lines
// are counted only up to a line with a link.
func (f *Finder) markedLines(data []byte, fn func(Found) error) error {
	next := make([]int, len(schemeMarks)) // where each mark is next found, from pos
	for i := range next {
		next[i] = -2 // not searched yet
	}
	lineNo, counted := 1, 0 // data[:counted] holds lineNo-1 line ends
	for pos := 0; pos < len(data); {
		at := -1
		for i, m := range schemeMarks {
			if next[i] != -1 && next[i] < pos {
				next[i] = indexFrom(data, m, pos)
			}
			if next[i] >= 0 && (at < 0 || next[i] < at) {
				at = next[i]
			}
		}
		if at < 0 {
			return nil
		}
		start := bytes.LastIndexByte(data[:at], '\n') + 1
		end := len(data)
		if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
			end = at + i
		}
		line := string(bytes.TrimSuffix(data[start:end], []byte("\r")))
		if cands := f.Candidates(line); len(cands) > 0 {
			lineNo += bytes.Count(data[counted:start], []byte("\n"))
			counted = start
			if err := f.report(lineNo, line, cands, fn); err != nil {
				return err
			}
		}
		pos = end + 1
	}
	return nil
}

// indexFrom is the index of m in data at or after from, or -1.
func indexFrom(data, m []byte, from int) int {
	i := bytes.Index(data[from:], m)
	if i < 0 {
		return -1
	}
	return from + i
}
