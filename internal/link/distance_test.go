package link

import (
	"strings"
	"testing"
)

// TestDistance: the one edit distance behind every did-you-mean (locales,
// config keys, preset names, flags).
func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"utm-sorce", "utm-source", 1}, {"kitten", "sitting", 3},
		{strings.Repeat("a", 65), "a", 65}, // over 64 bytes: its length, not measured
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
