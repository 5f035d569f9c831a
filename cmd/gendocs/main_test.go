package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteMan(t *testing.T) {
	dir := t.TempDir()
	if err := writeMan(dir); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"paylink.1", "paylink-build.1", "paylink-completion.1"} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, section := range []string{".SH NAME", ".SH DESCRIPTION", ".SH EXAMPLE", "Exit codes"} {
			if !strings.Contains(string(data), section) {
				t.Errorf("%s has no %q", page, section)
			}
		}
	}
}
