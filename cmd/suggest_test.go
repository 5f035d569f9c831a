package cmd

import (
	"testing"

	"github.com/paylink/paylink/cmd/cmdutil"
)

func TestClosestFlag(t *testing.T) {
	build := NewBuildCmd(testFactory(nil), nil)
	tests := []struct{ typed, want string }{
		{"utm_source", "utm-source"},
		{"UTM_SOURCE", "utm-source"},
		{"utm-sorce", "utm-source"},
		{"campaign", "utm-campaign"},
		{"client_reference_id", "client-reference-id"},
		{"prefiled-email", "prefilled-email"},
		{"email", ""}, // ends two flags: no guess
		{"bogus", ""},
	}
	for _, tt := range tests {
		if got := cmdutil.ClosestFlag(build, tt.typed); got != tt.want {
			t.Errorf("cmdutil.ClosestFlag(build, %q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}
