//go:build !unix

package scan

import "os"

// osFile is a file ReadWhole reads where there are no bare system calls.
type osFile struct{ *os.File }

// openWhole opens path, and reports its size and whether it is a regular
// file of at most WholeFileLimit bytes.
func openWhole(path string) (f wholeFile, size int64, fits bool, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, 0, false, err
	}
	info, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, 0, false, err
	}
	return osFile{fh}, info.Size(), info.Mode().IsRegular() && info.Size() <= WholeFileLimit, nil
}

func (f osFile) onPseudoFS() bool { return onPseudoFS(f.File) }
