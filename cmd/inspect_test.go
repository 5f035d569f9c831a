package cmd

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/wrap"
)

func inspect(t *testing.T, tty bool, args ...string) (string, string, int) {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	streams.SetTTY(tty, false)
	code := execCode(t, NewInspectCmd(testFactory(streams), nil), streams, args...)
	return out.String(), errOut.String(), code
}

func TestInspectText(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	out, errOut, code := inspect(t, false, vLink+"?utm_source=newsletter&utm_medium=e+mail&ref=x")
	want := `link         ` + vLink + `?utm_source=newsletter&utm_medium=e+mail&ref=x
host         buy.stripe.com (stripe)
mode         test
slug         test_eVa5nPg1j1wmfXq5kr
ga4 channel  Unassigned
ga4 rule     utm_source "newsletter" matches no rule of GA4's default channel group; Stripe drops utm_medium "e mail"; sanitized to "e-mail" (as paylink build writes it) the link would land in Email

PARAMETER   VALUE         STATUS    WHAT HAPPENS
utm_source  "newsletter"  recorded  appended to the redirect URL after payment, only when the link's confirmation behaviour is redirect
utm_medium  "e mail"      dropped   ' ' is not allowed (letters, digits, '-' and '_' only, at most 150 characters); Stripe would discard it silently and the campaign would lose its attribution; use "e-mail"
ref         "x"           unused    not a parameter Stripe reads; it stays on the URL with no effect on the payment
`
	if out != want || code != exitcode.OK || errOut != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestInspectColor(t *testing.T) {
	args := []string{vLink + "?utm_source=newsletter&utm_medium=e+mail&utm_id=1&ref=x"}
	t.Setenv("NO_COLOR", "")
	plain, _, _ := inspect(t, false, args...)
	colored, _, _ := inspect(t, true, args...)
	for _, w := range []string{"\x1b[32mrecorded\x1b[0m", "\x1b[31mdropped\x1b[0m", "\x1b[33mignored\x1b[0m", "\x1b[90munused\x1b[0m"} {
		if !strings.Contains(colored, w) {
			t.Errorf("on a terminal, output lacks %q:\n%q", w, colored)
		}
	}
	// Colour changes nothing else, alignment included.
	if got := ansi.ReplaceAllString(colored, ""); got != plain {
		t.Errorf("without its colour codes:\n%s\ndiffers from the plain table:\n%s", got, plain)
	}
	t.Setenv("NO_COLOR", "1")
	if out, _, _ := inspect(t, true, args...); out != plain {
		t.Errorf("NO_COLOR set: got\n%q\nwant the plain table", out)
	}
}

func TestInspectJSON(t *testing.T) {
	out, _, code := inspect(t, false, "--format", "json", "--allow-domain", "pay.example.com",
		"https://pay.example.com/b/eVa5nPg1j1wmfXq5kr?client_reference_id=order-1042&utm_source=a%20b")
	if code != exitcode.OK || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	var got struct {
		Link, Host, HostKind, Mode, Slug string
		Params                           []struct{ Name, Value, Status, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	_ = json.Unmarshal([]byte(out), &raw)
	if got.Link != "https://pay.example.com/b/eVa5nPg1j1wmfXq5kr?client_reference_id=order-1042&utm_source=a%20b" ||
		got.Host != "pay.example.com" || raw["host_kind"] != "custom" || got.Mode != "live" || got.Slug != "eVa5nPg1j1wmfXq5kr" {
		t.Errorf("link facts: %s", out)
	}
	if len(got.Params) != 2 ||
		got.Params[0].Name != "client_reference_id" || got.Params[0].Status != "recorded" || !strings.Contains(got.Params[0].Reason, "webhook") ||
		got.Params[1].Value != "a b" || got.Params[1].Status != "dropped" || !strings.Contains(got.Params[1].Reason, "' ' is not allowed") {
		t.Errorf("params: %+v", got.Params)
	}
	// Stripe drops the only UTM code, so GA4 decides by the referrer; the
	// rule says where the sanitized code would land.
	if raw["ga4_channel"] != "" || !strings.HasPrefix(raw["ga4_rule"].(string), "no utm_source or utm_medium: GA4 takes the channel from the session's referrer") ||
		!strings.HasSuffix(raw["ga4_rule"].(string), `; Stripe drops utm_source "a b"; sanitized to "a-b" (as paylink build writes it) the link would land in Unassigned`) {
		t.Errorf("ga4_channel %q, ga4_rule %q", raw["ga4_channel"], raw["ga4_rule"])
	}
}

func TestInspectErrors(t *testing.T) {
	out, errOut, code := inspect(t, false, "https://buy.stripe.com/")
	if code != exitcode.Invalid || out != "" ||
		errOut != `error: link "https://buy.stripe.com/": path "/" is not one payment-link slug; a link on buy.stripe.com looks like https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr`+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, errOut, code := inspect(t, false); code != exitcode.Usage || !strings.Contains(errOut, "give a payment link") {
		t.Errorf("no link: exit %d, stderr %q", code, errOut)
	}
	if _, _, code := inspect(t, false, "--format", "yaml", vLink); code != exitcode.Usage {
		t.Errorf("bad format: exit %d", code)
	}
	out, _, _ = inspect(t, false, vLink)
	if !strings.HasSuffix(out, "slug         test_eVa5nPg1j1wmfXq5kr\nga4 channel  decided by the referrer\n"+
		"ga4 rule     no utm_source or utm_medium: GA4 takes the channel from the session's referrer (Direct without one; Referral, Organic Search or Organic Social with one), which a link cannot know\n"+
		"\nno query parameters: Stripe records no UTM codes, reference or pre-fills for this link\n") {
		t.Errorf("no query: %q", out)
	}
}

func TestInspectSeveralLinks(t *testing.T) {
	streams, in, out, errOut := iostreams.Test()
	in.WriteString(vLink + "?utm_source=a\n\n# skipped\nnot-a-link\n" + vLink + "\n")
	code := execCode(t, NewInspectCmd(testFactory(streams), nil), streams, "-i", "-")
	// Every link that parses is explained, one block each, a blank line
	// between; the one that does not is an error and makes the exit code 1.
	blocks := strings.Split(out.String(), "\n\nlink         ")
	if code != exitcode.Invalid || len(blocks) != 2 ||
		!strings.HasPrefix(blocks[0], "link         "+vLink+"?utm_source=a\n") || !strings.HasPrefix(blocks[1], vLink+"\nhost") {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	if errOut.String() != `error: link "not-a-link": not an absolute https URL; payment links start with https://buy.stripe.com/`+"\n" {
		t.Errorf("stderr %q", errOut)
	}
}

// inspectAt runs inspect with stdout a terminal of the given width.
func inspectAt(t *testing.T, width int, args ...string) string {
	t.Helper()
	streams, _, out, _ := iostreams.Test()
	streams.SetTTY(true, false)
	streams.SetTerminalWidth(width)
	if code := execCode(t, NewInspectCmd(testFactory(streams), nil), streams, args...); code != exitcode.OK {
		t.Fatalf("exit %d", code)
	}
	return out.String()
}

// TestInspectWraps: on a terminal, WHAT HAPPENS wraps at spaces within the
// terminal's width, continuation lines under the column; too narrow for
// the table, each parameter is a block with its status and reason under it.
func TestInspectWraps(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	arg := vLink + "?utm_source=newsletter&utm_medium=e+mail&ref=x&client_reference_id=order-1042"
	facts := `link         ` + arg + `
host         buy.stripe.com (stripe)
mode         test
slug         test_eVa5nPg1j1wmfXq5kr
ga4 channel  Unassigned
`
	// The rule wraps under its column like the reasons, the link line
	// alone being kept whole.
	tests := []struct {
		width int
		want  string
	}{
		{80, `ga4 rule     utm_source "newsletter" matches no rule of GA4's default channel
             group; Stripe drops utm_medium "e mail"; sanitized to "e-mail" (as
             paylink build writes it) the link would land in Email

PARAMETER            VALUE         STATUS    WHAT HAPPENS
utm_source           "newsletter"  recorded  appended to the redirect URL after
                                             payment, only when the link's
                                             confirmation behaviour is redirect
utm_medium           "e mail"      dropped   ' ' is not allowed (letters,
                                             digits, '-' and '_' only, at most
                                             150 characters); Stripe would
                                             discard it silently and the
                                             campaign would lose its
                                             attribution; use "e-mail"
ref                  "x"           unused    not a parameter Stripe reads; it
                                             stays on the URL with no effect on
                                             the payment
client_reference_id  "order-1042"  recorded  sent to the Checkout Session and
                                             the checkout.session.completed
                                             webhook (not the redirect URL)
`},
		{40, `ga4 rule     utm_source "newsletter"
             matches no rule of GA4's
             default channel group;
             Stripe drops utm_medium "e
             mail"; sanitized to
             "e-mail" (as paylink build
             writes it) the link would
             land in Email

utm_source "newsletter"
    recorded: appended to the redirect
    URL after payment, only when the
    link's confirmation behaviour is
    redirect
utm_medium "e mail"
    dropped: ' ' is not allowed
    (letters, digits, '-' and '_' only,
    at most 150 characters); Stripe
    would discard it silently and the
    campaign would lose its attribution;
    use "e-mail"
ref "x"
    unused: not a parameter Stripe
    reads; it stays on the URL with no
    effect on the payment
client_reference_id "order-1042"
    recorded: sent to the Checkout
    Session and the
    checkout.session.completed webhook
    (not the redirect URL)
`},
	}
	for _, tt := range tests {
		got := inspectAt(t, tt.width, arg)
		if got != facts+tt.want {
			t.Errorf("at %d columns got:\n%s\nwant:\n%s%s", tt.width, got, facts, tt.want)
		}
		for _, line := range strings.Split(strings.TrimPrefix(got, facts), "\n") {
			if w := wrap.Width(line); w > tt.width {
				t.Errorf("at %d columns a line is %d wide: %q", tt.width, w, line)
			}
		}
	}
}

// TestInspectWrapsColor: colour codes take no column: the coloured table
// wraps exactly as the plain one, at both layouts.
func TestInspectWrapsColor(t *testing.T) {
	arg := vLink + "?utm_source=newsletter&utm_medium=e+mail&utm_id=1"
	for _, width := range []int{80, 40} {
		t.Setenv("NO_COLOR", "1")
		plain := inspectAt(t, width, arg)
		t.Setenv("NO_COLOR", "")
		colored := inspectAt(t, width, arg)
		if !strings.Contains(colored, "\x1b[31mdropped\x1b[0m") {
			t.Errorf("at %d columns no colour: %q", width, colored)
		}
		if got := ansi.ReplaceAllString(colored, ""); got != plain {
			t.Errorf("at %d columns, without its colour codes:\n%s\ndiffers from:\n%s", width, got, plain)
		}
	}
}

// TestInspectNotTerminalNoWrap: a pipe or a file gets one line a row
// whatever the width, so grep and scripts see whole reasons.
func TestInspectNotTerminalNoWrap(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	out, _, _ := inspect(t, false, vLink+"?utm_medium=e+mail")
	if strings.Count(out, "\n") != 9 {
		t.Errorf("want the facts, a blank line, the header and one row:\n%s", out)
	}
}
