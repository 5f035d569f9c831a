package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/paylink/paylink/internal/testutil"
)

// action is what the runner reads of action.yml.
type action struct {
	Inputs map[string]struct {
		Default string
	}
	Runs struct {
		Using string
		Steps []struct {
			Name, Uses, Run, Shell string
			Env                    map[string]string
		}
	}
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// runner plays the part of the GitHub Actions runner for the action's run
// steps: it evaluates each step's env (${{ inputs.x }} with the input or its
// default, ${{ github.x }}), runs the script with bash as `shell: bash`
// does (bash --noprofile --norc -eo pipefail), and carries $GITHUB_PATH
// over to the next step's PATH.
type runner struct {
	t         *testing.T
	a         action
	inputs    map[string]string
	github    map[string]string
	workspace string
	temp      string
	path      string
	extraEnv  []string // after the rest, so these win
}

var expr = regexp.MustCompile(`^\$\{\{ (inputs|github)\.([a-z_-]+) \}\}$`)

func (r *runner) env(step int) []string {
	r.t.Helper()
	s := r.a.Runs.Steps[step]
	// A runner's own HOME, not the developer's: a ~/.config/paylink there
	// must not reach the steps. Go's caches come in by name below.
	env := []string{"PATH=" + r.path, "HOME=" + filepath.Join(r.temp, "home"), "RUNNER_TEMP=" + r.temp,
		"GITHUB_PATH=" + filepath.Join(r.temp, "github_path"), "GITHUB_WORKSPACE=" + r.workspace}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPROXY", "GOFLAGS", "GOTOOLCHAIN"} {
		env = append(env, name+"="+goEnv(r.t, name))
	}
	for k, v := range s.Env {
		m := expr.FindStringSubmatch(v)
		if m == nil {
			r.t.Fatalf("step %q: env %s=%q is not an ${{ inputs.x }} or ${{ github.x }} expression", s.Name, k, v)
		}
		val := r.github[m[2]]
		if m[1] == "inputs" {
			in, declared := r.a.Inputs[m[2]]
			if !declared {
				r.t.Fatalf("step %q: input %q is not declared", s.Name, m[2])
			}
			val = in.Default
			if given, ok := r.inputs[m[2]]; ok {
				val = given
			}
		}
		env = append(env, k+"="+val)
	}
	return append(env, r.extraEnv...)
}

// step runs the run step named name and returns its output and exit code.
func (r *runner) step(name string) (string, int) {
	r.t.Helper()
	i := slices.IndexFunc(r.a.Runs.Steps, func(s struct {
		Name, Uses, Run, Shell string
		Env                    map[string]string
	}) bool {
		return s.Name == name
	})
	if i < 0 {
		r.t.Fatalf("action.yml has no step %q", name)
	}
	s := r.a.Runs.Steps[i]
	if s.Shell != "bash" {
		r.t.Fatalf("step %q: shell %q, want bash", name, s.Shell)
	}
	c := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
	c.Dir, c.Env = r.workspace, r.env(i)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	// What the step appended to $GITHUB_PATH comes first in later steps' PATH.
	if added, _ := os.ReadFile(filepath.Join(r.temp, "github_path")); len(added) > 0 {
		for _, dir := range strings.Fields(string(added)) {
			if !strings.HasPrefix(r.path, dir+":") {
				r.path = dir + ":" + r.path
			}
		}
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	case err != nil:
		r.t.Fatalf("step %q: %v", name, err)
	}
	return out.String(), 0
}

// TestActionDeclaration: the inputs the README documents, with their
// defaults, and run steps that take inputs only from the environment: an
// input pasted into a script as ${{ inputs.x }} could inject shell code.
func TestActionDeclaration(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	want := map[string]string{"paths": ".", "allow-domain": "", "format": "github", "output": "", "version": "", "fail-on": "error", "config": ""}
	for name, def := range want {
		if in, ok := a.Inputs[name]; !ok || in.Default != def {
			t.Errorf("input %q: %+v, want default %q", name, in, def)
		}
	}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q pastes an expression into its script", s.Name)
		}
	}
}

// TestActionRunSteps installs paylink with the action's install step (from
// the action's own folder, as for `uses: ./`, since no ref is published
// here) and runs its scan step on a workspace with each format.
func TestActionRunSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paylink; not in -short")
	}
	t.Parallel() // it waits on go build and go install: run it beside the scripts
	checkout, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ws := testutil.WriteTree(t, map[string]string{
		"site/index.html": `<a href="https://pay.example.com/b/eVa5nPg1j1wmfXq5kr?utm_source=spring sale">Buy</a>` + "\n",
		"docs/readme.md":  "[Buy](https://buy.stripe.com/eVa5nPg1j1wmfXq5kr?utm_id=x)\n",
		"other/ok.md":     "[Buy](https://buy.stripe.com/eVa5nPg1j1wmfXq5kr?utm_source=ok)\n",
		// A pull request's own config, allowing its lookalike domain.
		"paylink.yaml":         "domains: [buy.stripe.com.evil.example]\n",
		"pr/pay.md":            "[Pay](https://buy.stripe.com.evil.example/eVa5nPg1j1wmfXq5kr)\n",
		"trusted/paylink.yaml": "domains: [pay.example.com]\n",
	})
	r := &runner{t: t, a: readAction(t), workspace: ws, temp: t.TempDir(), path: os.Getenv("PATH"),
		github: map[string]string{"action_ref": "", "action_path": checkout}}

	out, code := r.step("Install paylink")
	if code != 0 || !strings.Contains(out, "paylink") {
		t.Fatalf("install: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(r.temp, "paylink-bin", "paylink")); err != nil {
		t.Fatalf("install left no paylink in $RUNNER_TEMP/paylink-bin: %v", err)
	}

	// Defaults: format github, fail on errors. Several paths, a custom
	// domain among several (comma and space separated).
	r.inputs = map[string]string{"paths": "site\ndocs", "allow-domain": "shop.example.org, pay.example.com"}
	out, code = r.step("Check the payment links")
	if code != 1 || !strings.Contains(out, "::error file=site/index.html,line=1,col=10,title=paylink%3A utm_source::") ||
		!strings.Contains(out, "::warning file=docs/readme.md,line=1,col=7,") || !strings.Contains(out, "1 error, 1 warning in 2 files") {
		t.Errorf("github format: exit %d, want 1 and annotations:\n%s", code, out)
	}

	// Warnings only: pass by default, fail with fail-on: warning.
	r.inputs = map[string]string{"paths": "docs other"}
	if out, code = r.step("Check the payment links"); code != 0 {
		t.Errorf("warnings only: exit %d, want 0\n%s", code, out)
	}
	r.inputs["fail-on"] = "warning"
	if out, code = r.step("Check the payment links"); code != 1 {
		t.Errorf("fail-on warning: exit %d, want 1\n%s", code, out)
	}

	// SARIF to a file, for upload-sarif: valid by the official schema.
	r.inputs = map[string]string{"paths": "site docs", "allow-domain": "pay.example.com", "format": "sarif", "output": "paylink.sarif"}
	if out, code = r.step("Check the payment links"); code != 1 {
		t.Errorf("sarif: exit %d, want 1\n%s", code, out)
	}
	doc, err := os.ReadFile(filepath.Join(ws, "paylink.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := testutil.ValidateJSON(filepath.Join(checkout, "internal/sarif/testdata/sarif-schema-2.1.0.json"), doc); err != nil {
		t.Errorf("paylink.sarif is not valid SARIF: %v", err)
	}
	if !bytes.Contains(doc, []byte(`"uri": "site/index.html"`)) {
		t.Errorf("paylink.sarif has no result for site/index.html:\n%s", doc)
	}

	// The checkout's paylink.yaml is the pull request's: not read by
	// default, so its lookalike domain stays an error.
	r.inputs = map[string]string{"paths": "pr"}
	out, code = r.step("Check the payment links")
	if code != 1 || !strings.Contains(out, "::error file=pr/pay.md,") || !strings.Contains(out, "lookalike") {
		t.Errorf("the repository's config: exit %d, want 1 and the lookalike refused:\n%s", code, out)
	}
	// The config input names a trusted file, which is read.
	r.inputs = map[string]string{"paths": "site", "config": "trusted/paylink.yaml"}
	if out, code = r.step("Check the payment links"); code != 1 || !strings.Contains(out, "utm_source") || strings.Contains(out, "pay.example.com\" is not") {
		t.Errorf("config input: exit %d, want 1 for the utm_source only, pay.example.com allowed:\n%s", code, out)
	}

	// A hostile input stays data: no shell code runs, the path is a path.
	r.inputs = map[string]string{"paths": "$(touch pwned) ;touch pwned2 *"}
	out, code = r.step("Check the payment links")
	if _, err := os.Stat(filepath.Join(ws, "pwned")); err == nil || code != 2 {
		t.Errorf("hostile paths: exit %d (want 2: no such files), pwned created: %v\n%s", code, err == nil, out)
	}
	if _, err := os.Stat(filepath.Join(ws, "pwned2")); err == nil {
		t.Error("hostile paths ran a command")
	}
}

// TestActionInstallsAtRef runs the install step as it runs for
// `uses: paylink/paylink@REF`: go install github.com/paylink/paylink@REF,
// or @VERSION when the version input is set. No version of paylink is
// published here, so this checkout is served as version v0.0.1 by a
// module proxy in a folder (GOPROXY=file://...), backed by the local
// module cache for the dependencies: no network, not even the checksum
// database (GOSUMDB=off).
func TestActionInstallsAtRef(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paylink; not in -short")
	}
	t.Parallel() // it waits on go build and go install: run it beside the scripts
	proxy := t.TempDir()
	serveCheckout(t, proxy, "v0.0.1")
	r := &runner{t: t, a: readAction(t), workspace: t.TempDir(), temp: t.TempDir(), path: os.Getenv("PATH"),
		github: map[string]string{"action_ref": "v0.0.1", "action_path": "/nonexistent"},
		extraEnv: []string{
			"GOPROXY=file://" + filepath.ToSlash(proxy) + ",file://" + filepath.ToSlash(filepath.Join(goEnv(t, "GOMODCACHE"), "cache", "download")),
			"GOMODCACHE=" + t.TempDir(),
			// -modcacherw: so that the test can remove its module cache.
			// -trimpath: so that the build cache, keyed without the
			// folder, serves the next run of this test, whose module
			// cache is another folder.
			"GOFLAGS=-modcacherw -trimpath",
			// The checksum database cannot know v0.0.1 and is not reachable
			// offline; the dependencies are checked against the go.sum
			// served in the module, and come from the verified local cache.
			"GOSUMDB=off",
		}}
	out, code := r.step("Install paylink")
	if code != 0 || !strings.Contains(out, "paylink version v0.0.1 ") {
		t.Fatalf("install at the action's ref: exit %d, want 0 and paylink version v0.0.1\n%s", code, out)
	}
	// The version input wins over the ref, which here names no version.
	r.github["action_ref"] = "no-such-ref"
	r.inputs = map[string]string{"version": "v0.0.1"}
	if out, code = r.step("Install paylink"); code != 0 || !strings.Contains(out, "paylink version v0.0.1 ") {
		t.Fatalf("install at the version input: exit %d\n%s", code, out)
	}
	r.inputs = nil
	if out, code = r.step("Install paylink"); code == 0 {
		t.Fatalf("install at a ref that does not exist: exit 0\n%s", out)
	}
}

// serveCheckout lays out this checkout's tracked files as version of the
// module github.com/paylink/paylink in a GOPROXY folder.
func serveCheckout(t *testing.T, proxy, version string) {
	t.Helper()
	dir := filepath.Join(proxy, "github.com", "paylink", "paylink", "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name := range strings.SplitSeq(strings.TrimSuffix(string(files), "\x00"), "\x00") {
		if strings.HasPrefix(name, "tools/") {
			continue // a module of its own (tools/go.mod): not in paylink's zip
		}
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create("github.com/paylink/paylink@" + version + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": []byte(`{"Version":"` + version + `","Time":"2026-01-01T00:00:00Z"}`),
		version + ".mod":  gomod,
		version + ".zip":  buf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestREADMEWorkflows parses the YAML examples of the README's CI section
// and checks that every use of this action passes only inputs action.yml
// declares, and every pre-commit hook named is one .pre-commit-hooks.yaml
// offers.
func TestREADMEWorkflows(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	a := readAction(t)
	var hooks []struct{ ID string }
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	uses, hookIDs := 0, 0
	for _, b := range blocks {
		var doc struct {
			Jobs map[string]struct {
				Steps []struct {
					Uses string
					With map[string]string
				}
			}
			Repos []struct {
				Repo  string
				Hooks []struct{ ID string }
			}
		}
		if err := yaml.Unmarshal([]byte(b[1]), &doc); err != nil {
			t.Errorf("README YAML does not parse: %v\n%s", err, b[1])
			continue
		}
		for _, job := range doc.Jobs {
			for _, s := range job.Steps {
				if !strings.HasPrefix(s.Uses, "paylink/paylink@") {
					continue
				}
				uses++
				for k := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("README passes input %q, which action.yml does not declare", k)
					}
				}
			}
		}
		for _, r := range doc.Repos {
			for _, h := range r.Hooks {
				hookIDs++
				if !slices.ContainsFunc(hooks, func(x struct{ ID string }) bool { return x.ID == h.ID }) {
					t.Errorf("README names hook %q, which .pre-commit-hooks.yaml does not offer", h.ID)
				}
			}
		}
	}
	if uses < 2 || hookIDs < 1 {
		t.Errorf("README shows %d uses of the action and %d hooks; want the workflow, the SARIF variant and the hook", uses, hookIDs)
	}
}
