// Package atomicfile writes an output file (build -o, --qr-png) so that it
// appears whole or not at all, with one behaviour for every writer:
//
//   - A regular file (or a new one) is written to a temporary file in the
//     same folder (so the rename cannot cross file systems), which Commit
//     syncs, renames over the target, then syncs the folder. Until then the
//     previous file is untouched; Abort removes the temporary file.
//   - The new file keeps the mode of the file it replaces; a new file gets
//     0644.
//   - A symbolic link is followed: the file it points to is replaced (the
//     temporary file goes beside it) and the link stays a link, as with a
//     shell's > redirection.
//   - A target that exists and is not a regular file — a device such as
//     /dev/null or /dev/stdout, a FIFO, /proc/self/fd/N — is opened and
//     written directly, as a shell would: renaming over it would replace
//     the system's /dev/null with a regular file. It is opened by Create,
//     before any input is read (a FIFO waits there for its reader). Such a
//     write cannot be undone: Abort only closes it.
//   - A folder or a socket is refused by Create, before any input is read.
//   - Errors name the user's file and its folder, never the temporary name.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// File is an output file being written.
type File struct {
	f      *os.File
	path   string // the user's name for the file, for messages
	target string // the file replaced: path with its links resolved
	direct bool   // written in place: a device or a FIFO

	mu   sync.Mutex // Commit and Abort may race: a run ends as a signal arrives
	done bool
}

// Create starts writing path; see the package comment.
func Create(path string) (*File, error) {
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.IsDir():
			return nil, fmt.Errorf("cannot write %s: it is a folder; name a file in it", path)
		case fi.Mode()&fs.ModeSocket != 0:
			return nil, fmt.Errorf("cannot write %s: it is a socket; name a file, a device or a FIFO", path)
		case !fi.Mode().IsRegular():
			return openDirect(path)
		}
	}
	target, err := resolveLinks(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, reason(err))
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".paylink-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: cannot create a file in the folder %s: %w", path, filepath.Clean(dir), reason(err))
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	a := &File{f: f, path: path, target: target}
	if err := f.Chmod(mode); err != nil {
		a.Abort()
		return nil, a.fail(err)
	}
	return a, nil
}

// openDirect opens a device or FIFO for writing in place.
func openDirect(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, reason(err))
	}
	return &File{f: f, path: path, target: path, direct: true}, nil
}

// reason is err without the file name it carries: messages name the user's
// file, not a temporary one.
func reason(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

func (a *File) fail(err error) error {
	return fmt.Errorf("cannot write %s: %w", a.path, reason(err))
}

// maxLinks bounds a chain of symbolic links, as the kernel's ELOOP does.
const maxLinks = 40

// resolveLinks returns the file that writing path writes: path itself when
// it is not a symbolic link, else the end of its chain of links, which need
// not exist yet (a link to a file still to be written).
func resolveLinks(path string) (string, error) {
	for range maxLinks {
		real, err := filepath.EvalSymlinks(path)
		if err == nil {
			return real, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		fi, lerr := os.Lstat(path)
		if lerr != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil // a new file (or a missing folder, for CreateTemp to report)
		}
		// A link to a file that does not exist: follow it one step, from its
		// folder with its own links resolved, so that ".." in the target
		// means what the kernel makes of it.
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", err
			}
			dest = filepath.Join(dir, dest)
		}
		path = dest
	}
	return "", &fs.PathError{Op: "open", Path: path, Err: syscall.ELOOP}
}

// Write writes to the temporary file (or the device).
func (a *File) Write(p []byte) (int, error) {
	n, err := a.f.Write(p)
	if err != nil {
		err = a.fail(err)
	}
	return n, err
}

// Files are the files a (still unfinished) writing of a occupies: the
// temporary one written, and the target it will replace (the same file,
// written in place, for a device). A scan of their folder skips them: the
// one is half a report, the other the report of an earlier run.
func (a *File) Files() []string {
	if a.direct {
		return []string{a.target}
	}
	return []string{a.f.Name(), a.target}
}

// Direct reports whether the target is written in place (a device or a
// FIFO), so that Abort cannot take back what was written.
func (a *File) Direct() bool { return a.direct }

// errAborted is Commit after Abort.
var errAborted = errors.New("output abandoned")

// Commit makes the written file the target: sync, close, rename, then sync
// the folder so the rename itself survives a power cut. A device or FIFO is
// only closed.
func (a *File) Commit() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return errAborted
	}
	a.done = true
	if a.direct {
		if err := a.f.Close(); err != nil {
			return a.fail(err)
		}
		return nil
	}
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.target)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return a.fail(err)
	}
	if d, derr := os.Open(filepath.Dir(a.target)); derr == nil {
		d.Sync() // best effort: some file systems cannot sync a folder
		d.Close()
	}
	return nil
}

// Abort removes the temporary file, leaving the target as it was (a device
// or FIFO is only closed). It does nothing after Commit.
func (a *File) Abort() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	if !a.direct {
		os.Remove(a.f.Name())
	}
}

// WriteFile writes path whole or not at all with write: Create, write,
// Commit, or Abort when write fails.
func WriteFile(path string, write func(io.Writer) error) error {
	a, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(a); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}
