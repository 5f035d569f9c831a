package config

import (
	"os"
	"strings"
	"testing"
)

func TestEnv(t *testing.T) {
	t.Setenv("PAYLINK_UTM_SOURCE", "news=letter=") // '=' in a value is kept
	t.Setenv("PAYLINK_STRICT", "")                 // empty counts as unset
	env := NewEnv()
	if v, ok := env.Lookup("utm-source"); !ok || v != "news=letter=" {
		t.Errorf(`Lookup("utm-source") = %q, %v`, v, ok)
	}
	if v, ok := env.Lookup("strict"); ok {
		t.Errorf(`Lookup("strict") = %q, want unset`, v)
	}
	if got := EnvName("allow-domain"); got != "PAYLINK_ALLOW_DOMAIN" {
		t.Errorf("EnvName = %q", got)
	}
}

// With no PAYLINK_ variable set to a value, Env has no viper and finds nothing.
func TestEnvNoneSet(t *testing.T) {
	for _, kv := range os.Environ() { // the developer's own settings
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "PAYLINK_") {
			t.Setenv(k, "")
		}
	}
	t.Setenv("PAYLINK_UTM_SOURCE", "")
	env := NewEnv()
	if env.v != nil {
		t.Error("NewEnv made a viper with no variable set")
	}
	if _, ok := env.Lookup("config"); ok {
		t.Error("Lookup found an empty variable")
	}
}
