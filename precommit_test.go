package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/testutil"
)

// needTool returns the path of a program a test runs for real. Without it
// the test is skipped on a developer's machine, but under CI=true it fails:
// CI installs it (.ci/run), so a missing one is a broken CI, not a pass.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (%s); CI=true requires it", name, install)
	}
	t.Skipf("%s is not installed (%s)", name, install)
	return ""
}

// TestPreCommitHook runs the paylink-validate hook of .pre-commit-hooks.yaml
// under the real pre-commit, as a user of this repository would get it:
// `pre-commit try-repo` on this checkout (uncommitted changes included)
// builds paylink with go install (language: golang) and runs it on the
// files given. The bad file fails the hook, the good one passes.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paylink under pre-commit; not in -short")
	}
	// The slowest test of the package (two go installs under pre-commit):
	// it runs while the scripts run.
	t.Parallel()
	preCommit := needTool(t, "pre-commit", "apt-get install pre-commit")
	checkout, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	files := map[string]string{
		"good.md":   "[Buy](https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=news&utm_medium=email)\n",
		"bad.html":  `<a href="https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=spring sale">Buy</a>` + "\n",
		"notes.txt": "no links here\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		c := exec.Command("git", args...)
		c.Dir = repo
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q")
	git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".")

	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+t.TempDir(), // its own cache of hook environments
		"PRE_COMMIT_COLOR=never",
		// The hook's `go install` gets its own GOPATH from pre-commit; it
		// may share the module and build caches, which saves downloading
		// and compiling everything again.
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"),
		"GOCACHE="+goEnv(t, "GOCACHE"),
	)
	run := func(files ...string) (string, int) {
		t.Helper()
		return runIn(t, repo, env, preCommit, append([]string{"try-repo", checkout, "paylink-validate", "--files"}, files...)...)
	}

	out, code := run("good.md", "notes.txt")
	if code != 0 || !strings.Contains(out, "paylink validate") || !strings.Contains(out, "Passed") {
		t.Errorf("good files: exit %d, want 0 and Passed:\n%s", code, out)
	}
	out, code = run("good.md", "bad.html")
	want := `bad.html:1:10: utm_source: error: "spring sale": ' ' is not allowed`
	if code != 1 || !strings.Contains(out, "Failed") || !strings.Contains(out, want) || strings.Contains(out, "good.md:") {
		t.Errorf("bad file: exit %d, want 1, Failed and %q only:\n%s", code, want, out)
	}
}

// TestPreCommitFixHook runs the paylink-fix hook under the real
// pre-commit: it repairs the files in place, so pre-commit fails the commit
// for them to be added again; a file named like a flag is a file (its
// default args end with "--"); once repaired, the hook passes.
func TestPreCommitFixHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paylink under pre-commit; not in -short")
	}
	t.Parallel()
	preCommit := needTool(t, "pre-commit", "apt-get install pre-commit")
	hookRepo, rev := commitCheckout(t)
	bad := `<a href="https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=spring sale&amp;locale=fr_CA">Buy</a>` + "\n"
	fixed := `<a href="https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=spring-sale&amp;locale=fr-CA">Buy</a>` + "\n"
	repo := testutil.WriteTree(t, map[string]string{"page.html": bad, "--help.html": bad})
	gitIn(t, repo, "init", "-q")
	gitIn(t, repo, "add", ".")
	env := preCommitEnv(t)
	try := []string{"try-repo", hookRepo, "paylink-fix", "--ref", rev, "--all-files", "--color", "never"}

	out, code := runIn(t, repo, env, preCommit, try...)
	if code != 1 || !strings.Contains(out, "Failed") || !strings.Contains(out, "files were modified by this hook") ||
		!strings.Contains(out, `page.html:1:10: utm_source: fixed: "spring sale" → "spring-sale"`) {
		t.Errorf("first run: exit %d, want 1, Failed, files modified:\n%s", code, out)
	}
	for _, name := range []string{"page.html", "--help.html"} {
		if got, _ := os.ReadFile(filepath.Join(repo, name)); string(got) != fixed {
			t.Errorf("%s is %q, want %q", name, got, fixed)
		}
	}
	gitIn(t, repo, "add", ".")
	out, code = runIn(t, repo, env, preCommit, try...)
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Errorf("once repaired: exit %d, want 0 and Passed:\n%s", code, out)
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// TestPreCommitFlagNamedFiles: a commit may add files named like flags
// (-h, --help, --no-config). pre-commit runs entry, then args, then the
// file names, so the hook's args must end with "--" or paylink reads them
// as flags: -h prints help and passes the hook. The README's own
// .pre-commit-config.yaml (its custom-domain args) and the hook's default
// args are run under the real pre-commit on such a repository, with a bad
// link in -h and --no-config: the hook fails, naming them.
func TestPreCommitFlagNamedFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paylink under pre-commit; not in -short")
	}
	preCommit := needTool(t, "pre-commit", "apt-get install pre-commit")
	hookRepo, rev := commitCheckout(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n(repos:.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README has no .pre-commit-config.yaml example (a yaml block starting repos:)")
	}
	config := string(block[1])
	for old, repl := range map[string]string{"https://github.com/paylink/paylink": hookRepo, "rev: main": "rev: " + rev} {
		if !strings.Contains(config, old) {
			t.Fatalf("README's pre-commit example has no %q:\n%s", old, config)
		}
		config = strings.Replace(config, old, repl, 1)
	}
	bad := `<a href="https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=spring sale">Buy</a>` + "\n"
	good := `<a href="https://pay.example.com/b/test_eVa5nPg1j1wmfXq5kr?utm_source=spring">Buy</a>` + "\n"
	repo := testutil.WriteTree(t, map[string]string{
		".pre-commit-config.yaml": config,
		"-h":                      bad,
		"--help":                  good,
		"--no-config":             bad,
		"custom.md":               good, // needs the README's --allow-domain
	})
	gitIn(t, repo, "init", "-q")
	gitIn(t, repo, "add", ".")
	env := preCommitEnv(t)
	want := []string{"\n-h:1:10: ", "\n--no-config:1:10: "}

	out, code := runIn(t, repo, env, preCommit, "run", "--all-files", "--color", "never")
	if code != 1 || !strings.Contains(out, "Failed") || !containsAll(out, want) || strings.Contains(out, "custom.md") {
		t.Errorf("README's config: exit %d, want 1, Failed, %q and custom.md allowed:\n%s", code, want, out)
	}
	// The hook's default args, as try-repo runs them.
	out, code = runIn(t, repo, env, preCommit, "try-repo", hookRepo, "paylink-validate", "--ref", rev, "--all-files", "--color", "never")
	if code != 1 || !strings.Contains(out, "Failed") || !containsAll(out, want) {
		t.Errorf("default args: exit %d, want 1, Failed and %q:\n%s", code, want, out)
	}
}

// commitCheckout copies this checkout's tracked files, as they are in the
// work tree, into a new git repository and commits them: a repository
// pre-commit can clone at a revision.
func commitCheckout(t *testing.T) (dir, rev string) {
	t.Helper()
	files, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	dir = t.TempDir()
	for name := range strings.SplitSeq(strings.TrimSuffix(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "checkout")
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return dir, strings.TrimSpace(string(out))
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	c := exec.Command("git", args...)
	c.Dir = dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// preCommitEnv is pre-commit's environment in tests: its own cache of hook
// environments, and Go's module and build caches shared, which saves
// downloading and compiling everything again.
func preCommitEnv(t *testing.T) []string {
	return append(os.Environ(), "PRE_COMMIT_HOME="+t.TempDir(), "PRE_COMMIT_COLOR=never",
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOCACHE="+goEnv(t, "GOCACHE"))
}

// runIn runs a program in dir and returns its output and exit code.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	c := exec.Command(name, args...)
	c.Dir, c.Env = dir, env
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	return out.String(), 0
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
