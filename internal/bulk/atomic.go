package bulk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// AtomicFile is an output file that appears whole or not at all: rows go to
// a temporary file in the same folder (so the rename cannot cross file
// systems), which Commit syncs and renames over the target. Until then the
// previous file is untouched; Abort removes the temporary file.
type AtomicFile struct {
	f    *os.File
	path string

	mu   sync.Mutex // Commit and Abort may race: the run ends as a signal arrives
	done bool
}

// CreateAtomic starts writing path. The new file gets the mode of the file
// it replaces, or 0644. When path is a symbolic link, the file it points to
// is the one replaced (the temporary file goes beside it), so the link stays
// a link to the updated file, as with a shell's > redirection.
func CreateAtomic(path string) (*AtomicFile, error) {
	path, err := resolveLinks(path)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".paylink-*.tmp")
	if err != nil {
		return nil, err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &AtomicFile{f: f, path: path}, nil
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

// Write writes to the temporary file.
func (a *AtomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

// errAborted is Commit after Abort.
var errAborted = errors.New("output abandoned")

// Commit makes the written file the target: sync, close, rename, then sync
// the folder so the rename itself survives a power cut.
func (a *AtomicFile) Commit() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return errAborted
	}
	a.done = true
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return err
	}
	if d, derr := os.Open(filepath.Dir(a.path)); derr == nil {
		d.Sync() // best effort: some file systems cannot sync a folder
		d.Close()
	}
	return nil
}

// Abort removes the temporary file, leaving the target as it was. It does
// nothing after Commit.
func (a *AtomicFile) Abort() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	os.Remove(a.f.Name())
}

// TempName is the temporary file being written, for messages and tests.
func (a *AtomicFile) TempName() string { return a.f.Name() }
