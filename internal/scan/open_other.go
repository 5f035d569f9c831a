//go:build !unix

package scan

import "os"

// openRead is os.Open where there is no cheaper way to open a file.
func openRead(path string) (*os.File, error) { return os.Open(path) }
