package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/paylink/paylink/internal/safe"
)

// fileError says in the user's terms why a file or folder they named could
// not be read: "cannot ACTION PATH: what is wrong; what to do", instead of
// the system's "stat PATH: no such file or directory". action is what
// paylink was doing ("scan", "read the links in"); forInput adds the fix
// that fits an -i file (a folder is for validate --scan). An error that is
// not about a path is returned as it is.
func fileError(action string, err error, forInput bool) error {
	var pathErr *fs.PathError
	if !errors.As(err, &pathErr) {
		return err
	}
	path := safe.Quote(pathErr.Path)
	var why string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why = "no such file or folder; check the name and the folder you run paylink in"
	case errors.Is(err, fs.ErrPermission):
		why = "permission denied; make it readable for your user (ls -l shows who may read it)"
	case errors.Is(err, syscall.EISDIR) && forInput:
		why = "it is a folder, and -i reads one file; name a file in it (paylink validate --scan reads every file in a folder)"
	case errors.Is(err, syscall.EISDIR):
		why = "it is a folder; name a file"
	case errors.Is(err, syscall.ENOTDIR):
		why = "a part of the path before the last / is a file, not a folder; check the path"
	case errors.Is(err, syscall.ELOOP):
		why = "too many symbolic links (a link that points to itself?); check where it leads"
	default:
		why = pathErr.Err.Error()
	}
	return fmt.Errorf("cannot %s %s: %s", action, path, why)
}
