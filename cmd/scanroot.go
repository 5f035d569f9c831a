package cmd

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/paylink/paylink/internal/safe"
)

// checkScanRoot refuses a path named to --scan that is neither a file nor a
// folder: a FIFO, a device or a socket. Opening a FIFO waits for a writer
// and reading a terminal waits for typing, so the scan could hang forever
// (one inside a scanned folder is skipped by scan.Walk for the same
// reason). A pipe from the shell's process substitution, --scan <(cmd),
// is the exception: it has a writer, and it is what the user meant. A path
// that cannot be read is left to the walk, which says why.
func checkScanRoot(root string) error {
	info, err := os.Stat(root)
	if err != nil || info.Mode().IsRegular() || info.IsDir() || anonymousPipe(root) {
		return nil
	}
	return fmt.Errorf("cannot scan %s: it is %s, not a file or a folder, and reading it could wait forever; to scan what a program writes, pipe it in: PROGRAM | paylink validate --scan -i -",
		safe.Quote(root), modeName(info.Mode()))
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// anonymousPipe reports whether path leads, through symbolic links, to one
// of Linux's /proc/self/fd links to a pipe ("pipe:[1234]"), as <(cmd) and
// /dev/stdin do; a FIFO made with mkfifo is a file of its own, not such a
// link.
func anonymousPipe(path string) bool {
	for range 40 { // the kernel's own limit on links in a path
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return false
		}
		target, err := os.Readlink(path)
		if err != nil {
			return false
		}
		if strings.HasPrefix(target, "pipe:[") {
			return true
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return false
}
