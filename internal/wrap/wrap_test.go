package wrap

import (
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

func TestLines(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{"fits", "one two", 7, []string{"one two"}},
		{"no limit", "one two three", 0, []string{"one two three"}},
		{"at spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"exact fill", "aaa bbb ccc", 7, []string{"aaa bbb", "ccc"}},
		{"runs of spaces", "one   two", 3, []string{"one", "two"}},
		{"long word cut", "abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
		{"long word after text", "a abcdefgh", 4, []string{"a", "abcd", "efgh"}},
		{"wide characters", "日本語 セール", 6, []string{"日本語", "セール"}},
		{"wide word cut", "日本語セール", 5, []string{"日本", "語セ", "ール"}},
		{"combining accent takes no column", "cafe\u0301 bar", 8, []string{"cafe\u0301 bar"}},
		{"wider than width", "日", 1, []string{"日"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.in, tt.width)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lines(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

// FuzzLines: no line (indent included) is wider than asked (unless one character is), and
// no non-space character is lost or reordered.
func FuzzLines(f *testing.F) {
	f.Add("appended to the redirect URL after payment", 10, 0)
	f.Add("日本語セール é", 3, 2)
	f.Fuzz(func(t *testing.T, s string, width, indent int) {
		if width < 1 || width > 500 || indent < 0 || indent > 100 {
			return
		}
		lines := Hanging(s, width, indent)
		wide := Width(s) > width
		for _, l := range lines {
			// One character (a grapheme cluster: a letter and its
			// combining marks) wider than the room left stands alone.
			if wide && Width(l) > width && uniseg.GraphemeClusterCount(strings.TrimLeft(l, " ")) > 1 {
				t.Errorf("line %q is %d columns, over %d", l, Width(l), width)
			}
		}
		// Each line is stripped on its own: gluing lines first can join
		// two stray bytes into a new character ("\xc2" and "\x85" make
		// U+0085, a space to strings.Fields).
		var kept strings.Builder
		for _, l := range lines {
			kept.WriteString(strip(l))
		}
		if kept.String() != strip(s) {
			t.Errorf("Lines(%q, %d) = %q lost or moved text", s, width, lines)
		}
	})
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }

func TestHanging(t *testing.T) {
	tests := []struct {
		in            string
		width, indent int
		want          []string
	}{
		{"utm_source \"newsletter\"", 20, 4, []string{"utm_source", "    \"newsletter\""}},
		{"aa bb cc dd ee", 8, 2, []string{"aa bb cc", "  dd ee"}},
		{"abcdefghijkl", 6, 2, []string{"abcdef", "  ghij", "  kl"}},
		{"short", 20, 4, []string{"short"}},
	}
	for _, tt := range tests {
		got := Hanging(tt.in, tt.width, tt.indent)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Hanging(%q, %d, %d) = %q, want %q", tt.in, tt.width, tt.indent, got, tt.want)
		}
	}
}
