// Package build says which paylink this is: version, commit and build date.
package build

import "runtime/debug"

// Set by the Makefile with -ldflags "-X github.com/paylink/paylink/internal/build.Version=...";
// empty in a plain `go build` or `go install`, which Info fills from the
// build information the Go toolchain embeds.
var (
	Version string
	Commit  string
	Date    string
)

// Info is what `paylink --version` reports.
type Info struct {
	Version, Commit, Date string
}

// Unknown stands for what neither the linker flags nor the Go toolchain
// recorded.
const Unknown = "unknown"

// Current returns the version information of the running binary.
func Current() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return resolve(Info{Version, Commit, Date}, bi)
}

// resolve fills what the linker flags left empty from bi (which may be nil):
// the main module's version, as `go install module@version` records it, and
// the commit and its time that `go build` records from git.
func resolve(set Info, bi *debug.BuildInfo) Info {
	var found Info
	modified := false
	if bi != nil {
		found.Version = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				found.Commit = s.Value
			case "vcs.time":
				found.Date = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	// "(devel)" is what Go records when it knows no version.
	if found.Version == "(devel)" {
		found.Version = ""
	}
	if found.Commit != "" && modified {
		found.Commit += "-dirty"
	}
	return Info{
		Version: first(set.Version, found.Version, "dev"),
		Commit:  first(set.Commit, found.Commit, Unknown),
		Date:    first(set.Date, found.Date, Unknown),
	}
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// String is the line `paylink --version` prints after the name.
func (i Info) String() string {
	return i.Version + " (commit " + i.Commit + ", built " + i.Date + ")"
}
