package config

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/paylink/paylink/internal/textin"
)

// MaxSize is the largest config file paylink reads. A team's file is a few
// kB; a bigger one is not a paylink config, and decoding tens of MB takes
// minutes.
const MaxSize = 1 << 20

// readFile reads a config file that may have been planted by anyone who can
// commit to a repository: only a regular file (a symbolic link to one is
// fine) of at most MaxSize bytes. A link to /dev/zero or a FIFO is refused
// before it is read, not read until memory or patience runs out.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path) // follows a symbolic link: its target is what would be read
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read: " + err.Error()}
	}
	if err := checkRegular(path, info); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the file have become a FIFO since Stat, opening
	// it returns at once instead of waiting for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read: " + err.Error()}
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil { // the file opened, checked again
		return nil, &Error{Path: path, Msg: "cannot read: " + err.Error()}
	}
	if err := checkRegular(path, info); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1)) // a file growing while read stops here too
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read: " + err.Error()}
	}
	if len(data) > MaxSize {
		return nil, tooBig(path, int64(len(data)))
	}
	// As every input: a BOM (Windows' Notepad writes one) dropped, UTF-16
	// refused with the hint to save as UTF-8.
	if data, err = textin.Bytes(data); err != nil {
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	return data, nil
}

// checkRegular refuses what is not a regular file, or is over MaxSize.
func checkRegular(path string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		what := kind(info.Mode())
		if l, err := os.Lstat(path); err == nil && l.Mode()&fs.ModeSymlink != 0 {
			if target, err := os.Readlink(path); err == nil {
				what = "a symbolic link to " + target + ", " + what
			}
		}
		return &Error{Path: path, Msg: fmt.Sprintf("is %s, not a regular file; paylink reads its config only from a regular file (--no-config reads none)", what)}
	}
	if info.Size() > MaxSize {
		return tooBig(path, info.Size())
	}
	return nil
}

func tooBig(path string, size int64) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf("is %d bytes, over the %d bytes (1 MiB) a config file may have; is it paylink's config? (--no-config reads none)", size, MaxSize)}
}

// kind names a file mode that is not a regular file's.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file (" + m.Type().String() + ")"
}
