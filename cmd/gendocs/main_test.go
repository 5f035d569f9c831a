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

// TestManTitles: each page's .TH line names its own command, so that
// man shows PAYLINK-BUILD(1) at the top of paylink build's page.
func TestManTitles(t *testing.T) {
	dir := t.TempDir()
	if err := writeMan(dir); err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil || len(pages) < 10 {
		t.Fatalf("%d pages: %v", len(pages), err)
	}
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(page), ".1") // paylink-presets-list
		want := `.TH "` + strings.ToUpper(name) + `" "1"`
		if !strings.Contains(string(data), want) {
			th, _, _ := strings.Cut(string(data[strings.Index(string(data), ".TH"):]), "\n")
			t.Errorf("%s: %s, want %s ...", filepath.Base(page), th, want)
		}
	}
}
