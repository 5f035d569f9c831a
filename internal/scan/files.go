package scan

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/paylink/paylink/internal/textin"
)

// ErrBinary is the error for a file that looks binary: like Git, a NUL byte
// in its first 8 KiB says so. Link-like bytes in an image or an archive are
// not links anyone wrote.
var ErrBinary = errors.New("binary file, not scanned")

const sniffLen = 8 << 10

// Found is a payment link found in a text.
type Found struct {
	Line int // 1-based line number
	// Column is where the link starts on its line, 1-based, counted in
	// bytes, as compilers, grep and most editors' FILE:LINE:COL jumps do.
	Column int
	// ColumnUTF16 is the same place counted in UTF-16 code units, the
	// unit SARIF viewers use (SARIF has no byte columns). It differs from
	// Column only after non-ASCII text on the line.
	ColumnUTF16 int
	Link        string // as Stripe would receive it (see Finder.Candidates)
	// Check is Link with its placeholders masked: what to judge (see
	// Candidate.Check).
	Check string
	// Masked are the placeholders of Check, as written (see Unmask).
	Masked []string
	// HostTemplate is set when a template builds the host (see
	// Candidate.HostTemplate).
	HostTemplate HostTemplate
	// Cut is the rest of the query of a link a space cut (see
	// Candidate.Cut), and Joined the link with it (Candidate.Joined).
	Cut, Joined string
	// Written says where the link is written in its line, to repair it.
	Written Written
}

// Links reads r line by line and calls fn with each payment link, in order,
// stopping at fn's first error. It returns ErrBinary, before any call to fn,
// for binary input. UTF-16 text (what Windows tools save as "Unicode") is
// read as the text it is: its links are links all the same, on the same
// lines; columns count the bytes of its UTF-8 form.
func (f *Finder) Links(r io.Reader, fn func(Found) error) error {
	return f.links(r, false, 0, fn)
}

// links is Links; whole reads a text that ends (a regular file) into
// memory first, to skip what holds no link (see inMemory), where Links on
// a pipe reports each link as soon as its line arrives. size is what the
// file's size was said to be, 0 if unknown: a hint for the buffer.
func (f *Finder) links(r io.Reader, whole bool, size int64, fn func(Found) error) error {
	if whole {
		return f.readThenFind(r, size, fn)
	}
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() {
		br.Reset(nil) // holds no file open
		readerPool.Put(br)
	}()
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF {
		return err
	}
	if textin.IsUTF16(head) { // before the NUL check: UTF-16 is text, not binary
		return f.lines(bufio.NewReaderSize(transform.NewReader(br, utf16Decoder(head)), sniffLen), fn)
	}
	if err := textin.Start(br); err != nil {
		return err
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return ErrBinary
	}
	return f.lines(br, fn)
}

// utf16Decoder decodes UTF-16 text starting with head: by its byte-order
// mark, or without one by where the NUL bytes of ASCII text fall.
func utf16Decoder(head []byte) transform.Transformer {
	order := unicode.LittleEndian
	if head[0] == 0 || head[0] == 0xFE && head[1] == 0xFF {
		order = unicode.BigEndian
	}
	return unicode.BOMOverride(unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())
}

// lines finds the links line by line, each line up to textin.MaxLine.
func (f *Finder) lines(br *bufio.Reader, fn func(Found) error) error {
	return textin.EachLine(br, textin.MaxLine, func(n int, b []byte) error {
		line := string(b)
		return f.report(n, line, f.Candidates(line), fn)
	})
}

// report calls fn with each link found in line n.
func (f *Finder) report(n int, line string, cands []Candidate, fn func(Found) error) error {
	for _, c := range cands {
		at := Found{Line: n, Column: c.Start + 1, ColumnUTF16: utf16Len(line[:c.Start]) + 1, Link: c.Link, Check: c.Check,
			Masked: c.Masked, HostTemplate: c.HostTemplate, Cut: c.Cut, Joined: c.Joined(), Written: c.Written()}
		if err := fn(at); err != nil {
			return err
		}
	}
	return nil
}

// File finds the payment links in the file at path, reading it with the
// syntax its name calls for (see SyntaxOf).
func File(path string, domains []string, fn func(Found) error) error {
	return Finder{Domains: domains}.File(path, fn)
}

// File finds the payment links in the file at path with f's domains and
// OnCustom, reading it with the syntax its name calls for. A regular file
// whose reading makes no progress for StallAfter is given up with a
// *StalledError: a kernel file such as /proc/kmsg says it is a file of
// size 0 and never ends.
func (f Finder) File(path string, fn func(Found) error) error {
	return f.file(path, false, fn)
}

// FolderFile is File for a file found in a scanned folder: one on a
// kernel pseudo file system (procfs, sysfs, debugfs…) is not read, and
// ErrPseudoFS says so. Its files hold no links anyone wrote, and reading
// some of them waits forever or returns gigabytes. The file system is
// the opened file's, not guessed from the path: a folder may be mounted
// anywhere, and /proc/self/fd/N named on purpose is read as File reads it.
func (f Finder) FolderFile(path string, fn func(Found) error) error {
	return f.file(path, true, fn)
}

// ErrPseudoFS is the error for a file of a kernel pseudo file system
// found in a scanned folder.
var ErrPseudoFS = errors.New("a kernel pseudo file system (procfs, sysfs), not scanned")

func (f Finder) file(path string, inFolder bool, fn func(Found) error) error {
	fh, err := openRead(path)
	if err != nil {
		if inFolder && pathOnPseudoFS(path) { // /sys files only root may read, say
			return ErrPseudoFS
		}
		return err
	}
	defer fh.Close()
	if inFolder && onPseudoFS(fh) {
		return ErrPseudoFS
	}
	f.Syntax, f.fence, f.raw = SyntaxOf(path), "", ""
	info, err := fh.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return f.Links(fh, fn) // a pipe (--scan <(cmd)) may be slow, and is read to its end
	}
	return untilStalled(fh, StallAfter, func(r io.Reader) error { return f.links(r, true, info.Size(), fn) })
}

// StallAfter is how long a read of a regular file may wait for data
// before the file is given up. Disks and network file systems answer far
// sooner; a file that never ends does not answer at all.
var StallAfter = 5 * time.Second

// StalledError is the error for a file given up because reading it made
// no progress.
type StalledError struct{ After time.Duration }

func (e *StalledError) Error() string {
	return fmt.Sprintf("no data for %s: stopped reading it (a device or kernel file that never ends?)", e.After)
}

// errGivenUp ends the reading of a file untilStalled gave up on, should
// its read ever return.
var errGivenUp = errors.New("given up")

// untilStalled runs read on r in a goroutine of its own and returns its
// error, or a *StalledError as soon as one read of r has waited longer
// than limit (the shared watchdog, see watch, tells). A read blocked in
// the kernel cannot be interrupted, so that goroutine is left behind, and
// ends, calling nothing more, if the read ever returns. The caller's
// callbacks run in that goroutine while the caller waits, never at the
// same time as the caller.
func untilStalled(r io.Reader, limit time.Duration, read func(io.Reader) error) error {
	done := make(chan error, 1)
	w := watch(r, limit, func() { done <- &StalledError{limit} })
	goReuse(func() { // left behind for good if the read never returns
		err := read(w)
		unwatch(w)
		if !w.isGivenUp() {
			done <- err
		}
	})
	return <-done
}

// watchedReader is a reader that knows since when its current read waits.
type watchedReader struct {
	r       io.Reader
	limit   time.Duration
	onStall func() // called once, by the watchdog, when it gives the reader up
	mu      sync.Mutex
	reading bool
	since   time.Time
	givenUp bool
}

func (w *watchedReader) Read(p []byte) (int, error) {
	w.mu.Lock()
	if w.givenUp {
		w.mu.Unlock()
		return 0, errGivenUp
	}
	w.reading, w.since = true, time.Now()
	w.mu.Unlock()
	n, err := w.r.Read(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reading = false
	if w.givenUp {
		return 0, errGivenUp
	}
	return n, err
}

// isGivenUp reports whether the watchdog gave w up.
func (w *watchedReader) isGivenUp() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.givenUp
}

// giveUpIfWaiting gives w up when its current read has waited longer than
// limit at now, and reports whether it did.
func (w *watchedReader) giveUpIfWaiting(now time.Time, limit time.Duration) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reading && now.Sub(w.since) > limit {
		w.givenUp = true
	}
	return w.givenUp
}

// skipDir names the folders never scanned: version control and installed
// packages, which hold no links of the user's own.
var skipDir = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true}

// Walker finds the files to scan under the roots a scan was given.
type Walker struct {
	// Roots are every path the scan was given: a symbolic link found in a
	// folder is followed only when its target lies inside one of them.
	Roots []string
	// Visit is called with each file to scan; its error ends the walk.
	Visit func(path string) error
	// Fail is called with an error reading something below a root; the
	// walk goes on.
	Fail func(error)
	// Outside is called with each symbolic link below a root whose target
	// lies outside every root: it is not scanned. Nil skips them silently.
	Outside func(link string)

	real []string // the Roots with every link resolved, once
}

// Walk calls w.Visit with each file to scan under root, in lexical order:
// root itself when it is a file, else every regular file below it (root
// may be a symbolic link to a folder, scanned as that folder). It skips
// .git, .hg, .svn and node_modules below root, and does not follow links
// to folders (no loops). A link to a file is followed only when the file
// lies inside one of w.Roots: as git stores the link, not its target, a
// link in a checkout leading to ../../secrets is no file of the
// repository's (w.Outside hears of it). An error about root itself, or
// from Visit, ends the walk.
func (w *Walker) Walk(root string) error {
	info, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return w.Visit(root)
	}
	if l, err := os.Lstat(root); err == nil && l.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a root that is a link; "site/" it does.
		root += string(filepath.Separator)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && path == root:
			return err
		case err != nil:
			w.Fail(err)
			return nil
		case d.IsDir() && path != root && skipDir[d.Name()]:
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case d.Type().IsRegular():
			return w.Visit(path)
		case d.Type()&fs.ModeSymlink != 0:
			return w.visitLink(path)
		}
		return nil // devices, sockets and pipes could block a read forever
	})
}

// visitLink visits the file a symbolic link below a root leads to, when
// it is a regular file inside the roots.
func (w *Walker) visitLink(path string) error {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return nil // dangling, a folder (no loops) or a device
	}
	if !w.inside(path) {
		if w.Outside != nil {
			w.Outside(path)
		}
		return nil
	}
	return w.Visit(path)
}

// inside reports whether path, links resolved, lies inside a root.
func (w *Walker) inside(path string) bool {
	target, err := realPath(path)
	if err != nil {
		return false
	}
	if w.real == nil {
		w.real = []string{}
		for _, r := range w.Roots {
			if rr, err := realPath(r); err == nil {
				w.real = append(w.real, rr)
			}
		}
	}
	for _, r := range w.real {
		if rel, err := filepath.Rel(r, target); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// realPath is path absolute, with every symbolic link resolved.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// utf16Len is the length of s in UTF-16 code units; an invalid byte counts
// as one (it is shown as U+FFFD).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
