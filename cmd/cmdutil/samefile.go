package cmdutil

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/safe"
)

// writtenFlags name files a command writes: compared with a file it writes
// even before they exist.
var writtenFlags = map[string]bool{"output": true, "summary": true, "warnings": true}

// CheckNotInput refuses a command whose flag (output, summary) names a
// file it also reads, as an argument or another flag's value (reconcile
// links.csv -o links.csv, validate -i x -o x): replacing it would lose the
// input. Only existing regular files are compared, and files the command
// writes; a terminal, /dev/null or a pipe may be shared.
func CheckNotInput(c *cobra.Command, args []string, flag, path string) error {
	if path == "" || path == "-" || IsStream(path) {
		return nil
	}
	clash := func(v string, written bool) bool {
		if v == "" || v == "-" {
			return false
		}
		if fi, err := os.Stat(v); (err != nil || !fi.Mode().IsRegular()) && !written {
			return false
		}
		return SameFile(path, v)
	}
	for _, a := range args {
		if clash(a, false) {
			return sameInputError(flag, path, "an argument, "+safe.Quote(a))
		}
	}
	var err error
	visit := func(f *pflag.Flag) {
		if err != nil || !f.Changed || f.Name == flag {
			return
		}
		for _, v := range flagValues(f) {
			if clash(v, writtenFlags[f.Name]) {
				err = sameInputError(flag, path, "--"+f.Name+" "+safe.Quote(v))
				return
			}
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return err
}

// flagValues are the texts a flag holds: one, or each of a list.
func flagValues(f *pflag.Flag) []string {
	if s, ok := f.Value.(pflag.SliceValue); ok {
		return s.GetSlice()
	}
	return []string{f.Value.String()}
}

func sameInputError(flag, path, other string) error {
	return exitcode.New(exitcode.Usage, fmt.Errorf("--%s %s is the same file as %s; it would be replaced: give --%s another file", flag, safe.Quote(path), other, flag))
}

// IsStream reports whether path is a character device or a FIFO: written
// as a stream, never replaced.
func IsStream(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&(os.ModeCharDevice|os.ModeNamedPipe) != 0
}

// SameFile reports whether a and b name the same file.
func SameFile(a, b string) bool {
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
