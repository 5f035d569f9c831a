package link

import "strings"

// CutBySpace returns the problems of a bare link that white space ended
// while the text after it goes on with its query (found by a scan): raw is
// the link as rendered, up to the space, and rest the text after gap, the
// white space. Markdown and text render the link only up to the space, so
// the value it cuts is shortened and every parameter after it is lost: an
// error for each.
func CutBySpace(raw, gap, rest string) []*Problem {
	var out []*Problem
	where := "the link ends at the space after " + quote(tail(raw))
	head, _, _ := strings.Cut(rest, "&")
	if segs := Segments(raw + gap + head); head != "" && len(segs) > 0 {
		last := segs[len(segs)-1]
		fix := "percent-encode the space (%20) or remove it"
		if p, ok := utmParam(last); ok {
			if s := SanitizeUTM(last.Value, false).Value; s != "" && Check(p, s) == nil {
				fix = "write " + quote(s)
			}
		}
		kept := parseSegment(raw[last.Start:]).Value
		out = append(out, &Problem{Rule: RuleLinkCut, Param: last.Key, Value: last.Value, Severity: SeverityError,
			Reason: "is cut by a space: " + where, Effect: "Stripe receives " + quote(kept), Fix: fix})
	}
	for _, s := range Segments("?" + rest[len(head):]) {
		out = append(out, &Problem{Rule: RuleLinkCut, Param: s.Key, Value: s.Value, Severity: SeverityError,
			Reason: "is after the link's end: " + where, Effect: "Stripe never receives it",
			Fix: "remove the space so the link goes on"})
	}
	return out
}

// tail is the end of a link, for saying where it ends: its last 24 bytes.
func tail(raw string) string {
	if len(raw) <= 24 {
		return raw
	}
	i := len(raw) - 24
	for i < len(raw) && raw[i]&0xC0 == 0x80 {
		i++
	}
	return "…" + raw[i:]
}
