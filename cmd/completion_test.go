package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// completionFiles are the checked-in scripts, by shell, that `make
// completions` writes.
var completionFiles = map[string]string{
	"bash":       "paylink.bash",
	"zsh":        "_paylink",
	"fish":       "paylink.fish",
	"powershell": "paylink.ps1",
}

// TestCompletionsUpToDate regenerates each script from a fresh command tree
// and compares it with the one in completions/: a new command or flag must
// come with regenerated scripts.
func TestCompletionsUpToDate(t *testing.T) {
	for _, shell := range shells {
		t.Run(shell, func(t *testing.T) {
			streams, _, out, errOut := iostreams.Test()
			if code := Execute([]string{"completion", shell}, streams); code != exitcode.OK || errOut.Len() != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut.String())
			}
			path := filepath.Join("..", "completions", completionFiles[shell])
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v: run make completions", err)
			}
			if out.String() != string(want) {
				t.Errorf("%s is stale: run make completions and commit the result", path)
			}
		})
	}
}

func TestCompletionNeedsOneKnownShell(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		streams, _, out, errOut := iostreams.Test()
		if code := Execute(args, streams); code != exitcode.Usage {
			t.Errorf("%q: exit %d, want %d", args, code, exitcode.Usage)
		}
		if out.Len() != 0 || !strings.HasPrefix(errOut.String(), "error: give one shell: bash, zsh, fish, powershell\n") {
			t.Errorf("%q: stdout %q, stderr %q", args, out.String(), errOut.String())
		}
	}
}

func TestCompletionNoDescriptions(t *testing.T) {
	with, without := completeScript(t, "fish"), completeScript(t, "fish", "--no-descriptions")
	if with == without {
		t.Error("--no-descriptions changed nothing")
	}
}

func completeScript(t *testing.T, args ...string) string {
	t.Helper()
	streams, _, out, _ := iostreams.Test()
	if code := Execute(append([]string{"completion"}, args...), streams); code != exitcode.OK {
		t.Fatalf("exit %d", code)
	}
	return out.String()
}

// TestDynamicCompletion asks the command tree what the scripts ask it: the
// scripts call `paylink __complete ARGS...`.
func TestDynamicCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "bu"}, []string{"build"}},
		{[]string{"__complete", "completion", ""}, shells},
		{[]string{"__complete", "build", "--qr"}, []string{"--qr", "--qr-png"}},
	}
	for _, tt := range tests {
		streams, _, out, _ := iostreams.Test()
		if code := Execute(tt.args, streams); code != exitcode.OK {
			t.Fatalf("%q: exit %d", tt.args, code)
		}
		var got []string
		for _, line := range strings.Split(out.String(), "\n") {
			if line != "" && !strings.HasPrefix(line, ":") {
				got = append(got, strings.SplitN(line, "\t", 2)[0])
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: completed %q, want %q", tt.args, got, tt.want)
		}
	}
}
