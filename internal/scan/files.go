package scan

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
	br := bufio.NewReaderSize(r, sniffLen)
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
		for _, c := range f.Candidates(line) {
			at := Found{Line: n, Column: c.Start + 1, ColumnUTF16: utf16Len(line[:c.Start]) + 1, Link: c.Link, Check: c.Check,
				Masked: c.Masked, HostTemplate: c.HostTemplate, Cut: c.Cut, Joined: c.Joined(), Written: c.written()}
			if err := fn(at); err != nil {
				return err
			}
		}
		return nil
	})
}

// File finds the payment links in the file at path, reading it with the
// syntax its name calls for (see SyntaxOf).
func File(path string, domains []string, fn func(Found) error) error {
	return Finder{Domains: domains}.File(path, fn)
}

// File finds the payment links in the file at path with f's domains and
// OnCustom, reading it with the syntax its name calls for.
func (f Finder) File(path string, fn func(Found) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	f.Syntax, f.fence, f.raw = SyntaxOf(path), "", ""
	return f.Links(fh, fn)
}

// skipDir names the folders never scanned: version control and installed
// packages, which hold no links of the user's own.
var skipDir = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true}

// Walk calls visit with each file to scan under root, in lexical order:
// root itself when it is a file, else every regular file below it, or a
// symbolic link to one. It skips .git, .hg, .svn and node_modules below
// root, and does not follow links to folders (no loops). An error reading
// something below root goes to fail and the walk goes on; an error about
// root itself, or from visit, ends it.
func Walk(root string, visit func(path string) error, fail func(error)) error {
	info, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return visit(root)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && path == root:
			return err
		case err != nil:
			fail(err)
			return nil
		case d.IsDir() && path != root && skipDir[d.Name()]:
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case isFile(path, d):
			return visit(path)
		}
		return nil
	})
}

// isFile reports whether d is a regular file or a symbolic link to one;
// devices, sockets and pipes could block a read forever.
func isFile(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
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
