package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paylink/paylink/internal/safe"
)

// namedFile is a file a bulk build reads or writes, with the flag naming it.
type namedFile struct {
	flag string
	path string
}

// checkDistinctFiles refuses a bulk build whose input, -o and --warnings
// name the same file, before anything is read: the file written last would
// replace the others (--warnings naming the input sheet leaves only the
// warnings of it). Two names are the same file when they resolve to the same
// path (./x and x, a symbolic link and its target, even one not created yet)
// or, for files that exist, when os.SameFile says so (hard links). stdin is
// compared too when it is a file (-i - < x.csv). Only -o and --warnings may
// share a terminal, /dev/null or a pipe: nothing is replaced there.
func checkDistinctFiles(o *BulkOptions, stdin io.Reader) error {
	files := make([]namedFile, 0, 3)
	if o.Input != "-" {
		files = append(files, namedFile{"--input", o.Input})
	}
	if o.Output != "" && o.Output != "-" {
		files = append(files, namedFile{"--output", o.Output})
	}
	if o.Warnings != "" {
		files = append(files, namedFile{"--warnings", o.Warnings})
	}
	for i, a := range files {
		for _, b := range files[i+1:] {
			if sameFile(a.path, b.path) && (a.flag == "--input" || !isStream(a.path)) {
				return sameFileError(a, b)
			}
		}
	}
	if o.Input == "-" {
		return checkStdinDistinct(stdin, files)
	}
	return nil
}

// checkStdinDistinct refuses -o or --warnings naming the file stdin reads
// (paylink build -i - -o x.csv < x.csv).
func checkStdinDistinct(stdin io.Reader, files []namedFile) error {
	f, ok := stdin.(*os.File)
	if !ok {
		return nil
	}
	in, err := f.Stat()
	if err != nil || !in.Mode().IsRegular() {
		return nil
	}
	for _, w := range files {
		if fi, err := os.Stat(w.path); err == nil && os.SameFile(in, fi) {
			return usageErrorf("%s %s is the file stdin reads (-i -); it would be replaced: give %s another file", w.flag, safe.Quote(w.path), w.flag)
		}
	}
	return nil
}

func sameFileError(a, b namedFile) error {
	what := "name the same file " + safe.Quote(a.path)
	if a.path != b.path {
		what = fmt.Sprintf("name the same file (%s and %s)", safe.Quote(a.path), safe.Quote(b.path))
	}
	return usageErrorf("%s and %s %s; %s would replace it: give each its own file", a.flag, b.flag, what, b.flag)
}

// isStream reports whether path is a character device or a FIFO: written
// as a stream, never replaced.
func isStream(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&(os.ModeCharDevice|os.ModeNamedPipe) != 0
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	if resolvePath(a) == resolvePath(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// resolvePath is path made absolute with every symbolic link followed, the
// last one too when its target does not exist yet (atomicfile writes
// through it to the target). On an error it returns what it has: the
// comparison then falls back to os.SameFile.
func resolvePath(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	for range 40 { // the kernel's own limit on links in a path
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		dir, base := filepath.Split(p)
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			dir = r
		}
		p = filepath.Join(dir, base)
		target, err := os.Readlink(p)
		if err != nil {
			return p // not a link: a file to be created
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		p = target
	}
	return p
}
