package config

import (
	"os"
	"runtime"
	"strings"
)

// EnvPrefix starts every environment variable paylink reads.
const EnvPrefix = "PAYLINK"

var envKey = strings.NewReplacer("-", "_", " ", "_")

// Env is the environment paylink reads, through an injected lookup (the
// process's os.LookupEnv, or a map in tests), so that nothing in config or
// cmd reads the machine's environment behind the caller's back. viper's
// AutomaticEnv cannot take such a lookup, hence this small type.
type Env struct {
	lookup func(key string) (string, bool)
}

// NewEnv returns an Env reading through lookup; nil reads nothing.
func NewEnv(lookup func(key string) (string, bool)) Env {
	return Env{lookup}
}

// SystemEnv returns an Env reading the process's environment.
func SystemEnv() Env { return Env{os.LookupEnv} }

// Var returns the value of the variable key. A variable set to "" counts
// as unset, as CI systems often define empty ones.
func (e Env) Var(key string) (string, bool) {
	if e.lookup == nil {
		return "", false
	}
	v, ok := e.lookup(key)
	return v, ok && v != ""
}

// Lookup returns the value of PAYLINK_ + name (see EnvName).
func (e Env) Lookup(name string) (string, bool) {
	return e.Var(EnvName(name))
}

// EnvName is the variable for a flag or setting name: PAYLINK_ followed by
// the name in upper case with '_' for '-' and ' ' ("utm-source" →
// PAYLINK_UTM_SOURCE; "build format" → PAYLINK_BUILD_FORMAT).
func EnvName(name string) string {
	return EnvPrefix + "_" + strings.ToUpper(envKey.Replace(name))
}

// home is the user's home folder as os.UserHomeDir finds it, read through
// the Env; "" when unknown.
func (e Env) home() string {
	key := "HOME"
	switch runtime.GOOS {
	case "windows":
		key = "USERPROFILE"
	case "plan9":
		key = "home"
	}
	h, _ := e.Var(key)
	return h
}
