// Package ga4 knows Google Analytics 4's default channel group: the fixed
// rules by which GA4 sorts a session into a channel (Email, Paid Social,
// Organic Search, …) from its source, medium and campaign, which for a
// tracked payment link are the utm_source, utm_medium and utm_campaign
// the redirect after payment carries to the team's site.
//
// The rules are one table, Rules, read top to bottom: the first channel
// whose rule matches wins, as in GA4. Pure functions and data; no I/O.
//
// Where the rules come from: Google's help page "[GA4] Default channel
// group", https://support.google.com/analytics/answer/9756891, its table
// "Channels for manual traffic" (the rules for UTM-tagged sessions), read
// from the copies in the search tool's store of public pages and from the
// rule-by-rule quotation of it in the dbt-ga4 project
// (github.com/Velir/dbt-ga4, macros/default_channel_grouping.sql, commit
// 9dfdbd4, 2023-11-04, "Align default channel groupings with GA4 docs").
// The source categories (social, search, video and shopping sites) are
// Google's downloadable list as dbt-ga4 keeps it
// (seeds/ga4_source_categories.csv, same commit, 2023-11-04), copied
// unchanged into source_categories.csv. Read 2026-12-06.
//
// What the table leaves out, because a link cannot know it:
//   - the page's rows for Google Ads, Display & Video 360, Search Ads 360
//     and Campaign Manager traffic: with auto-tagging (gclid, gbraid,
//     wbraid, dclid) GA4 takes the channel from the ad platform's own data
//     (campaign type, ad network), not from the UTM codes (AutoTagged);
//   - a session without UTM codes: GA4 takes its source and medium from
//     the referrer (Direct without one; Referral, Organic Search or Organic
//     Social with one), which only the browser knows (ByReferrer);
//   - the AI Assistant channel secondary sources report since May 2026:
//     GA4 sets it from the referrer of an AI assistant, and no copy of
//     Google's page at hand states its rule, so it is not guessed here.
package ga4

import "strings"

// Field is the part of a session a rule reads.
type Field int

const (
	Source   Field = iota // utm_source
	Medium                // utm_medium
	Campaign              // utm_campaign
)

// Param is the query parameter that sets f.
func (f Field) Param() string {
	return [...]string{"utm_source", "utm_medium", "utm_campaign"}[f]
}

// Session is what a rule reads: the values as GA4 receives them.
type Session struct {
	Source, Medium, Campaign string
}

// Get is the value of f.
func (s Session) Get(f Field) string {
	return [...]string{s.Source, s.Medium, s.Campaign}[f]
}

// Channel names, as GA4 reports them.
const (
	Direct          = "Direct"
	CrossNetwork    = "Cross-network"
	PaidShopping    = "Paid Shopping"
	PaidSearch      = "Paid Search"
	PaidSocial      = "Paid Social"
	PaidVideo       = "Paid Video"
	Display         = "Display"
	PaidOther       = "Paid Other"
	OrganicShopping = "Organic Shopping"
	OrganicSocial   = "Organic Social"
	OrganicVideo    = "Organic Video"
	OrganicSearch   = "Organic Search"
	Referral        = "Referral"
	Email           = "Email"
	Affiliates      = "Affiliates"
	Audio           = "Audio"
	SMS             = "SMS"
	MobilePush      = "Mobile Push Notifications"
	Unassigned      = "Unassigned" // no rule matched
)

// Rule is one row of Google's table: the channel, and its condition as a
// conjunction of alternatives: every group of When must have a test that
// matches ("(A or B) and C" is {{A, B}, {C}}).
type Rule struct {
	Channel string
	When    []AnyOf
}

// AnyOf matches when one of its tests does.
type AnyOf []Test

// Rules is GA4's default channel group for UTM-tagged sessions, in the
// order of Google's table, which is the order GA4 tries them in: the first
// match wins, so `cpm` from a social site is Paid Social, not Display.
// Unassigned is what no rule matches.
var Rules = []Rule{
	{Direct, []AnyOf{{is(Source, "(direct)")}, {is(Medium, "(not set)", "(none)")}}},
	{CrossNetwork, []AnyOf{{contains(Campaign, "cross-network")}}},
	{PaidShopping, []AnyOf{{listed(Source, Shopping), matches(Campaign, ShopCampaign)}, {matches(Medium, PaidMedium)}}},
	{PaidSearch, []AnyOf{{listed(Source, Search)}, {matches(Medium, PaidMedium)}}},
	{PaidSocial, []AnyOf{{listed(Source, Social)}, {matches(Medium, PaidMedium)}}},
	{PaidVideo, []AnyOf{{listed(Source, Video)}, {matches(Medium, PaidMedium)}}},
	{Display, []AnyOf{{is(Medium, "display", "banner", "expandable", "interstitial", "cpm")}}},
	{PaidOther, []AnyOf{{matches(Medium, PaidMedium)}}},
	{OrganicShopping, []AnyOf{{listed(Source, Shopping), matches(Campaign, ShopCampaign)}}},
	{OrganicSocial, []AnyOf{{listed(Source, Social), is(Medium, "social", "social-network", "social-media", "sm", "social network", "social media")}}},
	{OrganicVideo, []AnyOf{{listed(Source, Video), matches(Medium, VideoMedium)}}},
	{OrganicSearch, []AnyOf{{listed(Source, Search), is(Medium, "organic")}}},
	{Referral, []AnyOf{{is(Medium, "referral", "app", "link")}}},
	// Google's page writes "Source = email|e-mail|e_mail|e mail": the whole
	// value is one of them, so "e-mail-blast" is not Email (dbt-ga4 tests
	// for a substring and would say Email).
	{Email, []AnyOf{{is(Source, emailWords...), is(Medium, emailWords...)}}},
	{Affiliates, []AnyOf{{is(Medium, "affiliate")}}},
	{Audio, []AnyOf{{is(Medium, "audio")}}},
	{SMS, []AnyOf{{is(Source, "sms"), is(Medium, "sms")}}},
	{MobilePush, []AnyOf{{endsWith(Medium, "push"), contains(Medium, "mobile", "notification"), is(Source, "firebase")}}},
}

var emailWords = []string{"email", "e-mail", "e_mail", "e mail"}

// Channels is every channel GA4's default group can report for a tagged
// session, in the order of Rules, Unassigned last.
func Channels() []string {
	out := make([]string, 0, len(Rules)+1)
	for _, r := range Rules {
		out = append(out, r.Channel)
	}
	return append(out, Unassigned)
}

// Match is one test that held, for saying why a channel was chosen.
type Match struct {
	Field Field
	Value string // the value as given
	Says  string // what holds of it: "is on Google's list of social sites"
}

// Verdict is the channel a session lands in and the tests that put it
// there (none for Unassigned).
type Verdict struct {
	Channel string
	Matched []Match
}

// Classify returns the channel GA4's default channel group puts s in.
// Case does not matter: Google's page says Analytics does not enforce case
// sensitivity in these definitions.
func Classify(s Session) Verdict {
	in := read(s)
	for _, r := range Rules {
		if r.holds(in) {
			return Verdict{Channel: r.Channel, Matched: r.matched(s, in)}
		}
	}
	return Verdict{Channel: Unassigned}
}

// ChannelOf is Classify's channel alone, without saying why: a bulk run
// with policy.channels asks it of every row.
func ChannelOf(s Session) string {
	in := read(s)
	for _, r := range Rules {
		if r.holds(in) {
			return r.Channel
		}
	}
	return Unassigned
}

// input is a session as the rules read it: in lower case (a value already
// lower, as paylink writes most, is not copied), and the category of its
// source looked up once.
type input struct {
	lower    Session
	category Category
}

func read(s Session) input {
	lower := Session{strings.ToLower(s.Source), strings.ToLower(s.Medium), strings.ToLower(s.Campaign)}
	return input{lower, categories()[lower.Source]}
}

// holds says whether every group of the rule has a test that holds.
func (r Rule) holds(in input) bool {
	for _, group := range r.When {
		if !group.holds(in) {
			return false
		}
	}
	return true
}

func (g AnyOf) holds(in input) bool {
	for _, t := range g {
		if t.holds(in) {
			return true
		}
	}
	return false
}

// matched returns the first test of each group that holds, with the value
// as given.
func (r Rule) matched(s Session, in input) []Match {
	out := make([]Match, 0, len(r.When))
	for _, group := range r.When {
		for _, t := range group {
			if t.holds(in) {
				out = append(out, Match{Field: t.Field, Value: s.Get(t.Field), Says: t.says()})
				break
			}
		}
	}
	return out
}

// AutoTagParams are the Google Ads and Display & Video 360 click ids: a
// session that carries one takes its channel from the ad platform, whose
// data (campaign type, ad network) a link does not hold.
var AutoTagParams = []string{"gclid", "gbraid", "wbraid", "dclid"}

// AutoTagged says what GA4 does with a session carrying the click id name.
func AutoTagged(name string) string {
	return "the link carries " + name + ": with auto-tagging GA4 takes source, medium and campaign from the ad platform " +
		"(the Google Ads rows of Google's table, by campaign type and ad network), not from these UTM codes"
}

// ByReferrer says what GA4 does with a session without utm_source and
// utm_medium.
const ByReferrer = "no utm_source or utm_medium: GA4 takes the channel from the session's referrer " +
	"(Direct without one; Referral, Organic Search or Organic Social with one), which a link cannot know"
