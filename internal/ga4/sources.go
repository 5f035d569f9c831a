package ga4

import (
	_ "embed"
	"strings"
	"sync"
)

// Category is one of Google's source categories.
type Category string

const (
	Search   Category = "search"
	Social   Category = "social"
	Shopping Category = "shopping"
	Video    Category = "video"
)

// sourceCategories is Google's list of sources by category, as Google
// publishes it for download from the help page (see the package comment
// for where this copy comes from and its date): lines of
// "source,SOURCE_CATEGORY_X", unchanged, so a newer list replaces it
// whole and its diff is Google's.
//
//go:embed source_categories.csv
var sourceCategories string

// categories maps a source in lower case to its category, parsed once on
// first use.
var categories = sync.OnceValue(func() map[string]Category {
	m := map[string]Category{}
	for line := range strings.Lines(sourceCategories) {
		source, cat, ok := strings.Cut(strings.TrimRight(line, "\r\n"), ",")
		if !ok || source == "source" {
			continue // the header
		}
		m[strings.ToLower(source)] = Category(strings.ToLower(strings.TrimPrefix(cat, "SOURCE_CATEGORY_")))
	}
	return m
})

// CategoryOf returns the category of source (in any case) on Google's
// list, or "" when it is on none. The whole value must be the list's:
// "facebook" is social, "facebook-ads" is not.
func CategoryOf(source string) Category {
	return categories()[strings.ToLower(source)]
}

// Examples are well-known sources of each category, for a suggestion
// ("a social site GA4 lists, such as facebook"); a test checks that Google's
// list holds each.
var Examples = map[Category][]string{
	Search:   {"google", "bing", "duckduckgo"},
	Social:   {"facebook", "instagram", "linkedin", "tiktok"},
	Shopping: {"amazon", "shopify", "ebay"},
	Video:    {"youtube", "vimeo"},
}
