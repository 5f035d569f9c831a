package config

import (
	"os"
	"strings"

	"github.com/spf13/viper"
)

// EnvPrefix starts every environment variable paylink reads for a flag.
const EnvPrefix = "PAYLINK"

var envKey = strings.NewReplacer("-", "_")

// Env reads the environment variable of each flag, PAYLINK_ followed by the
// flag's name in upper case with '_' for '-' (PAYLINK_UTM_SOURCE for
// --utm-source). It is a local viper that holds nothing but the
// environment, so the layers flag > environment > preset > file stay apart;
// nil when no PAYLINK_ variable is set.
type Env struct{ v *viper.Viper }

// NewEnv returns an Env reading the process's environment. Most runs set no
// PAYLINK_ variable: then it makes no viper at all, and asking viper about
// each of build's flags, which costs more than the rest of the start-up's
// config work, is skipped.
func NewEnv() Env {
	if !anySet() {
		return Env{}
	}
	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(envKey)
	v.AutomaticEnv()
	return Env{v}
}

// anySet reports whether some PAYLINK_ variable is set to a value.
func anySet() bool {
	for _, kv := range os.Environ() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, EnvPrefix+"_") && v != "" {
			return true
		}
	}
	return false
}

// Lookup returns the value of flag's variable. A variable set to "" counts
// as unset, as CI systems often define empty ones.
func (e Env) Lookup(flag string) (string, bool) {
	if e.v == nil || !e.v.IsSet(flag) {
		return "", false
	}
	return e.v.GetString(flag), true
}

// EnvName is the variable Env reads for flag: "PAYLINK_UTM_SOURCE".
func EnvName(flag string) string {
	return EnvPrefix + "_" + strings.ToUpper(envKey.Replace(flag))
}
