package bulk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// matchName is how a CSV column name or a JSON Lines key is matched against
// url, preset and the parameters: spaces around it trimmed, ASCII letters
// lower-cased, and ' ' and '-' read as '_'. So "UTM Campaign" and
// "utm-campaign" set the campaign rather than pass through while the link
// is built without it.
func matchName(name string) string {
	name = foldASCII(strings.TrimSpace(name))
	if strings.ContainsAny(name, " -") {
		name = strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' {
				return '_'
			}
			return r
		}, name)
	}
	return name
}

// matchRule ends the message about two names matched as one.
const matchRule = "matched ignoring case, with ' ' and '-' read as '_'"

// twiceMessage is the error of a header or object naming one column or key
// twice: both spellings, and why they are one when they differ.
func twiceMessage(what, first, second, where string) string {
	if first == second {
		return fmt.Sprintf("%s %q appears twice in the %s", what, second, where)
	}
	return fmt.Sprintf("%ss %q and %q are the same %s, %s (%ss are %s); keep one", what, first, second, what, matchName(second), what, matchRule)
}

// lookalike returns the parameter (or preset) a column name or key that
// matched none looks like: one a typo away from it (utm_campagin), or a
// UTM code's name without its utm_ (campaign). Such a column passes through
// unchanged, and the links are built without the value the user meant to
// set: the run warns about it once.
func lookalike(name string) (string, bool) {
	n := matchName(name)
	if n == "" || slices.Contains(link.IgnoredUTM, n) {
		return "", false
	}
	for _, p := range link.Params {
		if bare, ok := strings.CutPrefix(p.Name, "utm_"); ok && n == bare {
			return p.Name, true
		}
	}
	for _, want := range append(paramNames(), PresetColumn) {
		// One edit is a typo in a short name; in a long one, two (a swap).
		limit := 2
		if len(want) <= 6 {
			limit = 1
		}
		if link.Distance(n, want) <= limit || swapped(n, want) {
			return want, true
		}
	}
	return "", false
}

// swapped reports whether a is b with two neighbouring bytes swapped
// (locael), the commonest typo, which Levenshtein counts as two edits.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

func paramNames() []string {
	names := make([]string, len(link.Params))
	for i, p := range link.Params {
		names[i] = p.Name
	}
	return names
}

// lookalikeMessage is the warning about a column or key that looks like
// want but is not it.
func lookalikeMessage(what, name, want string) string {
	return fmt.Sprintf("%s %q looks like %s but is not it: it is passed through unchanged and sets nothing; name it %s if it holds %s values", what, name, want, want, want)
}

// maxLookalikeNotes bounds the warnings about one CSV header's columns: a
// hostile header of 100,000 "source" columns gets a count, not a flood.
const maxLookalikeNotes = 10

// maxLookalikeKeys bounds the distinct JSON Lines keys checked for
// lookalikes: a hostile input could make every row's keys new.
const maxLookalikeKeys = 256

// noteLookalikeKeys warns, once per key, about the keys of a JSON Lines
// row that matched nothing but look like a parameter. Every key is checked
// once: the rows after the first cost a map lookup per key.
func (r *runner) noteLookalikeKeys(line int, members []member) {
	for _, m := range members {
		if _, checked := r.checkedKeys[m.name]; checked || len(r.checkedKeys) >= maxLookalikeKeys {
			continue
		}
		if r.checkedKeys == nil {
			r.checkedKeys = map[string]struct{}{}
		}
		r.checkedKeys[m.name] = struct{}{}
		if _, ok := slotOf(m.name); ok || m.name == linkColumn || m.name == errorColumn {
			continue
		}
		if want, ok := lookalike(m.name); ok {
			r.cur.notes = append(r.cur.notes, note{line, lookalikeMessage("key", m.name, want)})
		}
	}
}

// note is a warning about the input rather than a row's link (a column
// that looks like a parameter), written in full before the rows of its
// batch.
type note struct {
	line int
	msg  string
}
