package ga4

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// FuzzClassify: for any session the verdict is one of the channels, the
// patterns matched by hand agree with Google's expressions on every
// value, and case never changes the channel.
func FuzzClassify(f *testing.F) {
	for _, c := range channelCases {
		f.Add(c.source, c.medium, c.campaign)
	}
	res := map[*Pattern]*regexp.Regexp{}
	for _, p := range []*Pattern{PaidMedium, ShopCampaign, VideoMedium} {
		// (?s): Go's '.' stops at a line break, Google's values hold none,
		// and the hand matchers read every byte alike.
		res[p] = regexp.MustCompile("(?s)" + p.Regexp)
	}
	channels := Channels()
	f.Fuzz(func(t *testing.T, source, medium, campaign string) {
		v := Classify(Session{source, medium, campaign})
		if !slices.Contains(channels, v.Channel) {
			t.Fatalf("channel %q is not one of GA4's", v.Channel)
		}
		// Not strings.EqualFold: the question is whether upper-casing then
		// lower-casing gives back the lower case ('ſ' upper-cases to 'S',
		// which lower-cases to 's'), a stricter test than simple folding.
		all := source + medium + campaign
		//lint:ignore SA6005 the round trip is the point, see above
		roundTrips := strings.ToLower(strings.ToUpper(all)) == strings.ToLower(all)
		if up := Classify(Session{strings.ToUpper(source), strings.ToUpper(medium), strings.ToUpper(campaign)}); up.Channel != v.Channel && roundTrips {
			t.Fatalf("upper case: %s, as given: %s", up.Channel, v.Channel)
		}
		for p, re := range res {
			for _, s := range []string{source, medium, campaign} {
				s = strings.ToLower(s)
				if p.Match(s) != re.MatchString(s) {
					t.Fatalf("%s pattern on %q: by hand %v, regexp %v", p.Name, s, p.Match(s), re.MatchString(s))
				}
			}
		}
	})
}
