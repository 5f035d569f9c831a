package link

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// FuzzBuild checks the engine's promises for any link and values: a printed
// link parses; scheme, host, path, fragment and every parameter not being set
// are byte-identical to the input; every value written passes Stripe's rules;
// and building the output again with the same values returns it unchanged.
func FuzzBuild(f *testing.F) {
	// Arguments: the link, a value for each of the ten parameters in table
	// order, --lowercase, and a mask of the parameters being set (bit i for
	// parameter i): the others must come through untouched.
	f.Add(seed, "marketo", "earned_email", "Spring Sale 2026!", "shoes", "hero", "order-1042",
		"jenny+vip@example.com", "a@b.co", "SPRING25", "en-GB", false, uint16(0x3ff))
	f.Add(seed+"?x=%E2%9C%93&y=a+b&flag&utm_source=old&utm_source=dup#frag", "new", "", "", "", "", "", "", "", "", "", true, uint16(0x3ff))
	f.Add(seed+"?&utm_campaign=a&&#x?y", "Café", "e mail", "ＡＢＣ", "\xff", " ", "a@b", "Jenny <j@x.io>", " a@b.co ", "SPRING-25", "en_gb", false, uint16(0x2a5))
	f.Add("https://pay.example.com/b/test_x?utm%5Fsource=1", " a ", "-x-", "", "", "", "", "", "", "", "", false, uint16(0x3))
	f.Add(seed+"?utm_source=x&", "", "", "\xff", "", "", "", "", "", "", "fr", true, uint16(0x205))
	f.Fuzz(func(t *testing.T, raw, source, medium, campaign, term, content, ref, email, locked, promo, locale string, lower bool, mask uint16) {
		l, err := Parse(raw, []string{"pay.example.com"})
		if err != nil {
			return
		}
		var set Values
		for id, v := range []string{source, medium, campaign, term, content, ref, email, locked, promo, locale} {
			if mask&(1<<id) != 0 {
				set.Put(ID(id), v)
			}
		}
		res, problems := Build(l, &set, Options{Lowercase: lower})
		if len(problems) > 0 {
			if res.Link != "" {
				t.Fatalf("a link was printed despite %v", problems)
			}
			return
		}
		checkBuilt(t, l, &set, res.Link)
		again, problems := Build(mustParse(t, res.Link, "pay.example.com"), &set, Options{Lowercase: lower})
		if len(problems) > 0 || again.Link != res.Link {
			t.Fatalf("building %q again gave %q, %v", res.Link, again.Link, problems)
		}
	})
}

func checkBuilt(t *testing.T, in *Link, set *Values, out string) {
	t.Helper()
	if _, err := url.Parse(out); err != nil {
		t.Fatalf("printed link %q does not parse: %v", out, err)
	}
	got := mustParse(t, out, "pay.example.com")
	if got.base != in.base || got.fragment != in.fragment {
		t.Fatalf("base or fragment changed: %q%q → %q%q", in.base, in.fragment, got.base, got.fragment)
	}
	if a, b := untouched(in, set), untouched(got, set); !slices.Equal(a, b) {
		t.Fatalf("parameters not being set changed: %q → %q", a, b)
	}
	for _, rp := range got.Query() {
		p, ok := Lookup(rp.Key)
		if !ok || !set.Set[p.ID] {
			continue
		}
		if problem := Check(p, rp.Value); problem != nil {
			t.Fatalf("wrote a value Stripe would drop: %v", problem)
		}
	}
}

// untouched returns the raw, non-empty query segments whose parameter is not
// being set.
func untouched(l *Link, set *Values) []string {
	var out []string
	for seg := range strings.SplitSeq(l.query, "&") {
		if id, ok := idByName[segmentKey(seg)]; seg == "" || ok && set.Set[id] {
			continue
		}
		out = append(out, seg)
	}
	return out
}
