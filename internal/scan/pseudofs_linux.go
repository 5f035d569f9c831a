package scan

import (
	"os"
	"sync"
	"syscall"
)

// Magic numbers of Linux's kernel pseudo file systems (statfs(2), f_type).
var pseudoFS = map[uint32]bool{
	0x9fa0:     true, // procfs
	0x62656572: true, // sysfs
	0x64626720: true, // debugfs
	0x74726163: true, // tracefs
	0x73636673: true, // securityfs
	0x27e0eb:   true, // cgroup
	0x63677270: true, // cgroup2
	0xcafe4a11: true, // bpf
}

// pathOnPseudoFS is onPseudoFS for a file that cannot be opened: the file
// system that holds path, as statfs(2) finds it.
func pathOnPseudoFS(path string) bool {
	var st syscall.Statfs_t
	return syscall.Statfs(path, &st) == nil && pseudoFS[uint32(st.Type)]
}

// onPseudoFS reports whether the open file f lies on a kernel pseudo file
// system.
func onPseudoFS(f *os.File) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	var st syscall.Statfs_t
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.Fstatfs(int(fd), &st) }); err != nil || serr != nil {
		return false
	}
	return pseudoFS[uint32(st.Type)] // f_type is 32 bits wide, whatever its Go type
}

// fsByDevice remembers, by device number, whether a file system is a
// pseudo one: each mounted file system has a device number of its own, so
// one fstatfs per device answers for all its files.
var fsByDevice struct {
	sync.Mutex
	pseudo map[uint64]bool
}

// devOnPseudoFS is onPseudoFS for the open descriptor fd, on device dev.
func devOnPseudoFS(fd int, dev uint64) bool {
	fsByDevice.Lock()
	pseudo, known := fsByDevice.pseudo[dev]
	fsByDevice.Unlock()
	if known {
		return pseudo
	}
	var st syscall.Statfs_t
	if syscall.Fstatfs(fd, &st) != nil {
		return false
	}
	pseudo = pseudoFS[uint32(st.Type)]
	fsByDevice.Lock()
	if fsByDevice.pseudo == nil {
		fsByDevice.pseudo = map[uint64]bool{}
	}
	fsByDevice.pseudo[dev] = pseudo
	fsByDevice.Unlock()
	return pseudo
}
