package iostreams

import "testing"

// TestReportWidth: $COLUMNS wins when it is a positive number, capped at
// MaxColumns; else the terminal's width; else 80.
func TestReportWidth(t *testing.T) {
	s, _, _, _ := Test()
	for _, tc := range []struct {
		columns  string
		terminal int
		want     int
	}{
		{"", 0, 80},
		{"", 132, 132},
		{"60", 132, 60},
		{"99999999999", 0, MaxColumns},
		{"-3", 100, 100},
		{"wide", 0, 80},
	} {
		s.SetTerminalWidth(tc.terminal)
		env := func(k string) (string, bool) { return tc.columns, tc.columns != "" && k == "COLUMNS" }
		if got := s.ReportWidth(env); got != tc.want {
			t.Errorf("COLUMNS=%q, terminal %d: %d, want %d", tc.columns, tc.terminal, got, tc.want)
		}
	}
}
