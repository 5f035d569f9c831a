package link

import (
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		in      string
		domains []string
		host    HostKind
		slug    string
		mode    Mode
	}{
		{seed, nil, HostStripe, "test_eVa5nPg1j1wmfXq5kr", ModeTest},
		{"  " + seed + "\n", nil, HostStripe, "test_eVa5nPg1j1wmfXq5kr", ModeTest},
		{"https://buy.stripe.com/eVa5nPg1j1wmfXq5kr?x=1#y", nil, HostStripe, "eVa5nPg1j1wmfXq5kr", ModeLive},
		{"https://BUY.STRIPE.COM/abc", nil, HostStripe, "abc", ModeLive},
		{"https://book.stripe.com/test_3cs5mTbxV0Gwbte3cc", nil, HostStripe, "test_3cs5mTbxV0Gwbte3cc", ModeTest},
		{"https://book.stripe.com/5kA9BA2Nb3ME?utm_source=x", nil, HostStripe, "5kA9BA2Nb3ME", ModeLive},
		{"https://pay.example.com/b/test_abc", []string{"Pay.Example.com"}, HostCustom, "test_abc", ModeTest},
		{"https://pay.example.com/b/abc/", []string{"pay.example.com"}, HostCustom, "abc", ModeLive},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			l, err := Parse(tt.in, tt.domains)
			if err != nil {
				t.Fatal(err)
			}
			if l.HostKind != tt.host || l.Slug != tt.slug || l.Mode != tt.mode {
				t.Errorf("got %s %q %s, want %s %q %s", l.HostKind, l.Slug, l.Mode, tt.host, tt.slug, tt.mode)
			}
			if l.Raw != strings.TrimSpace(tt.in) {
				t.Errorf("Raw %q", l.Raw)
			}
		})
	}
}

// TestParsePlainHTTP: http:// works on Stripe's hosts (HSTS-preloaded), and
// Build writes https://; a custom domain need not be preloaded.
func TestParsePlainHTTP(t *testing.T) {
	l, err := Parse("HTTP://book.stripe.com/test_abc?utm_source=a#top", nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := l.Problems()
	if len(ps) != 1 || ps[0].Rule != RuleLinkHTTP || ps[0].Severity != SeverityWarning || ps[0].Fix != "write https://" {
		t.Errorf("problems %v, want the one link-http warning", ps)
	}
	res, bad := Build(l, &Values{}, Options{})
	if len(bad) > 0 || res.Link != "https://book.stripe.com/test_abc?utm_source=a#top" {
		t.Errorf("Build = %q, %v; want the link written https://", res.Link, bad)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "http:// written as https://") {
		t.Errorf("warnings %q", res.Warnings)
	}
	_, err = Parse("http://pay.example.com/b/abc", []string{"pay.example.com"})
	if err == nil || !strings.Contains(err.Error(), "not an https URL: pay.example.com is a custom domain") {
		t.Errorf("custom domain over http: %v", err)
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{"ftp://buy.stripe.com/abc", "not an absolute https URL"},
		{"javascript:alert(1)", "not an absolute https URL"},
		{"buy.stripe.com/abc", "not an absolute https URL"},
		{"//buy.stripe.com/abc", "not an absolute https URL"},
		{"https://x@buy.stripe.com/abc", "user-info"},
		{"https://buy.stripe.com:8443/abc", "port"},
		{"https:///abc", "no host"},
		{"https://buy.stripe.com.evil.example/abc", `host "buy.stripe.com.evil.example" is not buy.stripe.com`},
		{"https://evil.example/buy.stripe.com/abc", "is not buy.stripe.com"},
		{"https://buy.stripe.com./abc", `host "buy.stripe.com." ends with a '.'; write the host as buy.stripe.com`},
		{"https://pay.example.com/abc", "--allow-domain"},
		{"https://buy.stripe.com", "is not one payment-link slug"},
		{"https://buy.stripe.com/", "is not one payment-link slug"},
		{"https://buy.stripe.com/a/b", "is not one payment-link slug"},
		{"https://buy.stripe.com/abc/", "is not one payment-link slug"},
		{"https://buy.stripe.com/ab%20c", "slug"},
		{"https://buy.stripe.com/abc?x=1\x00", "control character"},
		{"https://buy.stripe.com/a bc", "space"},
		{"https://buy.stripe.com/abc\xff", "not valid UTF-8"},
		{"https://buy.stripe.com/abc#%zz", "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			l, err := Parse(tt.in, nil)
			if err == nil {
				t.Fatalf("accepted as %+v", l)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
		})
	}
}

func TestParseShortensHugeLinksInMessages(t *testing.T) {
	_, err := Parse("https://evil.example/"+strings.Repeat("a", 100_000), nil)
	if err == nil || len(err.Error()) > 600 {
		t.Fatalf("want a short error, got %d bytes", len(err.Error()))
	}
	if !strings.Contains(err.Error(), "(100021 characters)") {
		t.Errorf("message does not give the length: %q", err)
	}
}

func TestQueryDecodesLikeStripe(t *testing.T) {
	l := mustParse(t, seed+"?utm_source=a+b&utm_medium=%2Dx&c&d=%zz&&e=")
	got := l.Query()
	want := []RawParam{
		{Key: "utm_source", RawValue: "a+b", Value: "a b", HasValue: true, DecodeOK: true},
		{Key: "utm_medium", RawValue: "%2Dx", Value: "-x", HasValue: true, DecodeOK: true},
		{Key: "c", DecodeOK: true},
		{Key: "d", RawValue: "%zz", Value: "%zz", HasValue: true, DecodeOK: false},
		{Key: "e", HasValue: true, DecodeOK: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("param %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCheckDomain(t *testing.T) {
	for d, ok := range map[string]bool{
		"pay.example.com": true, "Pay.Example.COM": true, "pay-1.example.co.uk": true,
		"": false, "example": false, "https://pay.example.com": false, "pay.example.com:443": false,
		"pay.example.com/": false, ".example.com": false, "pay..example.com": false, "pay_x.example.com": true, // browsers visit a '_' host as written
		"pay.example.com.": false, "-pay.example.com": false,
	} {
		if err := CheckDomain(d); (err == nil) != ok {
			t.Errorf("CheckDomain(%q) = %v, want ok=%v", d, err, ok)
		}
	}
}

// TestParseHostAsBrowserVisits: the host paylink judges is the host a
// browser visits. The "visit" column was checked with Node's WHATWG URL
// parser: new URL("https://" + host + "/x").host.
func TestParseHostAsBrowserVisits(t *testing.T) {
	tests := []struct {
		host  string
		visit string // what a browser visits
		ok    bool   // paylink accepts the link
		want  string // in the error
	}{
		{"buy.stripe.com", "buy.stripe.com", true, ""},
		{"BUY.STRIPE.COM", "buy.stripe.com", true, ""},
		{"donate.stripe.com", "donate.stripe.com", true, ""},
		{"Donate.Stripe.com", "donate.stripe.com", true, ""},
		{"book.stripe.com", "book.stripe.com", true, ""},
		{"BOOK.stripe.com", "book.stripe.com", true, ""},
		{"book.stripe.com.evil.example", "book.stripe.com.evil.example", false, `lookalike, owned by whoever owns "evil.example"`},
		{"book.stripe.com.", "book.stripe.com.", false, `ends with a '.'; write the host as book.stripe.com`},
		// A host of stripe.com that serves no payment link, a slug for path.
		{"books.stripe.com", "books.stripe.com", false, `host "books.stripe.com" is Stripe's but not a payment-link host; did you mean book.stripe.com? Copy the link again`},
		{"buy.strİpe.com", "buy.xn--stripe-syd.com", false, `is a lookalike: a browser would visit "buy.xn--stripe-syd.com"`},
		{"buy.strıpe.com", "buy.xn--strpe-p4a.com", false, `a browser would visit "buy.xn--strpe-p4a.com"`},
		{"buy.ѕtripe.com", "buy.xn--tripe-g2e.com", false, `a browser would visit "buy.xn--tripe-g2e.com"`},
		{"buy.ｓtripe.com", "buy.stripe.com", false, `(a browser reads it as "buy.stripe.com"); write the host as buy.stripe.com`},
		{"buy.stripe%2Ecom", "buy.stripe.com", false, `(a browser reads it as "buy.stripe.com")`},
		{"buy.stripe.com\u200b", "buy.stripe.com", false, `(a browser reads it as "buy.stripe.com")`},
		{"donate.stripe.com.evil.example", "donate.stripe.com.evil.example", false, `lookalike, owned by whoever owns "evil.example"`},
		{"donate.stripe.com.", "donate.stripe.com.", false, `ends with a '.'; write the host as donate.stripe.com`},
		// A browser visits a host with '_' as written: no lookalike, just
		// not a payment host (the message ends with the --allow-domain fix).
		{"a_b.example.com", "a_b.example.com", false, `host "a_b.example.com" is not buy.stripe.com, donate.stripe.com or book.stripe.com, nor an allowed custom domain; use a buy.stripe.com link`},
		{"A_B.Example.com", "a_b.example.com", false, `host "A_B.Example.com" is not buy.stripe.com, donate.stripe.com or book.stripe.com, nor an allowed custom domain; use`},
		// One edit from buy.stripe.com, a slug for path: a lookalike.
		{"buy_stripe.com", "buy_stripe.com", false, `host "buy_stripe.com" is not buy.stripe.com, donate.stripe.com or book.stripe.com, nor an allowed custom domain, but a lookalike of buy.stripe.com, owned by whoever owns "buy_stripe.com"; never pay`},
		{"buy.stripe.com.a_b.example", "buy.stripe.com.a_b.example", false, `but a lookalike, owned by whoever owns "a_b.example"`},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if visit, ok := BrowserHost(tt.host); !ok || visit != tt.visit {
				t.Errorf("BrowserHost = %q, %v; want %q", visit, ok, tt.visit)
			}
			_, err := Parse("https://"+tt.host+"/test_eVa5nPg1j1wmfXq5kr", nil)
			switch {
			case tt.ok && err != nil:
				t.Errorf("refused: %v", err)
			case !tt.ok && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestParseCustomDomainHomograph: an allowed custom domain is matched in
// ASCII, never by Unicode case rules (strings.ToLower maps U+0130 to 'i').
func TestParseCustomDomainWithUnderscore(t *testing.T) {
	l, err := Parse("https://A_B.example.com/b/eVa5nPg1j1wmfXq5kr", []string{"a_b.example.com"})
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if l.Host != "a_b.example.com" || l.HostKind != HostCustom {
		t.Errorf("host %q (%s), want a_b.example.com (custom)", l.Host, l.HostKind)
	}
}

func TestParseCustomDomainHomograph(t *testing.T) {
	domains := []string{"link.shop.io"}
	if _, err := Parse("https://LINK.shop.io/b/x", domains); err != nil {
		t.Errorf("ASCII case refused: %v", err)
	}
	_, err := Parse("https://lİnk.shop.io/b/x", domains)
	if err == nil || !strings.Contains(err.Error(), `a browser would visit "xn--link-rwc.shop.io"`) {
		t.Errorf("got %v, want the homograph refused", err)
	}
}

func TestParseSlugPrefixAndRecovery(t *testing.T) {
	for raw, want := range map[string]string{
		"https://buy.stripe.com/test_":                 `has no slug after the test-mode prefix "test_"`,
		"https://buy.stripe.com/r/live_asAb1724":       "is a Checkout recovery link",
		"https://donate.stripe.com/test/14k5kF4Ut6IYb": `path "/test/14k5kF4Ut6IYb" is not one payment-link slug; a link on donate.stripe.com looks like`,
		"https://book.stripe.com/r/live_asAb1724":      "is a Checkout recovery link",
		"https://book.stripe.com/test_":                `has no slug after the test-mode prefix "test_"`,
	} {
		if _, err := Parse(raw, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", raw, err, want)
		}
	}
}
