// Package config finds paylink's config file, reads it with a local viper
// and decodes it strictly into plain structs: campaign presets, custom
// domains, defaults for --strict and --lowercase, and the naming policy. It
// knows nothing of cobra; cmd decides what the values mean for a command.
package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"

	"github.com/paylink/paylink/internal/link"
)

// Config is a loaded config file.
type Config struct {
	Source    Source
	Domains   []string               // custom payment-link domains
	Lowercase bool                   // default of --lowercase
	Strict    bool                   // default of --strict
	Presets   map[string]link.Values // by name as written; see PresetName
	Policy    *link.Policy           // nil when the file sets no policy
	Aliases   link.Aliases           // values build rewrites, by parameter; keys as written

	presetChannels map[string][]string     // GA4 channels a preset allows instead of policy.channels, by name as written
	presetPolicies map[string]*link.Policy // the policy of links built with such a preset, made once
}

// file is the shape of a config file. Strict decoding refuses any other
// key and any value of another type.
type file struct {
	Domains   []string                     `mapstructure:"domains"`
	Lowercase bool                         `mapstructure:"lowercase"`
	Strict    bool                         `mapstructure:"strict"`
	Presets   map[string]map[string]string `mapstructure:"presets"`
	Policy    policy                       `mapstructure:"policy"`
}

type policy struct {
	Required []string            `mapstructure:"required"`
	Allowed  map[string][]string `mapstructure:"allowed"`
	Patterns map[string]string   `mapstructure:"patterns"`
	Channels []string            `mapstructure:"channels"`
}

// The keys a file may hold, for did-you-mean on a typo.
var (
	topKeys    = []string{"domains", "lowercase", "strict", "presets", "policy", "aliases"}
	policyKeys = []string{"required", "allowed", "patterns", "channels"}
)

// Discover finds the config file (see Find) and loads it. It returns nil and
// no error when there is none.
func Discover(flagPath string, env Env) (*Config, error) {
	src, err := Find(flagPath, env)
	if err != nil || src.Path == "" {
		return nil, err
	}
	return Load(src)
}

// Load reads and strictly decodes the file at src.Path, its format told by
// its extension. Every problem is an *Error naming the file and, where it
// can be found, the line.
func Load(src Source) (*Config, error) {
	data, err := readFile(src.Path)
	if err != nil {
		return nil, err
	}
	typ := strings.TrimPrefix(strings.ToLower(filepath.Ext(src.Path)), ".")
	if !slices.Contains([]string{"yaml", "yml", "toml", "json"}, typ) {
		return nil, &Error{Path: src.Path, Msg: "unknown format " + quoteExt(typ) + "; name the file .yaml, .yml, .toml or .json"}
	}
	if err := checkDepth(src.Path, data, typ); err != nil {
		return nil, err
	}
	// Parse with viper's own decoders but keep the whole map: viper's view
	// of it drops empty tables and null values, and a typo such as an empty
	// "presetz:" must still be refused.
	raw := map[string]any{}
	dec, err := viper.NewCodecRegistry().Decoder(typ)
	if err != nil {
		return nil, &Error{Path: src.Path, Msg: err.Error()}
	}
	if err := dec.Decode(data, raw); err != nil {
		return nil, parseError(src.Path, data, err)
	}
	d := decoder{path: src.Path, data: data}
	// The preset names as written, before keys are lower-cased.
	if d.names, err = d.presetNames(raw); err != nil {
		return nil, err
	}
	// The aliases as written too: their keys are values, matched in case.
	raw, aliasTable, aliasKey := splitAliases(raw)
	aliases, err := d.aliases(aliasTable, aliasKey)
	if err != nil {
		return nil, err
	}
	// Keys are case-insensitive ("Strict:" is strict). They are lower-cased
	// here, into a copy, rather than left to viper, which does it in place
	// as a side effect of an unexported helper.
	settings, err := d.lowerKeys(nil, raw)
	if err != nil {
		return nil, err
	}
	if err := d.checkKeys(settings); err != nil {
		return nil, err
	}
	presetChannels, err := d.presetChannels(splitPresetChannels(settings))
	if err != nil {
		return nil, err
	}
	// A local viper with NUL between key parts, so a preset named
	// "spring.2026" or "a::b" stays one key: no key may hold a NUL
	// (presetNames and lowerKeys refuse one).
	v := viper.NewWithOptions(viper.KeyDelimiter(keyDelimiter))
	if err := v.MergeConfigMap(settings); err != nil {
		return nil, &Error{Path: src.Path, Msg: err.Error()}
	}
	var f file
	if err := v.UnmarshalExact(&f, exactTypes); err != nil {
		return nil, d.decodeError(err)
	}
	keepEmptyPresets(&f, settings)
	c, err := d.build(src, &f)
	if err != nil {
		return nil, err
	}
	c.Aliases, c.presetChannels = aliases, presetChannels
	if len(aliases) > 0 {
		if c.Policy == nil {
			c.Policy = &link.Policy{}
		}
		c.Policy.Aliases = aliases
	}
	c.presetPolicies = make(map[string]*link.Policy, len(presetChannels))
	for name, ch := range presetChannels {
		c.presetPolicies[name] = c.Policy.WithChannels(ch)
	}
	return c, nil
}

// keyDelimiter separates the parts of a key path inside viper.
const keyDelimiter = "\x00"

// lowerKeys returns a copy of m with every key, at every level, in lower
// case. Two keys that differ only in case are an error: one of them would
// be lost without a word. (Preset names are checked before, with a message
// of their own.)
func (d decoder) lowerKeys(at []string, m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	written := make(map[string]string, len(m))
	for _, k := range sortedKeys(m) {
		if strings.Contains(k, keyDelimiter) {
			return nil, &Error{Path: d.path, Msg: fmt.Sprintf("%s: the key %q holds a NUL character; remove it", strings.Join(at, "."), k)}
		}
		lower := strings.ToLower(k)
		if other, ok := written[lower]; ok {
			return nil, d.caseTwice(at, k, other)
		}
		written[lower] = k
		v, err := d.lowerValue(append(slices.Clone(at), lower), m[k])
		if err != nil {
			return nil, err
		}
		out[lower] = v
	}
	return out, nil
}

// caseTwice refuses two keys under at that differ only in case, naming the
// later of the two in the file and the other's line.
func (d decoder) caseTwice(at []string, k, other string) *Error {
	line := findKey(d.data, append(slices.Clone(at), k), true)
	otherLine := findKey(d.data, append(slices.Clone(at), other), true)
	if line < otherLine {
		k, other, line, otherLine = other, k, otherLine, line
	}
	return &Error{Path: d.path, Line: line, Msg: fmt.Sprintf("%s: %q and %q (line %d) differ only in case, and keys are case-insensitive; keep one of them",
		strings.Join(append(slices.Clone(at), k), "."), k, other, otherLine)}
}

func (d decoder) lowerValue(at []string, v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		return d.lowerKeys(at, v)
	case map[any]any: // YAML, when a key is not text: 2026:, true:
		m := make(map[string]any, len(v))
		for k, val := range v {
			m[fmt.Sprint(k)] = val
		}
		return d.lowerKeys(at, m)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			var err error
			if out[i], err = d.lowerValue(at, e); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// keepEmptyPresets adds what viper drops with every empty table and null
// value: a preset that sets nothing ("draft: {}", or "draft:" left null),
// which naming must not be an error, and a parameter left null in a preset
// ("utm_term:"), which removes the parameter as "" does.
func keepEmptyPresets(f *file, raw map[string]any) {
	presets, _ := raw["presets"].(map[string]any)
	for name, v := range presets {
		m, ok := v.(map[string]any)
		if v != nil && !ok {
			continue // not a table: strict decoding has refused it
		}
		if f.Presets == nil {
			f.Presets = map[string]map[string]string{}
		}
		if f.Presets[name] == nil {
			f.Presets[name] = map[string]string{}
		}
		for key, val := range m {
			if val == nil {
				f.Presets[name][key] = ""
			}
		}
	}
}

// exactTypes turns off viper's weak typing and its "a,b" → [a b] hook: a
// value of the wrong type is an error, not a guess.
func exactTypes(c *mapstructure.DecoderConfig) {
	c.WeaklyTypedInput = false
	c.DecodeHook = nil
}

func quoteExt(typ string) string {
	if typ == "" {
		return "(no extension)"
	}
	return "." + typ
}

// decoder checks a decoded file, naming the line of what it refuses.
type decoder struct {
	path  string
	data  []byte
	names map[string]string // preset names as written, by their lower case
}

// presetName is the preset name as written in the file for its lower case,
// the key viper gives.
func (d decoder) presetName(lower string) string {
	if n, ok := d.names[lower]; ok {
		return n
	}
	return lower
}

// presetNames returns the preset names as written, by their lower case, and
// refuses an empty name and two names that differ only in case: names are
// case-insensitive (viper lower-cases keys), so one of the two would be
// lost without a word.
func (d decoder) presetNames(raw map[string]any) (map[string]string, error) {
	var written []string
	for k, v := range raw {
		if strings.ToLower(k) != "presets" {
			continue
		}
		switch presets := v.(type) {
		case map[string]any:
			written = sortedKeys(presets)
		case map[any]any: // YAML, when a name is not text: 2026:, true: or ~:
			for name := range presets {
				if name == nil {
					return nil, d.noName("~ (null)", "~", "null")
				}
				written = append(written, fmt.Sprint(name))
			}
			slices.Sort(written)
		}
	}
	names := make(map[string]string, len(written))
	for _, name := range written {
		if strings.TrimSpace(name) == "" {
			return nil, d.noName(strconv.Quote(name), `"`+name+`"`, `'`+name+`'`)
		}
		if err := d.checkPresetName(name); err != nil {
			return nil, err
		}
		lower := strings.ToLower(name)
		other, ok := names[lower]
		if !ok {
			names[lower] = name
			continue
		}
		// Report the later of the two in the file, naming the other's line.
		at, otherAt := exactKeyLine(d.data, "presets", name), exactKeyLine(d.data, "presets", other)
		if at < otherAt {
			name, other, at, otherAt = other, name, otherAt, at
		}
		return nil, &Error{Path: d.path, Line: at,
			Msg: fmt.Sprintf("presets: %q and %q (line %d) differ only in case, and preset names are case-insensitive; rename or merge one of them", name, other, otherAt)}
	}
	return names, nil
}

// checkPresetName refuses a preset name holding a character that is not
// printable: a control character (a line break, a tab, ESC, NUL) or an
// invisible formatting one (U+202E, U+200B). Such a name cannot be typed
// after --preset, would show escaped in every list, and could pass for
// another name. Every printable character is fine: "spring.2026",
// "a::b", "Été 2026".
func (d decoder) checkPresetName(name string) error {
	for _, r := range name {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			what := fmt.Sprintf("the character %U", r)
			if r == utf8.RuneError {
				what = "bytes that are not UTF-8"
			}
			return &Error{Path: d.path, Line: exactKeyLine(d.data, "presets", name),
				Msg: fmt.Sprintf("presets: the preset name %q holds %s; a preset name may hold letters, digits, spaces and punctuation (any printable character), not control or invisible formatting characters; rename it", name, what)}
		}
	}
	return nil
}

// noName refuses a preset without a name, shown as shown, at the line of
// the first of the spellings it may be written as.
func (d decoder) noName(shown string, spellings ...string) *Error {
	line := 0
	for _, s := range spellings {
		if line = keyLine(d.data, []string{"presets", s}); line > 0 {
			break
		}
	}
	return &Error{Path: d.path, Line: line,
		Msg: "presets: a preset named " + shown + " has no name; give it one, e.g. spring-email:"}
}

func (d decoder) errorAt(keys []string, format string, args ...any) *Error {
	return &Error{Path: d.path, Line: keyLine(d.data, keys), Msg: strings.Join(keys, ".") + ": " + fmt.Sprintf(format, args...)}
}

// checkKeys refuses keys paylink does not know, with a did-you-mean, before
// strict decoding would refuse them with less help.
func (d decoder) checkKeys(settings map[string]any) error {
	if err := d.known(nil, settings, topKeys); err != nil {
		return err
	}
	if pol, ok := settings["policy"].(map[string]any); ok {
		if err := d.known([]string{"policy"}, pol, policyKeys); err != nil {
			return err
		}
		for _, k := range []string{"allowed", "patterns"} {
			if m, ok := pol[k].(map[string]any); ok {
				if err := d.known([]string{"policy", k}, m, paramNames()); err != nil {
					return err
				}
			}
		}
	}
	presets, _ := settings["presets"].(map[string]any)
	for _, name := range sortedKeys(presets) {
		if m, ok := presets[name].(map[string]any); ok {
			if err := d.known([]string{"presets", d.presetName(name)}, m, append(paramNames(), "channels")); err != nil {
				return err
			}
		}
	}
	return nil
}

// known refuses the first key of m, in sorted order, that is not in allowed.
func (d decoder) known(at []string, m map[string]any, allowed []string) error {
	for _, k := range sortedKeys(m) {
		if !slices.Contains(allowed, k) {
			keys := append(slices.Clone(at), k)
			return d.errorAt(keys, "unknown key%s; use one of %s", didYouMean(k, allowed), strings.Join(allowed, ", "))
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func paramNames() []string {
	names := make([]string, len(link.Params))
	for i, p := range link.Params {
		names[i] = p.Name
	}
	return names
}

// build checks the decoded values and turns them into a Config.
func (d decoder) build(src Source, f *file) (*Config, error) {
	c := &Config{Source: src, Domains: f.Domains, Lowercase: f.Lowercase, Strict: f.Strict}
	if err := d.checkDomains(f.Domains); err != nil {
		return nil, err
	}
	presets, err := d.presets(f.Presets)
	if err != nil {
		return nil, err
	}
	c.Presets = presets
	if c.Policy, err = d.policy(&f.Policy); err != nil {
		return nil, err
	}
	return c, nil
}

// checkDomains refuses what could never match a link's host, the usual
// mistake being a whole URL, by the rule --allow-domain follows.
func (d decoder) checkDomains(domains []string) error {
	for _, h := range domains {
		if problem := link.CheckDomain(h); problem != nil {
			return d.errorAt([]string{"domains"}, "%s", problem.Message())
		}
	}
	return nil
}
