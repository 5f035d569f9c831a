package link

import (
	"slices"
	"strings"

	"github.com/paylink/paylink/internal/ga4"
)

// Channel is the GA4 default channel a link's UTM codes land in, and why.
type Channel struct {
	// Name is the channel, as GA4 reports it; "" when the link carries no
	// utm_source nor utm_medium and GA4 decides by the session's referrer.
	Name string
	// Rule says which of GA4's rules matched, or what GA4 would do instead.
	Rule string
}

// Channel returns the GA4 default channel of the UTM codes Stripe records
// from l: a value Stripe drops never reaches GA4, so it counts as absent.
func (l *Link) Channel() Channel {
	q := l.Query()
	s, tagged := session(q, func(rp RawParam) (string, bool) {
		p, _ := Lookup(rp.Key)
		return rp.Value, rp.DecodeOK && Check(p, rp.Value) == nil
	})
	c := ChannelOf(s, tagged)
	if rescued, tagged := sanitizedSession(q, nil); tagged && rescued != s {
		if r := ChannelOf(rescued, true); r.Name != c.Name {
			raw, _ := session(q, func(rp RawParam) (string, bool) { return rp.Value, true })
			given, written := dropped(s, raw, rescued)
			c.Rule += "; Stripe drops " + given + "; sanitized to " + written + " (as paylink build writes it) the link would land in " + r.Name
		}
	}
	for _, name := range ga4.AutoTagParams {
		if slices.ContainsFunc(q, func(rp RawParam) bool { return rp.Key == name }) {
			c.Rule += "; " + ga4.AutoTagged(name)
		}
	}
	return c
}

// dropped names the values Stripe drops (those of raw that recorded, the
// values Stripe keeps, lacks) and their sanitized spelling:
// `utm_medium "e mail"` and `"e-mail"`.
func dropped(recorded, raw, sanitized ga4.Session) (given, written string) {
	var g, w []string
	for f := ga4.Source; f <= ga4.Campaign; f++ {
		if recorded.Get(f) != sanitized.Get(f) {
			g = append(g, f.Param()+" "+quote(raw.Get(f)))
			w = append(w, quote(sanitized.Get(f)))
		}
	}
	return strings.Join(g, " and "), strings.Join(w, " and ")
}

// ChannelOf is the channel of s; tagged says whether s has a source or a
// medium.
func ChannelOf(s ga4.Session, tagged bool) Channel {
	if !tagged {
		return Channel{Rule: ga4.ByReferrer}
	}
	v := ga4.Classify(s)
	return Channel{Name: v.Channel, Rule: ruleText(s, v)}
}

// session reads the source, medium and campaign of a query: the first
// copy of each that value accepts, as value gives it. tagged says whether
// it found a source or a medium.
func session(q []RawParam, value func(RawParam) (string, bool)) (s ga4.Session, tagged bool) {
	fields := [...]*string{&s.Source, &s.Medium, &s.Campaign}
	for _, rp := range q {
		for f, field := range fields {
			if rp.Key != ga4.Field(f).Param() || *field != "" || rp.Value == "" {
				continue
			}
			if v, ok := value(rp); ok {
				*field = v
			}
		}
	}
	return s, s.Source != "" || s.Medium != ""
}

// ruleText says why v's channel was chosen: `utm_source "facebook" is on
// Google's list of social sites and utm_medium "cpc" matches the paid
// pattern ^(...)$`.
func ruleText(s ga4.Session, v ga4.Verdict) string {
	if v.Channel == ga4.Unassigned {
		fields, n := describe(s)
		verb := " match"
		if n == 1 {
			verb = " matches"
		}
		return fields + verb + " no rule of GA4's default channel group"
	}
	parts := make([]string, len(v.Matched))
	for i, m := range v.Matched {
		parts[i] = m.Field.Param() + " " + quote(m.Value) + " " + m.Says
	}
	return strings.Join(parts, " and ")
}

// describe lists the fields s sets, `utm_source "x" and utm_medium "y"`,
// and says how many.
func describe(s ga4.Session) (string, int) {
	var parts []string
	for f, v := range [...]string{s.Source, s.Medium, s.Campaign} {
		if v != "" {
			parts = append(parts, ga4.Field(f).Param()+" "+quote(v))
		}
	}
	if len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1], len(parts)
	}
	return strings.Join(parts, ""), len(parts)
}

// sanitizedSession reads a query's codes as paylink would write them:
// sanitized, then rewritten by the aliases. The channel is judged on the
// value as sanitized (a medium of "e mail" reaches GA4 as "e-mail", which
// is Email), and validate --fix writes what the aliases say.
func sanitizedSession(q []RawParam, aliases Aliases) (ga4.Session, bool) {
	return session(q, func(rp RawParam) (string, bool) {
		if !rp.DecodeOK {
			return "", false
		}
		if to, ok := aliases.Lookup(rp.Key, rp.Value); ok {
			return to, true
		}
		v := sanitizedUTM(rp.Value)
		if to, ok := aliases.Lookup(rp.Key, v); ok {
			v = to
		}
		return v, v != ""
	})
}

// checkChannel refuses a tagged link whose channel policy.channels does not
// list, naming the channel and the smallest change that reaches one it
// does.
func (p *Policy) checkChannel(q []RawParam) *Problem {
	if len(p.Channels) == 0 {
		return nil // before any work: CheckBuilt runs for every bulk row
	}
	s, tagged := sanitizedSession(q, p.Aliases)
	if !tagged {
		return nil
	}
	name := ga4.ChannelOf(s)
	if slices.ContainsFunc(p.Channels, func(ch string) bool { return strings.EqualFold(ch, name) }) {
		return nil
	}
	c := ChannelOf(s, true) // the rule too, only for a link refused
	// The problem names the values as written on the link.
	written, _ := session(q, func(rp RawParam) (string, bool) { return rp.Value, rp.DecodeOK })
	pr := &Problem{Rule: RulePolicyChannel, Severity: SeverityError,
		Reason: "lands in GA4's " + c.Name + " channel (" + c.Rule + "), and policy.channels allows only " + strings.Join(p.Channels, ", ")}
	change, ok := suggestChannel(s, p.Channels)
	if !ok {
		pr.Param, pr.Value = fieldOf(s)
		pr.Value = written.Get(fieldByParam(pr.Param))
		pr.Fix = "no change of utm_source or utm_medium alone reaches " + strings.Join(p.Channels, " or ") +
			"; paylink inspect shows the rule each link matches"
		return pr
	}
	change.from = written.Get(change.field)
	if change.also != nil {
		change.also.from = written.Get(change.also.field)
	}
	pr.Param, pr.Value = change.field.Param(), change.from
	pr.Fix = change.String()
	return pr
}

func fieldByParam(name string) ga4.Field {
	if name == ga4.Source.Param() {
		return ga4.Source
	}
	return ga4.Medium
}

// fieldOf is the parameter a channel problem is reported on when no change
// is suggested: the medium, or the source when there is none.
func fieldOf(s ga4.Session) (string, string) {
	if s.Medium != "" {
		return ga4.Medium.Param(), s.Medium
	}
	return ga4.Source.Param(), s.Source
}

// channelChange is one or two edits of a session that land it in channel.
type channelChange struct {
	field   ga4.Field
	from    string
	to      string // the value, or "" when to is a category of sites
	sites   ga4.Category
	also    *channelChange // a second edit, when one is not enough
	channel string
	cost    int
}

func (c channelChange) String() string {
	s := c.edit()
	if c.also != nil {
		s += " and " + c.also.edit()
	}
	return s + " would land in " + c.channel
}

func (c channelChange) edit() string {
	if c.sites != "" {
		return c.field.Param() + " " + quote(c.from) + " → a " + string(c.sites) + " site GA4 lists (" +
			strings.Join(ga4.Examples[c.sites], ", ") + ")"
	}
	return c.field.Param() + " " + quote(c.from) + " → " + quote(c.to)
}

// mediumCandidates are the media a suggestion may propose, one spelling
// per channel, the way Google's rules and most teams write them.
var mediumCandidates = []string{"email", "cpc", "social", "organic", "video", "display", "referral", "affiliate", "audio", "sms", "push"}

// sourceCandidates are the sources a suggestion may propose, in the order
// it prefers them: the ones a rule names, then the categories of sites,
// each standing for its list. A source says who sent the visitor, so the
// first that works is proposed, not the nearest spelling ("fb" is no
// nearer to "sms" than to "email" in any way that matters).
var sourceCandidates = []channelChange{
	{to: "email"}, {to: "sms"}, {to: "firebase"},
	{sites: ga4.Social}, {sites: ga4.Search}, {sites: ga4.Video}, {sites: ga4.Shopping},
}

// mediumSynonyms are media teams write for what GA4 knows by another
// name: proposed before any spelling nearer by edit distance ("sns", a
// social network in Japan and Korea, is one edit from "sms" and means
// "social").
var mediumSynonyms = map[string]string{
	"sns": "social", "newsletter": "email", "mail": "email", "text": "sms", "txt": "sms",
}

// suggestChannel returns the smallest change of s that lands in one of
// allowed: a new medium if one does (one that on its own means the channel
// reached first, a synonym of the one given before the others; then the
// nearest by edit distance), else a new source (the first that works),
// else both, with a medium that means the channel it lands in ("email"
// for Email, not "sms" because it is nearer to "cpc").
func suggestChannel(s ga4.Session, allowed []string) (channelChange, bool) {
	lands := func(t ga4.Session) (string, bool) {
		ch := ga4.ChannelOf(t)
		return ch, slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, ch) })
	}
	var best *channelChange
	try := func(c channelChange, t ga4.Session) {
		if ch, ok := lands(t); ok && (best == nil || c.cost < best.cost) {
			c.channel = ch
			best = &c
		}
	}
	// A medium that on its own means the channel reached comes before a
	// nearer spelling: "sms" is three edits from "cpc", yet facebook/sms
	// lands in Organic Social only for its source, and reads as a text
	// message to anyone who sees the link.
	synonym := mediumSynonyms[strings.ToLower(s.Medium)]
	for _, m := range append([]string{synonym}, mediumCandidates...) {
		if m == "" {
			continue
		}
		edit, t := mediumEdit(s, m), withField(s, ga4.Medium, m)
		switch {
		case !means(m, t):
			edit.cost += 100
		case m == synonym:
			edit.cost = -1 // before any spelling
		}
		try(edit, t)
	}
	if best == nil {
		for i, c := range sourceCandidates {
			try(sourceEdit(s, c, i), withField(s, ga4.Source, sourceValue(c)))
		}
	}
	if best == nil {
		for i, c := range sourceCandidates {
			for _, m := range mediumCandidates {
				edit, med := sourceEdit(s, c, i), mediumEdit(s, m)
				t := withField(withField(s, ga4.Source, sourceValue(c)), ga4.Medium, m)
				// Sources by preference first, then a medium that on its
				// own means the channel reached, then the nearest.
				edit.also, edit.cost = &med, edit.cost*1000+med.cost
				if !means(m, t) {
					edit.cost += 100
				}
				try(edit, t)
			}
		}
	}
	if best == nil {
		return channelChange{}, false
	}
	return *best, true
}

// means reports whether medium m on its own lands where session t does.
func means(m string, t ga4.Session) bool {
	return ga4.ChannelOf(ga4.Session{Medium: m}) == ga4.ChannelOf(t)
}

func mediumEdit(s ga4.Session, m string) channelChange {
	return channelChange{field: ga4.Medium, from: s.Medium, to: m, cost: Distance(strings.ToLower(s.Medium), m)}
}

// sourceEdit is source candidate c, the rank-th by preference.
func sourceEdit(s ga4.Session, c channelChange, rank int) channelChange {
	c.field, c.from, c.cost = ga4.Source, s.Source, rank
	return c
}

// sourceValue is the value a source candidate stands for when trying it.
func sourceValue(c channelChange) string {
	if c.sites != "" {
		return ga4.Examples[c.sites][0]
	}
	return c.to
}

func withField(s ga4.Session, f ga4.Field, v string) ga4.Session {
	switch f {
	case ga4.Source:
		s.Source = v
	case ga4.Medium:
		s.Medium = v
	default:
		s.Campaign = v
	}
	return s
}
