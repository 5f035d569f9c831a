package ga4

import (
	"strings"
)

// testKind is how a Test compares a value.
type testKind int

const (
	kindIs       testKind = iota // the value is one of Words
	kindContains                 // the value contains one of Words
	kindEndsWith                 // the value ends with one of Words
	kindListed                   // the value is on Google's list of sites of a category
	kindPattern                  // the value matches one of Google's regular expressions
)

// Test is one condition of Google's table on one field. Values reach it
// in lower case.
type Test struct {
	Field    Field
	kind     testKind
	Words    []string
	Category Category
	Pattern  *Pattern
}

func is(f Field, words ...string) Test       { return Test{Field: f, kind: kindIs, Words: words} }
func contains(f Field, words ...string) Test { return Test{Field: f, kind: kindContains, Words: words} }
func endsWith(f Field, words ...string) Test { return Test{Field: f, kind: kindEndsWith, Words: words} }
func listed(f Field, c Category) Test        { return Test{Field: f, kind: kindListed, Category: c} }
func matches(f Field, p *Pattern) Test       { return Test{Field: f, kind: kindPattern, Pattern: p} }

func (t Test) holds(in input) bool {
	v := in.lower.Get(t.Field)
	switch t.kind {
	case kindIs:
		for _, w := range t.Words {
			if v == w {
				return true
			}
		}
	case kindContains:
		for _, w := range t.Words {
			if strings.Contains(v, w) {
				return true
			}
		}
	case kindEndsWith:
		for _, w := range t.Words {
			if strings.HasSuffix(v, w) {
				return true
			}
		}
	case kindListed:
		return t.Field == Source && in.category == t.Category
	case kindPattern:
		return t.Pattern.Match(v)
	}
	return false
}

// says is what holds of a value the test matched, for the verdict.
func (t Test) says() string {
	switch t.kind {
	case kindIs:
		if len(t.Words) == 1 {
			return "is " + t.Words[0]
		}
		return "is one of " + strings.Join(t.Words, ", ")
	case kindContains:
		return "contains " + strings.Join(t.Words, " or ")
	case kindEndsWith:
		return "ends with " + strings.Join(t.Words, " or ")
	case kindListed:
		return "is on Google's list of " + string(t.Category) + " sites"
	}
	return "matches the " + t.Pattern.Name + " pattern " + t.Pattern.Regexp
}

// Pattern is one of the regular expressions of Google's table, matched by
// hand: a bulk run classifies every row, and the hot path runs no regexp.
// A test checks Match against the expression itself.
type Pattern struct {
	Name   string // what it is for: "paid"
	Regexp string // Google's expression, as the page writes it
	Match  func(lower string) bool
}

// PaidMedium is ^(.*cp.*|ppc|retargeting|paid.*)$: cpc, cpm, cpv, ppc,
// retargeting, paid_social, …
var PaidMedium = &Pattern{"paid", `^(.*cp.*|ppc|retargeting|paid.*)$`, func(v string) bool {
	return strings.Contains(v, "cp") || v == "ppc" || v == "retargeting" || strings.HasPrefix(v, "paid")
}}

// ShopCampaign is ^(.*(([^a-df-z]|^)shop|shopping).*)$: "shopping"
// anywhere, or "shop" at the start or after anything but a letter other
// than e ("eshop", "summer_shop"; not "workshop" nor "bookshop").
var ShopCampaign = &Pattern{"shopping campaign", `^(.*(([^a-df-z]|^)shop|shopping).*)$`, func(v string) bool {
	if strings.Contains(v, "shopping") {
		return true
	}
	for i := 0; i+4 <= len(v); i++ {
		if v[i:i+4] == "shop" && (i == 0 || !isLetterButE(v[i-1])) {
			return true
		}
	}
	return false
}}

// VideoMedium is ^(.*video.*)$.
var VideoMedium = &Pattern{"video", `^(.*video.*)$`, func(v string) bool {
	return strings.Contains(v, "video")
}}

// isLetterButE is the class [a-df-z].
func isLetterButE(b byte) bool {
	return b >= 'a' && b <= 'z' && b != 'e'
}
