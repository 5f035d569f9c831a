//go:build !unix

package scan

import "os"

// osFile is a file ReadWhole reads where there are no bare system calls.
type osFile struct{ *os.File }

// openWhole opens path, and reports whether it is a regular file of at
// most WholeFileLimit bytes.
func openWhole(path string) (wholeFile, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return osFile{f}, info.Mode().IsRegular() && info.Size() <= WholeFileLimit, nil
}

func (f osFile) onPseudoFS() bool { return onPseudoFS(f.File) }
