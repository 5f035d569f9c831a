package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Source is the config file in use and the discovery rule that found it.
// The zero Source means no file is in use.
type Source struct {
	Path string // the file, absolute when discovery found it
	Rule string // the rule, as `paylink config path` shows it
}

// Rules of discovery, first match wins.
const (
	RuleFlag    = "--config"
	RuleEnv     = "$PAYLINK_CONFIG"
	RuleWorkDir = "paylink.* in the working directory"
	RuleXDG     = "$XDG_CONFIG_HOME/paylink"
	RuleHome    = "~/.config/paylink ($XDG_CONFIG_HOME unset)"
)

// workDirNames and xdgNames are the files looked for, in order.
var (
	workDirNames = []string{"paylink.yaml", "paylink.yml", "paylink.toml", "paylink.json"}
	xdgNames     = []string{"config.yaml", "config.yml", "config.toml", "config.json"}
)

// Find returns the config file in use: the file given by --config
// (flagPath), else $PAYLINK_CONFIG, else paylink.yaml, .yml, .toml or .json
// in the working directory, else config.yaml, .yml, .toml or .json in
// $XDG_CONFIG_HOME/paylink (~/.config/paylink when it is unset). It returns
// the zero Source when there is none, which is fine. A file named by
// --config or $PAYLINK_CONFIG must exist: the user asked for it.
func Find(flagPath string, env Env) (Source, error) {
	if flagPath != "" {
		return named(flagPath, RuleFlag)
	}
	if p, ok := env.Lookup("config"); ok {
		return named(p, RuleEnv)
	}
	if src, ok := firstIn(".", workDirNames, RuleWorkDir); ok {
		return src, nil
	}
	dir, rule := UserDir(env)
	if dir == "" {
		return Source{}, nil
	}
	src, _ := firstIn(dir, xdgNames, rule)
	return src, nil
}

// named checks that a file the user named exists.
func named(path, rule string) (Source, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Source{}, &Error{Path: path, Msg: "no such file (named by " + rule + "); give an existing file" + initHint(path)}
	case err != nil:
		return Source{}, &Error{Path: path, Msg: err.Error()}
	case info.IsDir():
		return Source{}, &Error{Path: path, Msg: "is a directory (named by " + rule + "); give the config file itself"}
	}
	return Source{Path: path, Rule: rule}, nil
}

// initHint tells how to create a missing config file. paylink config init
// writes YAML only, so for any other name it suggests the .yaml one beside
// it (or, when that exists, just names it): suggesting a command that would
// refuse is no help.
func initHint(path string) string {
	if isYAML(path) {
		return ", or create one with paylink config init --path " + path
	}
	yaml := strings.TrimSuffix(path, filepath.Ext(path)) + ".yaml"
	if _, err := os.Stat(yaml); err == nil {
		return ", such as " + yaml
	}
	return ", or create a YAML one with paylink config init --path " + yaml + " and name that"
}

// isYAML tells whether path names a YAML file, the only kind config init writes.
func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// firstIn returns the first of names that is a file in dir.
func firstIn(dir string, names []string, rule string) (Source, bool) {
	for _, name := range names {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			return Source{Path: p, Rule: rule}, true
		}
	}
	return Source{}, false
}

// UserDir is the user's paylink config folder and the rule that names it:
// $XDG_CONFIG_HOME/paylink, or ~/.config/paylink when $XDG_CONFIG_HOME is
// unset or relative (the XDG spec says to ignore a relative one). It is ""
// when neither can be known.
func UserDir(env Env) (dir, rule string) {
	if x, _ := env.Var("XDG_CONFIG_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "paylink"), RuleXDG
	}
	home := env.home()
	if home == "" {
		return "", ""
	}
	return filepath.Join(home, ".config", "paylink"), RuleHome
}

// DefaultPath is where `paylink config init` writes without --path.
func DefaultPath(env Env) string {
	dir, _ := UserDir(env)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, xdgNames[0])
}

// Searched lists where discovery looks, for a message saying none was found.
func Searched(env Env) []string {
	out := []string{RuleFlag + " FILE", RuleEnv}
	for _, n := range workDirNames {
		out = append(out, "./"+n)
	}
	if dir, _ := UserDir(env); dir != "" {
		for _, n := range xdgNames {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out
}
