package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/wrap"
)

// campaigns is reconcile's table grouped by utm_campaign, trimmed: a CJK
// value takes two columns a character.
func campaigns() *Table {
	return &Table{
		Columns: []Column{{Header: "CAMPAIGN", Min: 4, Key: true}, {Header: "LINKS", Right: true}, {Header: "PAID", Right: true}},
		Rows:    [][]string{{"春春春", "1", "1"}, {"spring", "12", "0"}},
	}
}

// TestCJKAligned: 春春春 is six columns wide, as spring is: both get the
// same padding (worked out by hand: CAMPAIGN is 8 wide, then 2 of gap).
func TestCJKAligned(t *testing.T) {
	want := "" +
		"CAMPAIGN  LINKS  PAID\n" +
		"春春春        1     1\n" +
		"spring       12     0\n"
	if got := campaigns().String(0); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
		if wrap.Width(line) != 21 {
			t.Errorf("%q is %d columns", line, wrap.Width(line))
		}
	}
}

func TestEmojiAligned(t *testing.T) {
	tb := &Table{Columns: []Column{{Header: "NAME"}, {Header: "N", Right: true}}, Rows: [][]string{{"🎉", "1"}, {"ab", "2"}}}
	want := "NAME  N\n🎉    1\nab    2\n"
	if got := tb.String(80); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestNarrowCuts: a column with a Min is cut, with '…', to fit; by whole
// characters, so a CJK cell may end a column short (padded).
func TestNarrowCuts(t *testing.T) {
	want := "" +
		"CAMP…  LINKS  PAID\n" +
		"春春…      1     1\n" +
		"spri…     12     0\n"
	if got := campaigns().String(18); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestStacked: narrower than any table, each row is a block: its key
// cells, then "HEADER value" fields under an indent, never cut.
func TestStacked(t *testing.T) {
	want := "" +
		"春春春\n" +
		"  LINKS 1\n" +
		"  PAID 1\n" +
		"spring\n" +
		"  LINKS 12\n" +
		"  PAID 0\n"
	if got := campaigns().String(12); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A column that may not be cut: one column short of the table, the
	// fields share a line.
	tb := campaigns()
	tb.Columns[0].Min = 0
	want = "春春春\n  LINKS 1  PAID 1\nspring\n  LINKS 12  PAID 0\n"
	if got := tb.String(20); got != want {
		t.Errorf("width 20: got\n%s\nwant\n%s", got, want)
	}
}

// TestBar: the bar takes the room the table leaves, when at least one of
// BarWidths; a huge $COLUMNS is capped at MaxWidth.
func TestBar(t *testing.T) {
	tb := campaigns()
	var asked []int
	tb.Bar = func(i, n int) string { asked = append(asked, n); return strings.Repeat("#", n) }
	tb.BarWidths = []int{12, 6}
	got := tb.String(30) // the table is 21 wide: 30-21-2 = 7 for the bar
	if want := "CAMPAIGN  LINKS  PAID\n春春春        1     1  #######\nspring       12     0  #######\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	asked = nil
	tb.String(99999999999)
	if len(asked) != 2 || asked[0] != MaxWidth-21-2 {
		t.Errorf("bar widths asked at a huge width: %v, want %d", asked, MaxWidth-23)
	}
	if got := tb.String(24); strings.Contains(got, "#") { // 1 column left: no bar
		t.Errorf("a bar in 1 column:\n%s", got)
	}
}

// TestWrapLastColumn: the last column wraps under itself; below Wrap
// columns of room, blocks.
func TestWrapLastColumn(t *testing.T) {
	tb := &Table{
		Columns: []Column{{Header: "PARAMETER", Key: true}, {Header: "STATUS"}, {Header: "WHAT HAPPENS"}},
		Rows:    [][]string{{"utm_source", "dropped", "Stripe drops the value silently"}},
		Wrap:    10,
		KeySep:  " ",
	}
	want := "" +
		"PARAMETER   STATUS   WHAT HAPPENS\n" +
		"utm_source  dropped  Stripe drops\n" +
		"                     the value\n" +
		"                     silently\n"
	if got := tb.String(33); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	want = "utm_source\n  STATUS dropped\n  WHAT HAPPENS Stripe\n  drops the value\n  silently\n"
	if got := tb.String(22); got != want {
		t.Errorf("width 22: got\n%s\nwant\n%s", got, want)
	}
}

// TestPaint: a painted cell keeps its column's width; the padding is not
// painted.
func TestPaint(t *testing.T) {
	tb := &Table{Columns: []Column{{Header: "A"}, {Header: "B"}}, Rows: [][]string{{"x", "y"}},
		Paint: func(row, col int) string {
			if row == 0 && col == 0 {
				return "\x1b[31m"
			}
			return ""
		}}
	if got, want := tb.String(0), "A  B\n\x1b[31mx\x1b[0m  y\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"spring", 6, "spring"},
		{"spring", 5, "spri…"},
		{"春春春春", 5, "春春…"},
		{"春春春", 4, "春…"},
		{"春", 1, "…"},
	} {
		if got := wrap.Shorten(tt.in, tt.width); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestLines: facts written as "label\tvalue" lines line up by display
// width; a line with an empty label continues the value above.
func TestLines(t *testing.T) {
	l := NewLines(2)
	fmt.Fprintf(l, "link\t%s\n", "https://buy.stripe.com/x")
	fmt.Fprintf(l, "商品\t%s\n\tmore\n", "a")
	want := "link  https://buy.stripe.com/x\n商品  a\n      more\n"
	if got := l.String(0); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
