package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/iostreams"
)

// Names that reach one file by different roads are the same file; names of
// different files, even with the same contents, are not.
func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name string) {
		t.Helper()
		if err := os.WriteFile(name, []byte("url\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.csv")
	write("b.csv")
	must(t, os.Link("a.csv", "hard.csv"))
	must(t, os.Symlink("a.csv", "soft.csv"))
	must(t, os.Symlink("new.txt", "dangling.txt"))
	must(t, os.Symlink(filepath.Join(dir, "chain.txt"), "abs.txt"))
	must(t, os.Symlink("abs.txt", "chain2.txt"))
	must(t, os.Mkdir("d", 0o755))
	must(t, os.Symlink(dir, "d/up"))
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"a.csv", "a.csv", true},
		{"a.csv", "./a.csv", true},
		{"a.csv", filepath.Join(dir, "a.csv"), true},
		{"a.csv", "d/../a.csv", true},
		{"a.csv", "d/up/a.csv", true},
		{"a.csv", "hard.csv", true},
		{"soft.csv", "a.csv", true},
		{"dangling.txt", "new.txt", true}, // the target is created through the link
		{"chain2.txt", "chain.txt", true}, // a link to a link, absolute, nothing exists
		{"new.txt", "d/up/new.txt", true}, // neither exists
		{"a.csv", "b.csv", false},
		{"new.txt", "other.txt", false},
		{"a.csv", "A.csv", false}, // a different name on a case-sensitive disk
	} {
		if tc.a == "a.csv" && tc.b == "A.csv" && caseInsensitive(t) {
			continue
		}
		if got := cmdutil.SameFile(tc.a, tc.b); got != tc.same {
			t.Errorf("SameFile(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

func caseInsensitive(t *testing.T) bool {
	_, err := os.Stat("A.csv")
	return err == nil
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A bulk build refuses, before reading its input, -o or --warnings naming
// the input (a hard link to it too) or each other; /dev/null may take both.
func TestCheckDistinctFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	must(t, os.WriteFile("in.csv", []byte("url\n"), 0o644))
	must(t, os.Link("in.csv", "hard.csv"))
	for _, tc := range []struct {
		o    BulkOptions
		want string // "" when allowed
	}{
		{BulkOptions{Input: "in.csv", Warnings: "hard.csv"}, `--input and --warnings name the same file ("in.csv" and "hard.csv"); --warnings would replace it`},
		{BulkOptions{Input: "in.csv", Output: "in.csv"}, `--input and --output name the same file "in.csv"; --output would replace it`},
		{BulkOptions{Input: "in.csv", Output: "o.csv", Warnings: "o.csv"}, `--output and --warnings name the same file "o.csv"`},
		{BulkOptions{Input: "in.csv", Output: "o.csv", Warnings: "w.txt"}, ""},
		{BulkOptions{Input: "in.csv", Output: "-", Warnings: "w.txt"}, ""},
		{BulkOptions{Input: "-", Output: "o.csv"}, ""},
		{BulkOptions{Input: "in.csv", Output: os.DevNull, Warnings: os.DevNull}, ""},
		{BulkOptions{Input: os.DevNull, Output: os.DevNull}, "--input and --output name the same file"},
	} {
		streams, _, _, _ := iostreams.Test()
		err := checkDistinctFiles(&tc.o, streams.In)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v, want no error", tc.o, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		case err != nil && !errors.As(err, new(*cmdutil.UsageError)):
			t.Errorf("%+v: %T, want a usage error (exit 2)", tc.o, err)
		}
	}
}

// -i - with stdin redirected from the file -o or --warnings names
// (paylink build -i - -o x.csv < x.csv) is refused as well.
func TestCheckDistinctFilesStdin(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	must(t, os.WriteFile("x.csv", []byte("url\n"), 0o644))
	in, err := os.Open("x.csv")
	must(t, err)
	defer in.Close()
	for _, o := range []BulkOptions{{Input: "-", Output: "x.csv"}, {Input: "-", Output: "o.csv", Warnings: "./x.csv"}} {
		err := checkDistinctFiles(&o, in)
		if err == nil || !strings.Contains(err.Error(), `"x.csv" is the file stdin reads (-i -)`) && !strings.Contains(err.Error(), `"./x.csv" is the file stdin reads`) {
			t.Errorf("%+v: %v, want a refusal naming the file stdin reads", o, err)
		}
	}
	o := BulkOptions{Input: "-", Output: "other.csv"}
	if err := checkDistinctFiles(&o, in); err != nil {
		t.Errorf("another -o file: %v", err)
	}
}
