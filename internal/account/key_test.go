package account

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSecret = "rk_test_51Hx0SECRETkeyDoNotPrint0000"

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good", testSecret+"\n")
	live := write("live", "sk_live_abc123")
	twoLines := write("two", testSecret+"\nsk_test_other\n")
	empty := write("empty", "\n")
	big := write("big", strings.Repeat("k", maxKeyFile+1))
	pk := write("pk", "pk_test_abc")
	tests := []struct {
		name     string
		env      map[string]string
		file     string
		wantMode Mode
		wantErr  string // a part of the message; "" for success
	}{
		{"env", map[string]string{EnvKey: testSecret}, "", ModeTest, ""},
		{"env live", map[string]string{EnvKey: "sk_live_x1"}, "", ModeLive, ""},
		{"missing", nil, "", "", "set STRIPE_API_KEY"},
		{"file wins over env", map[string]string{EnvKey: "sk_test_fromenv"}, live, ModeLive, ""},
		{"file with newline", nil, good, ModeTest, ""},
		{"file missing", nil, filepath.Join(dir, "nope"), "", "no such file"},
		{"file is a folder", nil, dir, "", "is a folder"},
		{"two lines", nil, twoLines, "", "several lines"},
		{"empty file", nil, empty, "", "is empty"},
		{"big file", nil, big, "", "larger than"},
		{"publishable", nil, pk, "", "publishable key"},
		{"not a key", map[string]string{EnvKey: "hunter2"}, "", "", "not a Stripe secret or restricted key"},
		{"space inside", map[string]string{EnvKey: "sk_test_a b"}, "", "", "spaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := LoadKey(env(tt.env), tt.file, ReadAccess)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("LoadKey: %v", err)
				}
				if k.Mode() != tt.wantMode {
					t.Errorf("mode %q, want %q", k.Mode(), tt.wantMode)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.ExitCode() != 2 {
				t.Errorf("error %T is not an *Error with exit code 2", err)
			}
			for _, secret := range []string{testSecret, "hunter2", "sk_test_a b"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error shows the key: %v", err)
				}
			}
		})
	}
}

func TestKeyNeverFormatted(t *testing.T) {
	k, err := LoadKey(env(map[string]string{EnvKey: testSecret}), "", ReadAccess)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{k.String(), k.GoString(), fmtAll(k)} {
		if strings.Contains(s, testSecret) {
			t.Errorf("formatting the key shows it: %s", s)
		}
	}
	if k.Secret() != testSecret {
		t.Errorf("Secret() = %q", k.Secret())
	}
}
