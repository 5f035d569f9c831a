package cmd

import (
	"fmt"
	"io"
	"os"

	"github.com/paylink/paylink/cmd/cmdutil"
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
			if cmdutil.SameFile(a.path, b.path) && (a.flag == "--input" || !cmdutil.IsStream(a.path)) {
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
			return cmdutil.UsageErrorf("%s %s is the file stdin reads (-i -); it would be replaced: give %s another file", w.flag, safe.Quote(w.path), w.flag)
		}
	}
	return nil
}

func sameFileError(a, b namedFile) error {
	what := "name the same file " + safe.Quote(a.path)
	if a.path != b.path {
		what = fmt.Sprintf("name the same file (%s and %s)", safe.Quote(a.path), safe.Quote(b.path))
	}
	return cmdutil.UsageErrorf("%s and %s %s; %s would replace it: give each its own file", a.flag, b.flag, what, b.flag)
}
