package bulk

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paylink/paylink/internal/link"
)

// row is one input row on its way through the engine. It is reused: reset
// clears it for the next row.
type row struct {
	line   int         // input line where the row starts
	blank  bool        // a blank line of lines input: no row, kept as a blank line
	url    string      // the payment link as given
	own    link.Values // the row's own non-empty values
	preset string      // the row's preset, or ""
	fail   string      // a problem found while reading the row, or ""

	rec     []string // csv input: the record
	members []member // jsonl input: the object's keys and values
	badUTF8 bool     // jsonl input: the line holds bytes that are not UTF-8

	link     string // the built link, "" when the row failed
	err      string // why the row failed, "" when it did not
	errs     []string
	errKinds []string // what each error says whatever the value (see errorKind)
	warns    []string // the warnings about the row's link, for the writer to report
	kinds    []string // what each warning says whatever the value (link.Result.Kinds)
}

func (rw *row) reset(line int) {
	*rw = row{line: line, errs: rw.errs[:0], errKinds: rw.errKinds[:0], warns: rw.warns[:0], kinds: rw.kinds[:0]}
}

// addError records one of the row's problems and its kind.
func (rw *row) addError(err error) {
	rw.errs = append(rw.errs, err.Error())
	rw.errKinds = append(rw.errKinds, errorKind(err))
}

// errorKind is what a problem says whatever the value, to group failed
// rows by: the parameter and the rule it breaks ("client_reference_id:
// ... (client-reference-id-invalid)"); for an error that is no link
// problem (a preset the config lacks), its message.
func errorKind(err error) string {
	var p *link.Problem
	if !errors.As(err, &p) {
		return err.Error()
	}
	param := p.Param
	if param == "" {
		param = "link"
	}
	if r, ok := link.LookupRule(p.Rule); ok {
		return param + ": " + r.Short + " (" + string(r.ID) + ")"
	}
	return param + ": " + string(p.Rule)
}

// setValue records a parameter cell or key of the row; an empty value is
// "not set for this row".
func (rw *row) setValue(id link.ID, v string) {
	if v != "" && rw.valid(link.Params[id].Name, v) {
		rw.own.Put(id, v)
	}
}

// setPreset records the row's preset column or key.
func (rw *row) setPreset(v string) {
	if v != "" && rw.valid(PresetColumn, v) {
		rw.preset = v
	}
}

// valid fails the row when a value is not UTF-8: the engine would otherwise
// sanitize the bytes away or quote them, and the input is what is wrong.
func (rw *row) valid(name, v string) bool {
	if utf8.ValidString(v) {
		return true
	}
	rw.failf("%s %q: not valid UTF-8; save the input as UTF-8", name, v)
	return false
}

func (rw *row) failf(format string, args ...any) {
	if rw.fail == "" {
		rw.fail = fmt.Sprintf(format, args...)
	}
}

// build turns the row into its link, or into its error. Layers, lowest
// first: the run's defaults (flags and --preset), the row's preset, the
// row's own values.
func (r *runner) build(rw *row) {
	if rw.blank {
		return
	}
	defer r.count(rw)
	if rw.fail != "" {
		rw.err = rw.fail
		rw.errKinds = append(rw.errKinds, rw.fail)
		return
	}
	vals := r.cfg.Defaults
	if rw.preset != "" {
		pv, err := r.preset(rw.preset)
		if err != "" {
			rw.err = err
			rw.errKinds = append(rw.errKinds, err)
			return
		}
		overlay(&vals, &pv)
	}
	overlay(&vals, &rw.own)
	l, err := link.Parse(rw.url, r.cfg.Domains)
	if err != nil {
		rw.addError(err)
		return
	}
	res, problems := link.Build(l, &vals, r.cfg.Options)
	if len(problems) == 0 {
		problems = r.policy(rw.preset).CheckBuilt(res.Link)
	}
	for _, p := range problems {
		rw.addError(p)
	}
	if len(problems) == 0 {
		rw.link = res.Link
	}
	rw.warns = append(rw.warns, res.Warnings...)
	rw.kinds = append(rw.kinds, res.Kinds...)
}

// count joins the row's problems into its error message and counts it.
func (r *runner) count(rw *row) {
	if rw.err == "" && len(rw.errs) > 0 {
		rw.err = strings.Join(rw.errs, " | ")
	}
	r.stats.Rows++
	if rw.err != "" {
		r.stats.Failed++
	}
}

// overlay copies the values set in src over dst.
func overlay(dst, src *link.Values) {
	for id, set := range src.Set {
		if set {
			dst.Set[id], dst.Value[id] = true, src.Value[id]
		}
	}
}

type presetResult struct {
	vals link.Values
	err  string
}

// maxCachedPresets bounds the cache of preset look-ups, so an input naming a
// new preset on every row cannot grow memory.
const maxCachedPresets = 256

// preset returns the values of the named preset, or why the row cannot use
// it.
func (r *runner) preset(name string) (link.Values, string) {
	if res, ok := r.presets[name]; ok {
		return res.vals, res.err
	}
	var res presetResult
	vals, err := r.lookupPreset(name)
	if err != nil {
		res.err = "preset column: " + err.Error()
	} else {
		res.vals = vals
	}
	if r.presets == nil {
		r.presets = map[string]presetResult{}
	}
	if len(r.presets) < maxCachedPresets {
		r.presets[name] = res
	}
	return res.vals, res.err
}

// policy is the policy a row's link must pass: its preset's, when the
// preset sets GA4 channels of its own, else the run's.
func (r *runner) policy(preset string) *link.Policy {
	if preset != "" && r.cfg.PresetPolicy != nil {
		if p, ok := r.cfg.PresetPolicy(preset); ok {
			return p
		}
	}
	return r.cfg.Policy
}

func (r *runner) lookupPreset(name string) (link.Values, error) {
	if r.cfg.Preset == nil {
		return link.Values{}, fmt.Errorf("preset %q: no config file is in use, so there are no presets; define it under presets: in paylink.yaml", name)
	}
	return r.cfg.Preset(name)
}
