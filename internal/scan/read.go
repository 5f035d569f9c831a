package scan

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/text/transform"

	"github.com/paylink/paylink/internal/textin"
)

// WholeFileLimit: a file is read whole into memory when it is no longer
// than one line may be (most source files are far shorter), then searched
// for what every link holds before any line is looked at: a file without
// it is done with after one fast pass. A longer file is read line by line
// as before, so a line over the limit is still the same error.
const WholeFileLimit = textin.MaxLine

// indexSchemeMark is the index of the first scheme mark in b at or after
// from, or -1. It goes from colon to colon, one pass for both marks:
// searching for each mark in turn read a text without either twice, at
// less than half the speed (2 GB/s against 5 over GOROOT's sources, where
// most colons are Go's :=).
//
// Every link starts at a scheme that indexScheme finds: "http://" or
// "https://" in any case, or written with JSON's escaped slashes
// ("https:\/\/", or mixed: "https:/\/", "https:\//"). Each of those holds
// ":/" or `:\/`, a scheme mark; a text holding neither holds no link,
// lookalikes included, and neither does a line.
func indexSchemeMark(b []byte, from int) int {
	for i := from; i < len(b); i++ {
		j := bytes.IndexByte(b[i:], ':')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 < len(b) && (b[i+1] == '/' || b[i+1] == '\\' && i+2 < len(b) && b[i+2] == '/') {
			return i
		}
	}
	return -1
}

// mayWriteSchemeInRefs reports whether b, markup, may hold a scheme
// written with character references, whose marks (":/") are references
// too: numeric ones ("&#58;", "&#x2F;"), "&colon;" or "&sol;".
func mayWriteSchemeInRefs(b []byte) bool {
	return slices.ContainsFunc(schemeRefMarks, func(m string) bool { return bytes.Contains(b, []byte(m)) })
}

// schemeRefMarks start the references that can write a scheme's ':' or
// '/' (or any letter: numeric ones).
var schemeRefMarks = []string{"&#", "&colon;", "&sol;"}

// hasSchemeMark reports whether b holds a scheme mark.
func hasSchemeMark(b []byte) bool { return indexSchemeMark(b, 0) >= 0 }

// readerPool holds the readers that sniff a stream's start, one per
// stream read at a time: 8 KiB each, which a scan of many pipes would
// otherwise allocate, and clear, for each.
var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, sniffLen) }}

// The buffers files were read into are kept for the next files: small
// ones, up to keptBufCap, one for each file read at a time, and the
// largest one over it. Not a sync.Pool: the collector empties a pool, and
// a scan of small files then paid for new buffers, cleared and faulted in
// page by page, a tenth of its time.
var (
	spareBufs = make(chan []byte, 4*runtime.GOMAXPROCS(0))
	spareBig  = make(chan []byte, 1)
)

// keptBufCap: buffers up to this are kept, one per file read at a time;
// of those over it only the largest, so a tree of long files reuses it
// while memory stays bounded (at most WholeFileLimit more).
const keptBufCap = 1 << 20

// takeBuf returns a kept buffer for a file of n bytes, nil when none is
// spare.
func takeBuf(n int64) []byte {
	spares := spareBufs
	if n > keptBufCap {
		spares = spareBig
	}
	select {
	case b := <-spares:
		return b
	default:
		return nil
	}
}

// giveBackBuf keeps b for a later file.
func giveBackBuf(b []byte) {
	if cap(b) <= keptBufCap {
		select {
		case spareBufs <- b[:0]:
		default: // enough kept
		}
		return
	}
	select {
	case old := <-spareBig:
		if cap(old) > cap(b) {
			b = old
		}
	default:
	}
	select {
	case spareBig <- b[:0]:
	default: // another file gave one back meanwhile
	}
}

// bufCapFor is the capacity of a new buffer to hold n bytes: a power of
// two from 64 KiB, so that the buffers kept fit most of the files after,
// but no more than a whole file may need.
func bufCapFor(n int64) int64 {
	c := int64(64 << 10)
	for c < n {
		c *= 2
	}
	return min(c, max(n, WholeFileLimit+1))
}

// sniffAhead is how much of a file is read before the rest: enough to
// tell a binary file, which is not read further, and all of most files.
const sniffAhead = 64 << 10

// readThenFind reads r, a regular file said to hold size bytes, whole into
// memory, then finds its links there (see inMemory): the same findings, on
// the same lines, as reading it line by line. A binary file is told by its
// start, as a stream is, and not read further. A file longer than
// WholeFileLimit, or whose reading fails, is read line by line from its
// start instead, as a stream is (a read error comes back from r again,
// after the lines before it); one given up as stalled ends at once.
func (f *Finder) readThenFind(r io.Reader, size int64, fn func(Found) error) error {
	data := takeBuf(size)
	defer func() { giveBackBuf(data) }()
	if want := min(size, WholeFileLimit) + 1; int64(cap(data)) < want {
		data = make([]byte, 0, bufCapFor(want))
	}
	data, complete, err := readUpTo(data[:0], r, size, sniffAhead)
	if err == nil && isBinary(data) {
		return ErrBinary
	}
	if !complete && err == nil {
		data, complete, err = readUpTo(data, r, size, WholeFileLimit)
	}
	if err == errGivenUp {
		// The scan has moved on (see untilStalled): the lines read before
		// the stall are not reported now, late and from another goroutine.
		return err
	}
	if !complete || err != nil {
		return f.links(io.MultiReader(bytes.NewReader(data), r), false, 0, fn)
	}
	return f.inMemory(data, fn)
}

// isBinary reports whether a file starting with data is binary, as the
// stream reader (links) tells it.
func isBinary(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	return !textin.IsUTF16(head) && bytes.IndexByte(head, 0) >= 0
}

// readUpTo reads r on into data, grown as needed, until r ends or data
// holds more than limit bytes, and reports whether r ended within limit;
// it reads no more than limit+1 bytes in all. size is what r was said to
// hold: a read that brings the data to exactly size and fills less than
// asked is taken as the end, as it is for a regular file, saving the read
// that would say so (one system call a file). A file that grew since is
// read on, and a size of 0 (a kernel file says 0, whatever it holds) is
// never taken for the end.
func readUpTo(data []byte, r io.Reader, size, limit int64) (_ []byte, complete bool, err error) {
	for {
		if int64(len(data)) > limit {
			return data, false, nil
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, int(min(int64(cap(data)), limit+1-int64(len(data)))))
		}
		room := data[len(data):min(int64(cap(data)), limit+1)]
		n, err := r.Read(room)
		data = data[:len(data)+n]
		switch {
		case err == io.EOF:
			return data, int64(len(data)) <= limit, nil
		case err != nil:
			return data, int64(len(data)) <= limit, err
		case size > 0 && int64(len(data)) == size && n < len(room):
			return data, true, nil
		}
	}
}

// inMemory finds the links in data, the whole text of a file, calling fn
// in order: binary and UTF-16 files are told by their first sniffLen
// bytes, as a stream's are, and a UTF-8 byte-order mark is dropped. A
// text without a scheme mark is done with after one fast pass.
func (f *Finder) inMemory(data []byte, fn func(Found) error) error {
	head := data[:min(len(data), sniffLen)]
	if textin.IsUTF16(head) { // before the NUL check: UTF-16 is text, not binary
		return f.lines(bufio.NewReaderSize(transform.NewReader(bytes.NewReader(data), utf16Decoder(head)), sniffLen), fn)
	}
	if isBinary(head) {
		return ErrBinary
	}
	data = textin.TrimBOM(data)
	if f.Syntax == Markdown || f.Syntax == Markup {
		if !hasSchemeMark(data) && !mayWriteSchemeInRefs(data) {
			return nil
		}
		// A Markdown fence or an HTML <script> opened on one line changes
		// how the lines after it read: every line is looked at, in order.
		return f.lines(bufio.NewReaderSize(bytes.NewReader(data), sniffLen), fn)
	}
	return f.markedLines(data, fn)
}

// markedLines finds the links of plain text and CSV, where each line reads
// on its own: only the lines holding a scheme mark are looked at, and lines
// are counted only up to a line with a link. A text without a mark is
// read once, by indexSchemeMark.
func (f *Finder) markedLines(data []byte, fn func(Found) error) error {
	lineNo, counted := 1, 0 // data[:counted] holds lineNo-1 line ends
	for pos := 0; pos < len(data); {
		at := indexSchemeMark(data, pos)
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
