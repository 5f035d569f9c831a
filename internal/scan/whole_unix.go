//go:build unix

package scan

import (
	"io"
	"io/fs"
	"syscall"
)

// fdFile is a file read with bare system calls: unlike an *os.File, it
// costs no fcntl to open, and it is never offered to the network poller.
type fdFile struct {
	fd   int
	path string
	dev  uint64
	eof  bool // a read returned 0: the sniffing reader and the one after it ask again
}

// openWhole opens path, and reports its size and whether it is a regular
// file of at most WholeFileLimit bytes, from one fstat.
func openWhole(path string) (f wholeFile, size int64, fits bool, err error) {
	fd, err := openFD(path)
	if err != nil {
		return nil, 0, false, err
	}
	var st syscall.Stat_t
	if err := fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return nil, 0, false, err
	}
	f = &fdFile{fd: fd, path: path, dev: uint64(st.Dev)} //nolint:unconvert // Dev is not 64 bits everywhere
	return f, st.Size, st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size <= WholeFileLimit, nil
}

func openFD(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR { // a signal came first, as os.Open retries
			return fd, err
		}
	}
}

func fstat(fd int, st *syscall.Stat_t) error {
	for {
		if err := syscall.Fstat(fd, st); err != syscall.EINTR {
			return err
		}
	}
}

func (f *fdFile) Read(p []byte) (int, error) {
	if f.eof && len(p) > 0 { // a regular file read to its end is done with: no system call to hear it again
		return 0, io.EOF
	}
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err} // as an *os.File says it
		case n == 0 && len(p) > 0:
			f.eof = true
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *fdFile) Close() error { return syscall.Close(f.fd) }

func (f *fdFile) onPseudoFS() bool { return devOnPseudoFS(f.fd, f.dev) }
