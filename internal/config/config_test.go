package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paylink/paylink/internal/link"
)

// write puts a file named name holding body in a new folder and returns its path.
func write(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The same team config in the three formats decodes to the same Config.
func TestLoadFormats(t *testing.T) {
	files := map[string]string{
		"team.yaml": `
domains: [pay.example.com]
lowercase: true
strict: true
presets:
  Spring-Email:
    utm_source: newsletter
    utm_medium: email
    utm_term: ""
policy:
  required: [utm_source, utm_medium]
  allowed:
    utm_medium: [email, cpc]
  patterns:
    utm_campaign: '^[a-z0-9_]+$'
`,
		"team.toml": `
domains = ["pay.example.com"]
lowercase = true
strict = true
[presets.Spring-Email]
utm_source = "newsletter"
utm_medium = "email"
utm_term = ""
[policy]
required = ["utm_source", "utm_medium"]
allowed = {utm_medium = ["email", "cpc"]}
patterns = {utm_campaign = '^[a-z0-9_]+$'}
`,
		"team.json": `{
  "domains": ["pay.example.com"], "lowercase": true, "strict": true,
  "presets": {"Spring-Email": {"utm_source": "newsletter", "utm_medium": "email", "utm_term": ""}},
  "policy": {"required": ["utm_source", "utm_medium"], "allowed": {"utm_medium": ["email", "cpc"]},
             "patterns": {"utm_campaign": "^[a-z0-9_]+$"}}
}`,
	}
	for name, body := range files {
		t.Run(name, func(t *testing.T) {
			c, err := Load(Source{Path: write(t, name, body)})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Domains) != 1 || c.Domains[0] != "pay.example.com" || !c.Lowercase || !c.Strict {
				t.Errorf("defaults: %+v", c)
			}
			// Preset names are case-insensitive, and kept as written.
			vals, err := c.Preset("SPRING-email")
			if err != nil {
				t.Fatal(err)
			}
			if got := c.PresetNames(); len(got) != 1 || got[0] != "Spring-Email" {
				t.Errorf("PresetNames() = %q", got)
			}
			want := link.Values{}
			want.Put(link.UTMSource, "newsletter")
			want.Put(link.UTMMedium, "email")
			want.Put(link.UTMTerm, "") // set to remove the parameter
			if vals != want {
				t.Errorf("preset = %+v, want %+v", vals, want)
			}
			p := c.Policy
			if p == nil || strings.Join(p.Required, ",") != "utm_source,utm_medium" ||
				strings.Join(p.Allowed["utm_medium"], ",") != "email,cpc" || p.Patterns["utm_campaign"].String() != "^[a-z0-9_]+$" {
				t.Errorf("policy = %+v", p)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"a.yaml", "strict: true\npresetz:\n", 2, `presetz: unknown key (did you mean "presets"?)`},
		{"b.yaml", "presets:\n  x:\n    utm_sorce: a\n", 3, `presets.x.utm_sorce: unknown key (did you mean "utm_source"?)`},
		{"c.yaml", "lowercase: 1\n", 1, `lowercase: got the number 1, want true or false`},
		{"d.toml", "[policy]\nrequired = \"utm_source\"\n", 2, `policy.required: want a list`},
		{"e.json", "{\n\"strict\": tru\n}", 2, `syntax error: invalid character`},
		{"f.toml", "a = \n", 1, `syntax error: `},
		{"g.yaml", "presets:\n  x:\n    locale: english\n", 3, `preset "x": locale "english": is not a Stripe Checkout locale`},
		{"h.yaml", "policy:\n  allowed:\n    utm_mediun: [a]\n", 3, `policy.allowed.utm_mediun: unknown key (did you mean "utm_medium"?)`},
		{"i.yaml", "policy:\n  patterns:\n    locale: '('\n", 3, `policy.patterns.locale: "(" is not a valid regular expression`},
		{"j.yaml", "domains: [pay.example.com:443]\n", 1, `domains: "pay.example.com:443": is not a host name`},
		{"k.conf", "strict = true\n", 0, `unknown format .conf`},
		// Preset names: none, or two that differ only in case (the later named).
		{"l.yaml", "presets:\n  ads: {}\n  \"\": {utm_source: a}\n", 3, `presets: a preset named "" has no name; give it one`},
		{"m.yaml", "presets:\n  ads: {}\n  '  ': {}\n", 3, `presets: a preset named "  " has no name`},
		{"n.yaml", "presets:\n  ads: {}\n  ~: {}\n", 3, `presets: a preset named ~ (null) has no name`},
		{"o.toml", "[presets.\"\"]\nutm_source = \"a\"\n", 1, `presets: a preset named "" has no name`},
		{"p.yaml", "presets:\n  spring: {}\n  ads: {}\n  Spring: {}\n", 4, `presets: "Spring" and "spring" (line 2) differ only in case, and preset names are case-insensitive`},
		{"q.json", "{\"presets\": {\n\"ADS\": {},\n\"ads\": {}}}", 3, `presets: "ads" and "ADS" (line 2) differ only in case`},
		// A preset named as written in an error found by strict decoding.
		{"r.yaml", "presets:\n  VIP:\n    locale: [a]\n", 3, `presets.VIP.locale: got a list, want text`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, tc.name, tc.body)
			_, err := Load(Source{Path: path})
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Load() = %v, want a *config.Error", err)
			}
			if ce.Path != path || ce.Line != tc.line || !strings.HasPrefix(ce.Msg, tc.msg) {
				t.Errorf("Load() = %q (line %d), want line %d and a message starting %q", ce.Msg, ce.Line, tc.line, tc.msg)
			}
		})
	}
}

// A preset that sets nothing still exists.
func TestEmptyPreset(t *testing.T) {
	c, err := Load(Source{Path: write(t, "p.yaml", "presets:\n  draft: {}\n")})
	if err != nil {
		t.Fatal(err)
	}
	if vals, err := c.Preset("draft"); err != nil || vals != (link.Values{}) {
		t.Errorf("Preset(draft) = %+v, %v", vals, err)
	}
}

// A preset left null is an empty preset, and a parameter left null in a
// preset removes the parameter, as "" does: YAML's "a:" and JSON's null.
func TestNullPreset(t *testing.T) {
	for name, body := range map[string]string{
		"p.yaml": "presets:\n  draft:\n  ads:\n    utm_source: google\n    utm_term:\n",
		"p.json": `{"presets": {"draft": null, "ads": {"utm_source": "google", "utm_term": null}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(Source{Path: write(t, name, body)})
			if err != nil {
				t.Fatal(err)
			}
			if vals, err := c.Preset("draft"); err != nil || vals != (link.Values{}) {
				t.Errorf("Preset(draft) = %+v, %v", vals, err)
			}
			want := link.Values{}
			want.Put(link.UTMSource, "google")
			want.Put(link.UTMTerm, "")
			if vals, err := c.Preset("ads"); err != nil || vals != want {
				t.Errorf("Preset(ads) = %+v, %v; want %+v", vals, err, want)
			}
		})
	}
}

// Preset names are kept as written, sorted and found without regard to case.
func TestPresetNamesAsWritten(t *testing.T) {
	c, err := Load(Source{Path: write(t, "p.yaml", "presets:\n  Spring-Email: {utm_source: a}\n  ads: {}\n  2026: {}\n")})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.PresetNames(), ","); got != "2026,ads,Spring-Email" {
		t.Errorf("PresetNames() = %s", got)
	}
	for _, name := range []string{"Spring-Email", "spring-email", "SPRING-EMAIL"} {
		if n, ok := c.PresetName(name); !ok || n != "Spring-Email" {
			t.Errorf("PresetName(%q) = %q, %v", name, n, ok)
		}
		if vals, err := c.Preset(name); err != nil || vals.Value[link.UTMSource] != "a" {
			t.Errorf("Preset(%q) = %+v, %v", name, vals, err)
		}
	}
	if _, err := c.Preset("sprng"); err == nil || !strings.Contains(err.Error(), `(did you mean "Spring-Email"?)`) {
		t.Errorf("Preset(sprng) = %v", err)
	}
}

func TestUnknownPreset(t *testing.T) {
	c, err := Load(Source{Path: write(t, "p.yaml", "presets:\n  spring-email: {utm_source: a}\n  ads: {utm_source: b}\n")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Preset("sprng")
	if err == nil || !strings.Contains(err.Error(), `unknown preset "sprng" (did you mean "spring-email"?); presets in `) ||
		!strings.HasSuffix(err.Error(), ": ads, spring-email") {
		t.Errorf("Preset(sprng) = %v", err)
	}
}

func TestSuggest(t *testing.T) {
	for v, want := range map[string]string{
		"presetz": "presets", "Strict": "strict", "utm-source": "utm_source",
		"sprng": "spring-email", "ads2": "ads", "zzz": "", "x": "",
	} {
		if got := suggest(v, []string{"presets", "strict", "utm_source", "spring-email", "ads"}); got != want {
			t.Errorf("suggest(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestKeyLine(t *testing.T) {
	data := []byte("presets:\n  spring:\n    utm_source: a\n  ads:\n    utm_source: b\n")
	if got := keyLine(data, []string{"presets", "ads", "utm_source"}); got != 5 {
		t.Errorf("keyLine(ads.utm_source) = %d, want 5", got)
	}
	if got := keyLine(data, []string{"policy"}); got != 0 {
		t.Errorf("keyLine(policy) = %d, want 0", got)
	}
	data = []byte("presets:\n  Ads:\n    utm_source: a\n  ads:\n")
	if got := exactKeyLine(data, "presets", "ads"); got != 4 {
		t.Errorf("exactKeyLine(ads) = %d, want 4", got)
	}
}

// Keys are case-insensitive at every level, as in viper: config lower-cases
// them itself, so "Strict:" is strict whatever viper does to a map.
func TestLoadUpperCaseKeys(t *testing.T) {
	c, err := Load(Source{Path: write(t, "team.yaml", `
Strict: true
LOWERCASE: true
Domains: [pay.example.com]
Presets:
  Spring:
    UTM_Source: news
Policy:
  Required: [utm_source]
  Allowed:
    UTM_MEDIUM: [email]
`)})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Strict || !c.Lowercase || len(c.Domains) != 1 {
		t.Errorf("Strict %v, Lowercase %v, Domains %q", c.Strict, c.Lowercase, c.Domains)
	}
	if vals, err := c.Preset("spring"); err != nil || vals.Value[link.UTMSource] != "news" {
		t.Errorf("preset: %+v, %v", vals, err)
	}
	if c.Policy == nil || len(c.Policy.Allowed["utm_medium"]) != 1 {
		t.Errorf("policy: %+v", c.Policy)
	}
	// Two spellings of one key: one would be lost, so neither is taken.
	_, err = Load(Source{Path: write(t, "twice.yaml", "strict: false\nStrict: true\n")})
	if err == nil || !strings.Contains(err.Error(), `twice.yaml:2: Strict: "Strict" and "strict" (line 1) differ only in case`) {
		t.Errorf("Load(twice) = %v", err)
	}
}

// A pattern that does not compile is quoted cut, and so is the part of it
// regexp names: a pattern of half a megabyte gives a message of one line.
func TestHugeBadPatternCut(t *testing.T) {
	path := write(t, "p.yaml", "policy:\n  patterns:\n    utm_campaign: '("+strings.Repeat("a", 500_000)+"'\n")
	_, err := Load(Source{Path: path})
	if err == nil || len(err.Error()) > 600 || !strings.Contains(err.Error(), "is not a valid regular expression (missing closing ): \"(aaa") {
		t.Errorf("error of %d bytes: %.300s", len(fmt.Sprint(err)), fmt.Sprint(err))
	}
}
