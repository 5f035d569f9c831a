package build

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	installed := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/paylink/paylink", Version: "v1.2.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-11-27T17:20:35Z"},
			{Key: "vcs.modified", Value: "false"},
		},
	}
	dirtyDevel := &debug.BuildInfo{
		Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name string
		set  Info
		bi   *debug.BuildInfo
		want Info
	}{
		{"linker flags win", Info{"v9.9.9", "fff", "2030-01-01T00:00:00Z"}, installed, Info{"v9.9.9", "fff", "2030-01-01T00:00:00Z"}},
		{"go install fills all three", Info{}, installed, Info{"v1.2.0", "0123456789abcdef0123456789abcdef01234567", "2026-11-27T17:20:35Z"}},
		{"each field falls back alone", Info{Version: "v2.0.0"}, installed, Info{"v2.0.0", "0123456789abcdef0123456789abcdef01234567", "2026-11-27T17:20:35Z"}},
		{"devel build of a modified tree", Info{}, dirtyDevel, Info{"dev", "abc-dirty", Unknown}},
		{"no build information", Info{}, nil, Info{"dev", Unknown, Unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolve(tt.set, tt.bi); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestString(t *testing.T) {
	got := Info{"v1.2.0", "abc", "2026-11-27T17:20:35Z"}.String()
	if want := "v1.2.0 (commit abc, built 2026-11-27T17:20:35Z)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
