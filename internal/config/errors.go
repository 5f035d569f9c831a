package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"

	"github.com/paylink/paylink/internal/link"
)

// Error is something wrong with a config file: paylink exits 2.
type Error struct {
	Path string
	Line int // 1-based; 0 when not known
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// parseError turns a syntax error from one of viper's decoders into an Error
// with the line the parser gives: YAML says it in its message, TOML gives a
// position, JSON a byte offset.
func parseError(path string, data []byte, err error) *Error {
	var (
		pos    interface{ Position() (row, column int) } // go-toml's DecodeError
		syntax *json.SyntaxError
	)
	msg := err.Error()
	e := &Error{Path: path}
	switch {
	case errors.As(err, &pos):
		e.Line, _ = pos.Position()
		msg = strings.TrimPrefix(msg, "toml: ")
	case errors.As(err, &syntax):
		e.Line = lineAt(data, syntax.Offset-1) // Offset is just past the bad byte
	default:
		// YAML gives the line in its message: "yaml: line 3: ..." or
		// "yaml: unmarshal errors:\n  line 2: ...". Compiled here, not at
		// start-up, as only a broken file needs it.
		yamlLine := regexp.MustCompile(`line (\d+): (.*)`)
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		if edited := firstBadLine(data); edited > e.Line && e.Line > 0 {
			msg += fmt.Sprintf(" (the parser noticed it at line %d)", e.Line)
			e.Line = edited
		}
	}
	if strings.Contains(msg, "cannot unmarshal") {
		// The file parsed, but as a list or a single value.
		msg = "the top level must be keys such as " + strings.Join(topKeys, ", ") + " (" + msg + ")"
	}
	e.Msg = "syntax error: " + msg
	return e
}

// firstBadLine is the line a YAML syntax error most likely sits on: the
// first line such that the file up to it no longer parses. The parser names
// the line where the construct it was reading began ("did not find
// expected key" at the "domains: []" above the list item a user
// uncommented), not the line that broke it. 0 when not found; the search
// parses at most 2·log2(lines) prefixes, and the file is size-capped.
func firstBadLine(data []byte) int {
	dec, err := viper.NewCodecRegistry().Decoder("yaml")
	if err != nil {
		return 0
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(n int) bool {
		return dec.Decode(bytes.Join(lines[:n], nil), map[string]any{}) != nil
	}
	if !fails(len(lines)) {
		return 0
	}
	lo, hi := 0, len(lines) // the prefix of lo lines parses; that of hi does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// lineAt is the 1-based line holding byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// keyLine guesses the line where the key at path (e.g. presets, spring-email,
// utm_source) is written, for errors found after parsing, when the parser's
// positions are gone. It follows the path down the file, one key after the
// other, which finds nested keys in YAML, TOML and JSON alike; 0 when a key
// is not found.
func keyLine(data []byte, path []string) int {
	return findKey(data, path, false)
}

// exactKeyLine is keyLine for presets.NAME with NAME matched in its case as
// written: it tells apart two names that differ only in case.
func exactKeyLine(data []byte, presets, name string) int {
	return findKey(data, []string{presets, name}, true)
}

// findKey does keyLine's work, matching the last key of path in its case
// when exactLast is set.
func findKey(data []byte, path []string, exactLast bool) int {
	lines := strings.Split(string(data), "\n")
	at := 0
	for i, key := range path {
		fold := "(?i)"
		if exactLast && i == len(path)-1 {
			fold = ""
		}
		re, err := regexp.Compile(fold + `(^|[\s"'\[.{,])` + regexp.QuoteMeta(key) + `["']?\s*([:=\].]|$)`)
		if err != nil {
			return 0
		}
		for at < len(lines) && !re.MatchString(lines[at]) {
			at++
		}
		if at == len(lines) {
			return 0
		}
	}
	return at + 1
}

// decodeError explains an error from strict decoding: which key, what it
// holds and what it should hold.
func (d decoder) decodeError(err error) *Error {
	path, data := d.path, d.data
	var de *mapstructure.DecodeError
	if !errors.As(err, &de) {
		return &Error{Path: path, Msg: err.Error()}
	}
	keys := splitName(de.Name())
	if len(keys) > 1 && keys[0] == "presets" {
		keys[1] = d.presetName(keys[1])
	}
	msg := de.Unwrap().Error()
	var ute *mapstructure.UnconvertibleTypeError
	switch {
	case errors.As(err, &ute):
		msg = fmt.Sprintf("got %s, want %s", describe(ute.Value), want(ute.Expected.Type()))
	case strings.HasPrefix(msg, "source data must be an array or slice"):
		msg = "want a list, e.g. [a, b] (" + msg + ")"
	case strings.HasPrefix(msg, "expected a map"):
		msg = "want a table of keys (" + msg + ")"
	}
	return &Error{Path: path, Line: keyLine(data, keys), Msg: strings.Join(keys, ".") + ": " + msg}
}

// splitName turns mapstructure's "presets[spring-email][utm_source]" or
// "policy.required[0]" into its keys, leaving out list indexes.
func splitName(name string) []string {
	var keys []string
	for f := range strings.FieldsFuncSeq(name, func(r rune) bool { return r == '.' || r == '[' || r == ']' }) {
		if _, err := strconv.Atoi(f); err != nil {
			keys = append(keys, f)
		}
	}
	return keys
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case bool:
		return fmt.Sprintf("%v (true or false)", v)
	case int, int64, uint64, float64:
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table of keys"
	}
	return fmt.Sprintf("%v", v)
}

func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text (put it in quotes)"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list, e.g. [a, b]"
	case reflect.Map:
		return "a table of keys"
	}
	return t.String()
}

// suggest returns the candidate v was most likely meant to be, or "": one
// that differs by case, '-' for '_', or at most two edits, in whole or in
// its start (a preset "sprng" was meant to be "spring-email").
func suggest(v string, candidates []string) string {
	norm := strings.ToLower(strings.ReplaceAll(v, "-", "_"))
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := startDistance(norm, strings.ToLower(strings.ReplaceAll(c, "-", "_"))); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// startDistance is the distance from v to c or to the start of c of about
// v's length; a start counts only for a v of three characters or more.
func startDistance(v, c string) int {
	d := link.Distance(v, c)
	if len(v) < 3 {
		return d
	}
	for n := len(v) - 1; n <= len(v)+1 && n <= len(c); n++ {
		d = min(d, link.Distance(v, c[:n]))
	}
	return d
}

func didYouMean(v string, candidates []string) string {
	if s := suggest(v, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}
