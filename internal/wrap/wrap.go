// Package wrap breaks text into lines that fit a terminal's width, counting
// the columns each character takes on screen (a CJK character takes two, a
// combining accent none), not its bytes or runes.
package wrap

import (
	"strings"

	"github.com/rivo/uniseg"
)

// Width is the number of terminal columns s takes.
func Width(s string) int { return uniseg.StringWidth(s) }

// Lines breaks s at spaces into lines of at most width columns. A word
// wider than width is cut between characters, since nothing else would fit
// it. Runs of spaces at a break are dropped. A width below 1 means no limit.
func Lines(s string, width int) []string { return Hanging(s, width, 0) }

// Hanging is Lines with every line after the first indented by indent
// spaces, the indent counted in the width (and cut to leave one column).
func Hanging(s string, width, indent int) []string {
	if width < 1 || Width(s) <= width {
		return []string{s}
	}
	indent = min(indent, width-1)
	prefix := strings.Repeat(" ", indent)
	var lines []string
	var line strings.Builder
	room := width       // columns for text on the line being filled
	used, words := 0, 0 // its columns used and words written
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		line.WriteString(prefix)
		room, used, words = width-indent, 0, 0
	}
	for _, word := range strings.Fields(s) {
		w := Width(word)
		if words > 0 && used+1+w <= room {
			line.WriteByte(' ')
			line.WriteString(word)
			used, words = used+1+w, words+1
			continue
		}
		if words > 0 {
			flush()
		}
		for w > room {
			head, rest := cut(word, room)
			if rest == "" {
				break // one character wider than the line: it stands alone
			}
			line.WriteString(head)
			flush()
			// Cluster widths add up, so the rest's width is what the head
			// did not take: measuring rest anew made a long word quadratic.
			word, w = rest, w-Width(head)
		}
		line.WriteString(word)
		used, words = w, words+1
	}
	if words > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// cut splits word after as many whole characters as fit in width columns
// (at least one, so a character wider than width still makes progress).
func cut(word string, width int) (head, rest string) {
	used, end, state := 0, 0, -1
	rest = word
	for rest != "" {
		var cluster string
		var w int
		cluster, rest, w, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if end > 0 && used+w > width {
			break
		}
		used += w
		end += len(cluster)
	}
	return word[:end], word[end:]
}

// Shorten cuts s to at most width columns, the last one '…', between
// characters; s as it is when it fits.
func Shorten(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	head, _ := cut(s, width-1)
	if Width(head) > width-1 { // one character wider than the room
		head = ""
	}
	return head + "…"
}
