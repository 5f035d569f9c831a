package config

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// TestChannelsAndAliases: policy.channels, a preset's channels and the
// aliases load alike from YAML, TOML and JSON; channel names are GA4's
// whatever their case, and alias keys keep theirs (viper would lower them).
func TestChannelsAndAliases(t *testing.T) {
	files := map[string]string{
		"team.yaml": `
policy:
  channels: [email, Paid social]
presets:
  Meta-Ads:
    utm_source: facebook
    utm_medium: cpc
    channels: [paid social]
  plain:
    utm_source: newsletter
aliases:
  utm_source: {Facebook: facebook, FB: facebook, fb: facebook}
  UTM_Medium:
    e-mail: email
`,
		"team.toml": `
[policy]
channels = ["email", "Paid social"]
[presets.Meta-Ads]
utm_source = "facebook"
utm_medium = "cpc"
channels = ["paid social"]
[presets.plain]
utm_source = "newsletter"
[aliases.utm_source]
Facebook = "facebook"
FB = "facebook"
fb = "facebook"
[aliases.UTM_Medium]
e-mail = "email"
`,
		"team.json": `{
  "policy": {"channels": ["email", "Paid social"]},
  "presets": {"Meta-Ads": {"utm_source": "facebook", "utm_medium": "cpc", "channels": ["paid social"]},
              "plain": {"utm_source": "newsletter"}},
  "aliases": {"utm_source": {"Facebook": "facebook", "FB": "facebook", "fb": "facebook"}, "UTM_Medium": {"e-mail": "email"}}
}`,
	}
	wantAliases := link.Aliases{"utm_source": {"Facebook": "facebook", "FB": "facebook", "fb": "facebook"}, "utm_medium": {"e-mail": "email"}}
	for name, body := range files {
		t.Run(name, func(t *testing.T) {
			c, err := Load(Source{Path: write(t, name, body)})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Policy.Channels; !slices.Equal(got, []string{"Email", "Paid Social"}) {
				t.Errorf("policy.channels %q", got)
			}
			if got := c.PolicyFor("meta-ads").Channels; !slices.Equal(got, []string{"Paid Social"}) {
				t.Errorf("preset channels %q, want the preset's to replace the config's", got)
			}
			if got := c.PolicyFor("plain").Channels; !slices.Equal(got, []string{"Email", "Paid Social"}) {
				t.Errorf("a preset without channels: %q, want the config's", got)
			}
			vals, err := c.Preset("Meta-Ads")
			if err != nil || vals.Value[link.UTMMedium] != "cpc" {
				t.Errorf("preset values %+v, %v", vals, err)
			}
			for param, m := range wantAliases {
				if len(c.Aliases[param]) != len(m) || len(c.Policy.Aliases[param]) != len(m) {
					t.Errorf("aliases.%s = %v (policy %v), want %v", param, c.Aliases[param], c.Policy.Aliases[param], m)
				}
				for from, to := range m {
					if c.Aliases[param][from] != to {
						t.Errorf("aliases.%s[%q] = %q, want %q", param, from, c.Aliases[param][from], to)
					}
				}
			}
		})
	}
}

// TestAliasesAloneMakeAPolicy: validate reports aliases through the policy,
// so a file with aliases and no policy still has one.
func TestAliasesAloneMakeAPolicy(t *testing.T) {
	c, err := Load(Source{Path: write(t, "a.yaml", "aliases:\n  utm_source:\n    fb: facebook\n")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Policy == nil || c.Policy.Aliases["utm_source"]["fb"] != "facebook" || len(c.Policy.Channels) != 0 {
		t.Errorf("policy %+v", c.Policy)
	}
}

func TestChannelsAndAliasesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"a.yaml", "policy:\n  channels: [Email, Paid Socail]\n", 2,
			`policy.channels: "Paid Socail" is not a GA4 default channel (did you mean "Paid Social"?); use Direct, Cross-network,`},
		{"b.yaml", "presets:\n  ads:\n    utm_source: x\n    channels: [Emial]\n", 4,
			`presets.ads.channels: "Emial" is not a GA4 default channel (did you mean "Email"?)`},
		{"c.yaml", "presets:\n  ads:\n    channels: Email\n", 3, `presets.ads.channels: want a list of GA4 channels`},
		{"d.yaml", "aliases:\n  locale:\n    EN: en\n", 2, `aliases.locale: not a UTM code; aliases apply to utm_source, utm_medium, utm_campaign, utm_term, utm_content`},
		{"e.yaml", "aliases:\n  utm_source:\n    fb: face book\n", 3, `aliases.utm_source: utm_source "face book": ' ' is not allowed`},
		{"f.yaml", "aliases:\n  utm_source:\n    fb: Facebook\n    Facebook: facebook\n", 3,
			`aliases.utm_source: "fb" maps to "Facebook", itself an alias of "facebook"; map it to "facebook"`},
		{"g.yaml", "aliases:\n  utm_source:\n    fb: 1\n", 3, `aliases.utm_source: "fb" maps to 1; want the value to write instead, as text`},
		{"h.yaml", "aliases:\n  utm_source: [fb]\n", 2, `aliases.utm_source: want a table of values`},
		{"i.yaml", "aliasses:\n  utm_source: {fb: facebook}\n", 1, `aliasses: unknown key (did you mean "aliases"?)`},
		{"j.yaml", "policy:\n  channel: [Email]\n", 2, `policy.channel: unknown key (did you mean "channels"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, tc.name, tc.body)
			_, err := Load(Source{Path: path})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Load() = %v, want a *config.Error", err)
			}
			if ce.Line != tc.line || !strings.HasPrefix(ce.Msg, tc.msg) {
				t.Errorf("Load() = %q (line %d), want line %d and a message starting %q", ce.Msg, ce.Line, tc.line, tc.msg)
			}
		})
	}
}
