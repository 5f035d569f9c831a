package iostreams

import "testing"

// TestReportWidth: $COLUMNS wins when it is a positive number, capped at
// MaxColumns; else the terminal's width; else no limit for LayoutWidth,
// 80 for ReportWidth.
func TestReportWidth(t *testing.T) {
	s, _, _, _ := Test()
	for _, tc := range []struct {
		columns          string
		terminal         int
		layout, wantWide int
	}{
		{"", 0, 0, 80},
		{"", 132, 132, 132},
		{"60", 132, 60, 60},
		{"60", 0, 60, 60},
		{"99999999999", 0, MaxColumns, MaxColumns},
		{"-3", 100, 100, 100},
		{"wide", 0, 0, 80},
	} {
		s.SetTerminalWidth(tc.terminal)
		env := func(k string) (string, bool) { return tc.columns, tc.columns != "" && k == "COLUMNS" }
		if got := s.LayoutWidth(env); got != tc.layout {
			t.Errorf("LayoutWidth, COLUMNS=%q, terminal %d: %d, want %d", tc.columns, tc.terminal, got, tc.layout)
		}
		if got := s.ReportWidth(env); got != tc.wantWide {
			t.Errorf("ReportWidth, COLUMNS=%q, terminal %d: %d, want %d", tc.columns, tc.terminal, got, tc.wantWide)
		}
	}
}
