//go:build unix

package scan

import (
	"io/fs"
	"os"
	"syscall"
)

// openRead opens a file to read, as os.Open does but for less: os.Open
// offers every file to the network poller, which refuses a regular file
// after four fcntl and an epoll_ctl, a third of the system calls of a scan
// of small files. A file from os.NewFile of a blocking descriptor is left
// out of the poller, and its reads block in the kernel as those of a
// regular file do anyway.
func openRead(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue // a signal came first, as os.Open retries
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
