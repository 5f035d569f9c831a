package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
		args := append([]string{"try-repo", checkout, "paylink-validate", "--files"}, files...)
		c := exec.Command(preCommit, args...)
		c.Dir, c.Env = repo, env
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		err := c.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			return out.String(), exit.ExitCode()
		case err != nil:
			t.Fatalf("pre-commit: %v", err)
		}
		return out.String(), 0
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

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}
