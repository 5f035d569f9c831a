package main

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paylink/paylink/cmd"
	"github.com/paylink/paylink/internal/iostreams"
)

// readmeExample is one "$ paylink ..." line of a console block of the
// README, with what the README shows it prints and, when an "echo $?"
// follows, the exit code it shows.
type readmeExample struct {
	line   int // in README.md
	args   []string
	output string
	code   int // -1 when the README does not show it
}

// TestREADMEExamples runs the README's self-contained examples (build,
// validate and inspect of links written on the command line: no file,
// config or terminal involved) and compares what they print, stdout and
// stderr as one stream, and their exit code when shown, with the README:
// an example that no longer reads as the program prints fails here, not
// in a stranger's first hour.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("COLUMNS", "") // as the README's examples print, not as this shell is wide
	ran := 0
	for _, ex := range readmeExamples(t, readme) {
		if !selfContained(ex.args) {
			continue
		}
		ran++
		t.Run(strconv.Itoa(ex.line), func(t *testing.T) {
			s, _, out, _ := iostreams.Test()
			s.ErrOut = out // one stream, in the order printed, as a terminal shows it
			code := cmd.Execute(ex.args[1:], s)
			if got := out.String(); !matchesShown(got, ex.output) {
				t.Errorf("README.md:%d: paylink %s\nprints:\n%s\nthe README shows:\n%s", ex.line, strings.Join(ex.args[1:], " "), got, ex.output)
			}
			if ex.code >= 0 && code != ex.code {
				t.Errorf("README.md:%d: exit %d, the README shows %d", ex.line, code, ex.code)
			}
		})
	}
	if ran < 5 {
		t.Errorf("only %d README examples ran: its console blocks or this test's reading of them changed", ran)
	}
}

// matchesShown reports whether got is what the README shows: the same
// lines, where a line "..." in shown stands for any lines (the README
// leaves out what the example is not about), blank lines at the end aside
// (they part one example from the next).
func matchesShown(got, shown string) bool {
	g := strings.Split(strings.TrimRight(got, "\n"), "\n")
	w := strings.Split(strings.TrimRight(shown, "\n"), "\n")
	var match func(g, w []string) bool
	match = func(g, w []string) bool {
		switch {
		case len(w) == 0:
			return len(g) == 0
		case w[0] == "...":
			for i := 0; i <= len(g); i++ {
				if match(g[i:], w[1:]) {
					return true
				}
			}
			return false
		}
		return len(g) > 0 && g[0] == w[0] && match(g[1:], w[1:])
	}
	return match(g, w)
}

// selfContained reports whether a README command needs nothing but its
// arguments: paylink build, validate or inspect, with no file, config,
// clipboard, QR code or Stripe account.
func selfContained(args []string) bool {
	if len(args) < 2 || args[0] != "paylink" || !slices.Contains([]string{"build", "validate", "inspect"}, args[1]) {
		return false
	}
	for _, a := range args[2:] {
		name, _, _ := strings.Cut(a, "=")
		switch name {
		case "-i", "--input", "--scan", "-p", "--preset", "--copy", "--qr", "--qr-png", "--stripe", "-o", "--output", "--config":
			return false
		}
	}
	return true
}

// skipMarker, an HTML comment (unseen on GitHub) before a console block,
// says why its examples cannot run as written: a config file the text
// around it describes, say.
const skipMarker = "<!-- not run by TestREADMEExamples:"

// readmeExamples reads the "$ " lines of the README's console blocks.
func readmeExamples(t *testing.T, readme []byte) []readmeExample {
	var out []readmeExample
	var cur *readmeExample
	inBlock, skip, skipBlock := false, false, false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, skipMarker):
			skip = true
		case strings.HasPrefix(line, "```console"):
			inBlock, cur, skipBlock, skip = true, nil, skip, false
		case inBlock && strings.HasPrefix(line, "```"):
			inBlock, cur = false, nil
		case !inBlock:
		case line == "$ echo $?":
			if cur != nil {
				cur.code = -2 // the next line is the code
			}
		case cur != nil && cur.code == -2:
			c, err := strconv.Atoi(line)
			if err != nil {
				t.Fatalf("README.md:%d: %q after echo $?, want an exit code", n, line)
			}
			cur.code, cur = c, nil
		case strings.HasPrefix(line, "$ ") && skipBlock:
			cur = nil
		case strings.HasPrefix(line, "$ "):
			out = append(out, readmeExample{line: n, args: shellWords(t, n, strings.TrimPrefix(line, "$ ")), code: -1})
			cur = &out[len(out)-1]
		case cur != nil:
			cur.output += line + "\n"
		}
	}
	return out
}

// shellWords splits a command line as sh does for the README's examples:
// words apart at spaces, '...' and "..." quoting, a # comment at the end.
func shellWords(t *testing.T, n int, s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !inWord:
			i = len(s)
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				t.Fatalf("README.md:%d: unclosed quote in %q", n, s)
			}
			w.WriteString(s[i+1 : i+1+end])
			i, inWord = i+1+end, true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
