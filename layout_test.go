package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Data flows one way, cmd → config → link (STYLE.md): nothing under
// internal/ may import cobra, nor the command tree in cmd. A tool that needs
// either, such as the man-page generator, lives under cmd/.
func TestInternalImportsNoCobra(t *testing.T) {
	err := filepath.WalkDir("internal", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "github.com/spf13/cobra" || strings.HasPrefix(p, "github.com/spf13/cobra/") ||
				p == "github.com/paylink/paylink/cmd" || strings.HasPrefix(p, "github.com/paylink/paylink/cmd/") {
				t.Errorf("%s imports %s; nothing under internal/ may (move it under cmd/)", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
