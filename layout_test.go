package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The layering rules README.md states under "Code layout" are checked here,
// on the source itself, so that they stay true.

const module = "github.com/paylink/paylink"

// goFile is a parsed non-test Go file of the module.
type goFile struct {
	path string // slash-separated, from the module root
	dir  string // its package's folder
	ast  *ast.File
}

// sources parses every non-test Go file of the module.
func sources(t *testing.T) []goFile {
	t.Helper()
	var files []goFile
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		path = filepath.ToSlash(path)
		files = append(files, goFile{path, filepath.ToSlash(filepath.Dir(path)), f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found %d Go files; run from the module root", len(files))
	}
	return files
}

func imports(f *ast.File) []string {
	var out []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		out = append(out, p)
	}
	return out
}

// importName is the name file f uses for the package at path, "" when it
// does not import it.
func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return path[strings.LastIndex(path, "/")+1:]
		}
	}
	return ""
}

// Data flows one way, cmd → config → link: nothing under internal/ may
// import cobra, nor the command tree in cmd. A tool that needs either, such
// as the man-page generator, lives under cmd/; what every command shares
// and needs cobra for (the factory and binder, errors, suggestions, the
// --format vocabulary, help's wrapping) lives in cmd/cmdutil.
func TestInternalImportsNoCobra(t *testing.T) {
	for _, f := range sources(t) {
		if !strings.HasPrefix(f.path, "internal/") {
			continue
		}
		for _, p := range imports(f.ast) {
			if p == "github.com/spf13/cobra" || strings.HasPrefix(p, "github.com/spf13/cobra/") ||
				p == module+"/cmd" || strings.HasPrefix(p, module+"/cmd/") {
				t.Errorf("%s imports %s; nothing under internal/ may (move it under cmd/)", f.path, p)
			}
		}
	}
}

// --format has one vocabulary: every command defines it with
// cmdutil.FormatFlag, never as a plain string flag checked by hand.
func TestFormatFlagFromOneHelper(t *testing.T) {
	defining := []string{"String", "StringP", "StringVar", "StringVarP"}
	for _, f := range sources(t) {
		if f.dir == "cmd/cmdutil" {
			continue
		}
		ast.Inspect(f.ast, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !slices.Contains(defining, sel.Sel.Name) {
				return true
			}
			for _, arg := range call.Args {
				if lit, ok := arg.(*ast.BasicLit); ok && lit.Value == `"format"` {
					t.Errorf("%s defines --format with %s; use cmdutil.FormatFlag", f.path, sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// One table: columns are laid out by internal/table, which measures text
// as a terminal shows it; text/tabwriter counts runes, so a CJK cell
// would come out of line.
func TestNoTabwriter(t *testing.T) {
	for _, f := range sources(t) {
		if slices.Contains(imports(f.ast), "text/tabwriter") {
			t.Errorf("%s imports text/tabwriter; lay columns out with internal/table", f.path)
		}
	}
}

// internal/link is the engine: pure functions over links and values. It
// imports nothing of the module but its leaves of pure functions and data:
// internal/safe, the escaping of text for messages, and internal/ga4, GA4's
// default channel group; and nothing that does I/O.
func TestLinkImportsNothingOfTheModule(t *testing.T) {
	leaves := []string{module + "/internal/safe", module + "/internal/ga4"}
	io := []string{"os", "os/exec", "io/fs", "io/ioutil", "net/http", "bufio"}
	for _, f := range sources(t) {
		if f.dir != "internal/link" && !slices.Contains(leaves, module+"/"+f.dir) {
			continue
		}
		for _, p := range imports(f.ast) {
			if strings.HasPrefix(p, module+"/") && !slices.Contains(leaves, p) || slices.Contains(io, p) {
				t.Errorf("%s imports %s; internal/link (and the leaves it uses) import nothing of the module and do no I/O", f.path, p)
			}
		}
	}
}

// internal/exitcode is a leaf any package may return a code through, so it
// imports nothing of the module: a code defined anywhere else would be a
// second set.
func TestExitcodeIsALeaf(t *testing.T) {
	found := false
	for _, f := range sources(t) {
		if f.dir != "internal/exitcode" {
			continue
		}
		found = true
		for _, p := range imports(f.ast) {
			if strings.HasPrefix(p, module+"/") {
				t.Errorf("%s imports %s; internal/exitcode imports nothing of the module", f.path, p)
			}
		}
	}
	if !found {
		t.Error("internal/exitcode not found")
	}
}

// internal/textin is the one reader of inputs: it alone drops a byte-order
// mark (no other file holds U+FEFF in a string) and reads lines (no
// bufio.Scanner, whose limit and message each copy chose anew; testutil's
// reading of a tool's output is not an input).
func TestOneReader(t *testing.T) {
	for _, f := range sources(t) {
		if f.dir == "internal/textin" {
			continue
		}
		bufio := importName(f.ast, "bufio")
		ast.Inspect(f.ast, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if v, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && strings.ContainsRune(v, '\uFEFF') {
					t.Errorf("%s handles a byte-order mark; textin.Start drops it for every input", f.path)
				}
			case *ast.SelectorExpr:
				if bufio != "" && isIdent(n.X, bufio) && n.Sel.Name == "NewScanner" && f.dir != "internal/testutil" {
					t.Errorf("%s reads lines with bufio.Scanner; use textin.EachLine and the input's limit", f.path)
				}
			}
			return true
		})
	}
}

// Only main packages end the process: commands return errors, and cmd maps
// them to exit codes in one place. (Tests may, in TestMain and helpers.)
func TestOSExitOnlyInMain(t *testing.T) {
	for _, f := range sources(t) {
		if f.ast.Name.Name == "main" {
			continue
		}
		os := importName(f.ast, "os")
		ast.Inspect(f.ast, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && os != "" && isIdent(sel.X, os) && sel.Sel.Name == "Exit" {
				t.Errorf("%s calls os.Exit; only a main package may (return an error instead)", f.path)
			}
			return true
		})
	}
}

// viper is used only through a local instance (viper.New): the package-level
// functions read and write one global viper, shared by every command and
// every test, which is how settings leak between them.
func TestNoGlobalViper(t *testing.T) {
	constructors := []string{"New", "NewWithOptions", "NewCodecRegistry", "KeyDelimiter", "EnvKeyReplacer"}
	for _, f := range sources(t) {
		name := importName(f.ast, "github.com/spf13/viper")
		if name == "" {
			continue
		}
		ast.Inspect(f.ast, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && isIdent(sel.X, name) && isFunc(sel.Sel.Name) && !slices.Contains(constructors, sel.Sel.Name) {
				t.Errorf("%s calls viper.%s, the global viper; use a local one (viper.New())", f.path, sel.Sel.Name)
			}
			return true
		})
	}
}

// No command is a package-level variable set up in init(): each tree is
// built by its constructor, so every test gets a fresh one.
func TestNoInit(t *testing.T) {
	for _, f := range sources(t) {
		for _, d := range f.ast.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s has an init function; build what it sets up in a constructor", f.path)
			}
		}
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// isFunc tells a function or method name (upper case, not a type such as
// viper.Viper or viper.Option) from the package's types, by the names viper
// uses for its types.
func isFunc(name string) bool {
	return name != "Viper" && name != "Option" && name != "DecoderConfigOption" && name != "Encoder" && name != "Decoder" &&
		name != "ConfigFileNotFoundError" && name != "ConfigParseError" && name != "RemoteProvider" && name != "CodecRegistry"
}

// The parameter table names its fields: ten positional values, seven of
// them strings side by side, are one swap away from a wrong rule.
func TestParamsTableKeyed(t *testing.T) {
	found := false
	for _, f := range sources(t) {
		if f.path != "internal/link/params.go" {
			continue
		}
		ast.Inspect(f.ast, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok || len(spec.Names) != 1 || spec.Names[0].Name != "Params" || len(spec.Values) != 1 {
				return true
			}
			found = true
			table, _ := spec.Values[0].(*ast.CompositeLit)
			for i, row := range table.Elts {
				lit, _ := row.(*ast.CompositeLit)
				for _, field := range lit.Elts {
					if _, keyed := field.(*ast.KeyValueExpr); !keyed {
						t.Errorf("link.Params row %d has a positional field; write Name: value", i)
						break
					}
				}
			}
			return false
		})
	}
	if !found {
		t.Error("link.Params not found in internal/link/params.go")
	}
}

// internal/reconcile is a pure tally: it reads records and counts them. The
// account (stripe-go, the network) is cmd's to reach; listing hands
// reconcile plain values.
func TestReconcileReachesNoAccount(t *testing.T) {
	banned := []string{module + "/internal/account", "github.com/stripe/stripe-go/v85", "net/http", "net"}
	for _, f := range sources(t) {
		if f.dir != "internal/reconcile" {
			continue
		}
		for _, p := range imports(f.ast) {
			if slices.Contains(banned, p) {
				t.Errorf("%s imports %s; internal/reconcile is a pure tally (list from the account in cmd, through internal/account)", f.path, p)
			}
		}
	}
}
