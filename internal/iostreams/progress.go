package iostreams

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/wrap"
)

// Progress draws one status line on stderr while a bulk build runs, when
// stderr is a terminal and the input a regular file (its size gives the
// share done); otherwise it does nothing.
//
// The line is redrawn in place ("\r", the text, erase to the end of the
// line) and always fits the terminal's width, asked anew at each redraw: a
// line as wide as the terminal would wrap, and "\r" would then redraw only
// its last row, leaving the others behind. Only the goroutine that runs the
// pipeline's writer calls it (bulk.Config.Progress), and the messages of
// the run go through its writer, which takes the line away first.
type Progress struct {
	w     io.Writer
	width func() int // the terminal's columns now, 0 if unknown
	size  int64      // bytes of input
	now   func() time.Time
	start time.Time
	last  time.Time // of the last redraw
	shown bool      // a status line is on the screen
}

// redrawEvery spaces the redraws: often enough to look alive, rarely
// enough to cost nothing.
const redrawEvery = 100 * time.Millisecond

// StartProgress starts a status line on w, a terminal of width() columns
// (0 if unknown), for an input of size bytes (0 when only counting).
func StartProgress(w io.Writer, width func() int, size int64, now func() time.Time) *Progress {
	return &Progress{w: w, width: width, size: size, now: now, start: now()}
}

// Update is bulk.Config.Progress: called after each batch of rows, it
// redraws the line at most ten times a second.
func (p *Progress) Update(bytesRead, rows int64) {
	if p.w == nil {
		return
	}
	now := p.now()
	if p.shown && now.Sub(p.last) < redrawEvery {
		return
	}
	p.last = now
	p.draw(statusLine(bytesRead, p.size, rows, now.Sub(p.start), p.columns()))
}

// Say replaces the line with a message, such as what the run waits for
// once every row is written.
func (p *Progress) Say(msg string) {
	if p.w != nil {
		p.draw(fit(safe.Text(msg), p.columns()))
	}
}

// Count returns a callback that says "what: N" with N the count it is
// given, at most ten times a second: a listing's progress.
func (p *Progress) Count(what string) func(n int) {
	return func(n int) {
		if now := p.now(); now.Sub(p.last) >= redrawEvery {
			p.last = now
			p.Say(what + ": " + Thousands(int64(n)))
		}
	}
}

// Clear takes the line away, for the summary or an error to follow.
func (p *Progress) Clear() {
	if p.w != nil && p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// Writer is where the run's messages go: the status line is taken away
// before each, and the next update draws it again below them.
func (p *Progress) Writer(w io.Writer) io.Writer {
	if p.w == nil {
		return w
	}
	return &aboveProgress{p, w}
}

type aboveProgress struct {
	p *Progress
	w io.Writer
}

func (a *aboveProgress) Write(b []byte) (int, error) {
	a.p.Clear()
	return a.w.Write(b)
}

func (p *Progress) draw(line string) {
	io.WriteString(p.w, "\r"+line+"\x1b[K")
	p.shown = true
}

// columns is how much of a terminal line the status may take: all but the
// last column, since a terminal wraps (or not) once it is written.
func (p *Progress) columns() int {
	w := 80
	if p.width != nil {
		if n := p.width(); n > 0 {
			w = n
		}
	}
	return max(w-1, 1)
}

// statusLine is the progress line for width columns: the most it can say
// that fits, from
//
//	42% [==========>              ] 120,000 rows, 95,000 rows/s, elapsed 1s, 2s left
//
// down to the share done alone.
func statusLine(read, size, rows int64, elapsed time.Duration, columns int) string {
	share := min(max(float64(read)/float64(size), 0), 1)
	pct := fmt.Sprintf("%3d%%", int(share*100))
	timing := "elapsed " + seconds(elapsed)
	left := ""
	if share > 0 && elapsed >= time.Second/2 {
		left = seconds(time.Duration(float64(elapsed)*(1-share)/share)) + " left"
		timing += ", " + left
	}
	count := Thousands(rows) + " rows"
	rate := ""
	if s := elapsed.Seconds(); s > 0 {
		rate = Thousands(int64(float64(rows)/s)) + " rows/s"
	}
	tail := join(count, rate, timing)
	if barWidth := columns - wrap.Width(pct) - wrap.Width(tail) - 2; barWidth >= 10 {
		return pct + " " + bar(share, min(barWidth, 30)) + " " + tail
	}
	for _, line := range []string{
		pct + " " + tail,
		pct + " " + join(count, timing),
		pct + " " + timing,
		pct + " " + left,
	} {
		if wrap.Width(line) <= columns {
			return strings.TrimSpace(line)
		}
	}
	return fit(strings.TrimSpace(pct), columns)
}

// bar draws share as [=====>    ], columns wide in all.
func bar(share float64, columns int) string {
	inner := columns - 2
	done := int(share * float64(inner))
	var b strings.Builder
	b.WriteByte('[')
	b.WriteString(strings.Repeat("=", done))
	if done < inner {
		b.WriteByte('>')
		b.WriteString(strings.Repeat(" ", inner-done-1))
	}
	b.WriteByte(']')
	return b.String()
}

// seconds writes d as 8s, 3m05s or 2h07m.
func seconds(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}

// join joins the non-empty parts with ", ".
func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}

// fit cuts s to columns, marking the cut with "…".
func fit(s string, columns int) string {
	if wrap.Width(s) <= columns {
		return s
	}
	return strings.TrimRight(strings.TrimSuffix(wrap.Shorten(s, columns), "…"), " ") + "…"
}

// Thousands writes n with comma separators: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
