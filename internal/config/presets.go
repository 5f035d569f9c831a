package config

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/paylink/paylink/internal/link"
)

// presets checks every preset value with the rules flags follow
// (link.Prepare) and turns each preset into the values it sets, under its
// name as written. A value Stripe would drop even after sanitizing is an
// error naming the preset: no link could be built from it.
func (d decoder) presets(in map[string]map[string]string) (map[string]link.Values, error) {
	out := make(map[string]link.Values, len(in))
	for _, key := range sortedKeys(in) {
		name := d.presetName(key)
		var vals link.Values
		for _, param := range sortedKeys(in[key]) {
			p, _ := link.Lookup(param) // checkKeys let only parameter names through
			v := in[key][param]
			if v != "" {
				if _, _, problem := link.Prepare(p, v, link.Options{}); problem != nil {
					return nil, &Error{Path: d.path, Line: keyLine(d.data, []string{"presets", name, param}),
						Msg: fmt.Sprintf("preset %q: %v", name, problem)}
				}
			}
			vals.Put(p.ID, v)
		}
		out[name] = vals
	}
	return out, nil
}

// PresetNames returns the names of the presets as written in the file,
// sorted without regard to case.
func (c *Config) PresetNames() []string {
	names := sortedKeys(c.Presets)
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	return names
}

// PresetName returns the name, as written in the file, of the preset name
// stands for: names are case-insensitive (viper reads keys in lower case,
// and a file cannot hold two names that differ only in case).
func (c *Config) PresetName(name string) (string, bool) {
	if _, ok := c.Presets[name]; ok {
		return name, true
	}
	lower := strings.ToLower(name)
	for n := range c.Presets {
		if strings.ToLower(n) == lower {
			return n, true
		}
	}
	return "", false
}

// Preset returns the values the named preset sets, the name compared
// without case.
func (c *Config) Preset(name string) (link.Values, error) {
	if n, ok := c.PresetName(name); ok {
		return c.Presets[n], nil
	}
	names := c.PresetNames()
	if len(names) == 0 {
		return link.Values{}, fmt.Errorf("unknown preset %q: %s defines no presets; add one under the presets key", name, c.Source.Path)
	}
	return link.Values{}, fmt.Errorf("unknown preset %q%s; presets in %s: %s",
		name, didYouMean(name, names), c.Source.Path, strings.Join(names, ", "))
}

// policy checks the naming policy and compiles its patterns. Every
// parameter it names must exist, every allowed value must be one Stripe
// records, and every pattern must compile.
func (d decoder) policy(in *policy) (*link.Policy, error) {
	if len(in.Required) == 0 && len(in.Allowed) == 0 && len(in.Patterns) == 0 && len(in.Channels) == 0 {
		return nil, nil
	}
	out := &link.Policy{Required: in.Required, Allowed: in.Allowed, Patterns: map[string]*regexp.Regexp{}}
	if len(in.Channels) > 0 {
		var err error
		if out.Channels, err = d.channels([]string{"policy", "channels"}, in.Channels); err != nil {
			return nil, err
		}
	}
	for _, name := range in.Required {
		if _, ok := link.Lookup(name); !ok {
			return nil, d.errorAt([]string{"policy", "required"}, "unknown parameter %q%s; use one of %s",
				name, didYouMean(name, paramNames()), strings.Join(paramNames(), ", "))
		}
	}
	for _, name := range sortedKeys(in.Allowed) {
		p, _ := link.Lookup(name)
		for _, v := range in.Allowed[name] {
			if problem := link.Check(p, v); problem != nil {
				return nil, d.errorAt([]string{"policy", "allowed", name}, "%v", problem)
			}
		}
	}
	for _, name := range sortedKeys(in.Patterns) {
		re, err := regexp.Compile(in.Patterns[name])
		if err != nil {
			return nil, d.errorAt([]string{"policy", "patterns", name}, "%s is not a valid regular expression (%s)", link.Quote(in.Patterns[name]), regexpReason(err))
		}
		out.Patterns[name] = re
	}
	return out, nil
}

// regexpReason is why a pattern does not compile, with the part of it at
// fault quoted and cut as values are: regexp's own message copies it whole,
// and a pattern may be a megabyte.
func regexpReason(err error) string {
	var re *syntax.Error
	if errors.As(err, &re) {
		return string(re.Code) + ": " + link.Quote(re.Expr)
	}
	return err.Error()
}
