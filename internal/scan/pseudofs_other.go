//go:build !linux

package scan

import "os"

// onPseudoFS: only Linux's kernel file systems are known to paylink.
func onPseudoFS(*os.File) bool { return false }

func pathOnPseudoFS(string) bool { return false }

func devOnPseudoFS(int, uint64) bool { return false }
