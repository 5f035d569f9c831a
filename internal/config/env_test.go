package config

import (
	"path/filepath"
	"testing"
)

// mapEnv is an environment held in a map, as commands get one in tests.
func mapEnv(vars map[string]string) Env {
	return NewEnv(func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	})
}

func TestEnv(t *testing.T) {
	env := mapEnv(map[string]string{
		"PAYLINK_UTM_SOURCE":   "news=letter=", // '=' in a value is kept
		"PAYLINK_STRICT":       "",             // empty counts as unset
		"PAYLINK_BUILD_FORMAT": "csv",
	})
	if v, ok := env.Lookup("utm-source"); !ok || v != "news=letter=" {
		t.Errorf(`Lookup("utm-source") = %q, %v`, v, ok)
	}
	if v, ok := env.Lookup("strict"); ok {
		t.Errorf(`Lookup("strict") = %q, want unset`, v)
	}
	if v, ok := env.Lookup("build format"); !ok || v != "csv" {
		t.Errorf(`Lookup("build format") = %q, %v`, v, ok)
	}
	for name, want := range map[string]string{"allow-domain": "PAYLINK_ALLOW_DOMAIN", "presets list format": "PAYLINK_PRESETS_LIST_FORMAT"} {
		if got := EnvName(name); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", name, got, want)
		}
	}
}

// Discovery reads the injected environment, not the process's: a test's
// HOME and XDG_CONFIG_HOME are the ones it gives.
func TestUserDirFromEnv(t *testing.T) {
	home := t.TempDir()
	dir, rule := UserDir(mapEnv(map[string]string{"HOME": home, "USERPROFILE": home, "home": home}))
	if dir != filepath.Join(home, ".config", "paylink") || rule != RuleHome {
		t.Errorf("UserDir = %q, %q", dir, rule)
	}
	dir, rule = UserDir(mapEnv(map[string]string{"XDG_CONFIG_HOME": "/x"}))
	if dir != filepath.Join("/x", "paylink") || rule != RuleXDG {
		t.Errorf("UserDir = %q, %q", dir, rule)
	}
	// A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
	if dir, _ = UserDir(mapEnv(map[string]string{"XDG_CONFIG_HOME": "rel"})); dir != "" {
		t.Errorf("UserDir with a relative XDG_CONFIG_HOME and no HOME = %q, want \"\"", dir)
	}
}
