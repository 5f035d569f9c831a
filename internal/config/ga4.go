package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paylink/paylink/internal/ga4"
	"github.com/paylink/paylink/internal/link"
)

// splitAliases takes the aliases table out of the file's top level, its
// keys as written: an alias matches a value in its case ("Facebook" is not
// "facebook"), and lower-casing keys, as viper does and Load does for every
// other key, would turn it into a no-op. It returns the rest of the file
// and the table, nil when there is none.
func splitAliases(raw map[string]any) (rest map[string]any, aliases any, at string) {
	rest = make(map[string]any, len(raw))
	for k, v := range raw {
		if strings.ToLower(k) == "aliases" {
			aliases, at = v, k
			continue
		}
		rest[k] = v
	}
	return rest, aliases, at
}

// aliases checks the aliases table: per UTM code, values as written mapped
// to the value the team wants, which must be one Stripe records and not
// itself an alias (an alias is applied once).
func (d decoder) aliases(in any, at string) (link.Aliases, error) {
	if in == nil {
		return nil, nil
	}
	params, ok := asTable(in)
	if !ok {
		return nil, d.errorAt([]string{at}, "want a table of UTM codes, e.g. aliases: {utm_source: {Facebook: facebook}}")
	}
	out := link.Aliases{}
	for _, name := range sortedKeys(params) {
		p, ok := link.Lookup(strings.ToLower(name))
		if !ok || p.Kind != link.KindUTM {
			return nil, d.errorAt([]string{at, name}, "not a UTM code%s; aliases apply to %s",
				didYouMean(strings.ToLower(name), utmNames()), strings.Join(utmNames(), ", "))
		}
		m, err := d.aliasValues(params[name], []string{at, name}, p)
		if err != nil {
			return nil, err
		}
		out[p.Name] = m
	}
	return out, nil
}

// aliasValues checks the aliases of one parameter.
func (d decoder) aliasValues(in any, keys []string, p link.Param) (map[string]string, error) {
	table, ok := asTable(in)
	if !ok {
		return nil, d.errorAt(keys, "want a table of values, e.g. {Facebook: facebook, fb: facebook}")
	}
	out := make(map[string]string, len(table))
	for _, from := range sortedKeys(table) {
		to, ok := table[from].(string)
		where := append(slices.Clone(keys), from)
		if !ok {
			return nil, &Error{Path: d.path, Line: findKey(d.data, where, true),
				Msg: fmt.Sprintf("%s: %s maps to %v; want the value to write instead, as text", strings.Join(keys, "."), link.Quote(from), table[from])}
		}
		if problem := link.Check(p, to); problem != nil {
			return nil, &Error{Path: d.path, Line: findKey(d.data, where, true), Msg: strings.Join(keys, ".") + ": " + problem.Error()}
		}
		out[from] = to
	}
	for _, from := range sortedKeys(out) {
		if next, ok := out[out[from]]; ok && next != out[from] {
			return nil, &Error{Path: d.path, Line: findKey(d.data, append(slices.Clone(keys), from), true),
				Msg: fmt.Sprintf("%s: %s maps to %s, itself an alias of %s; map it to %s (an alias is applied once)",
					strings.Join(keys, "."), link.Quote(from), link.Quote(out[from]), link.Quote(next), link.Quote(next))}
		}
	}
	return out, nil
}

// asTable is v as a table with text keys: YAML gives map[any]any when a
// key is not text (2026:, true:).
func asTable(v any) (map[string]any, bool) {
	switch v := v.(type) {
	case map[string]any:
		return v, true
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, val := range v {
			m[fmt.Sprint(k)] = val
		}
		return m, true
	}
	return nil, false
}

func utmNames() []string {
	var out []string
	for _, p := range link.Params {
		if p.Kind == link.KindUTM {
			out = append(out, p.Name)
		}
	}
	return out
}

// channels checks a list of GA4 default channels (policy.channels, or a
// preset's channels) and returns them as GA4 spells them: names are
// compared without case, "paid social" is Paid Social.
func (d decoder) channels(keys []string, names []string) ([]string, error) {
	known := ga4.Channels()
	out := make([]string, 0, len(names))
	for _, n := range names {
		i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, strings.TrimSpace(n)) })
		if i < 0 {
			return nil, d.errorAt(keys, "%s is not a GA4 default channel%s; use %s",
				link.Quote(n), didYouMean(n, known), strings.Join(known, ", "))
		}
		out = append(out, known[i])
	}
	return out, nil
}

// splitPresetChannels takes each preset's channels out of settings (keys
// in lower case), where strict decoding would refuse a list among the
// parameters, and returns them by preset key.
func splitPresetChannels(settings map[string]any) map[string]any {
	presets, _ := settings["presets"].(map[string]any)
	out := map[string]any{}
	for name, v := range presets {
		if m, ok := v.(map[string]any); ok {
			if ch, ok := m["channels"]; ok {
				out[name] = ch
				delete(m, "channels")
			}
		}
	}
	return out
}

// presetChannels checks each preset's channels, a list of GA4 channels
// that replaces policy.channels for links built with the preset.
func (d decoder) presetChannels(in map[string]any) (map[string][]string, error) {
	out := map[string][]string{}
	for _, key := range sortedKeys(in) {
		name := d.presetName(key)
		keys := []string{"presets", name, "channels"}
		list, ok := in[key].([]any)
		if !ok {
			return nil, d.errorAt(keys, "want a list of GA4 channels, e.g. [Email, Paid Social]")
		}
		names := make([]string, len(list))
		for i, v := range list {
			if names[i], ok = v.(string); !ok {
				return nil, d.errorAt(keys, "%v is not a channel name; want a list of GA4 channels, e.g. [Email, Paid Social]", v)
			}
		}
		chs, err := d.channels(keys, names)
		if err != nil {
			return nil, err
		}
		out[name] = chs
	}
	return out, nil
}

// PresetChannels returns the channels the named preset allows, replacing
// policy.channels, and whether it sets any.
func (c *Config) PresetChannels(name string) ([]string, bool) {
	if c == nil {
		return nil, false
	}
	n, ok := c.PresetName(name)
	if !ok {
		return nil, false
	}
	ch, ok := c.presetChannels[n]
	return ch, ok
}

// PolicyFor returns the policy of links built with the named preset ("" for
// none): the file's, with the preset's channels in place of its own.
func (c *Config) PolicyFor(preset string) *link.Policy {
	if p, ok := c.PresetPolicy(preset); ok {
		return p
	}
	if c == nil {
		return nil
	}
	return c.Policy
}

// PresetPolicy returns the policy of links built with the named preset
// when the preset sets channels of its own; a bulk row naming a preset
// takes it in place of the run's.
func (c *Config) PresetPolicy(preset string) (*link.Policy, bool) {
	if c == nil || preset == "" {
		return nil, false
	}
	n, ok := c.PresetName(preset)
	if !ok {
		return nil, false
	}
	p, ok := c.presetPolicies[n]
	return p, ok
}
