// Package reconcile joins the links paylink built with the Checkout
// Sessions Stripe recorded, through client_reference_id: which source,
// medium and campaign brought which payments. Links are held in memory, one
// small entry each; sessions are streamed and never held.
package reconcile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/textin"
)

// DefaultBy is the grouping of a report when --by is not given.
var DefaultBy = []string{"utm_source", "utm_medium", "utm_campaign"}

// Groupable returns, in link.Params order, the link parameters a report may
// group by: those that name a campaign. client_reference_id is the join
// key, and e-mail addresses are personal data, so neither groups.
func Groupable() []string {
	var names []string
	for _, p := range link.Params {
		if p.Kind == link.KindUTM || p.Kind == link.KindPromo || p.Kind == link.KindLocale {
			names = append(names, p.Name)
		}
	}
	return names
}

// CheckBy refuses a grouping parameter that is not Groupable, or one named
// twice.
func CheckBy(by []string) error {
	groupable := Groupable()
	if len(by) == 0 {
		return fmt.Errorf("--by is empty; name at least one of %s", strings.Join(groupable, ", "))
	}
	seen := map[string]bool{}
	for _, p := range by {
		if !slices.Contains(groupable, p) {
			return fmt.Errorf("--by %q: not a parameter to group by; use %s", p, strings.Join(groupable, ", "))
		}
		if seen[p] {
			return fmt.Errorf("--by names %q twice", p)
		}
		seen[p] = true
	}
	return nil
}

// InputError is a links or sessions file that cannot be read as one: exit 2.
type InputError struct {
	Where string // FILE:LINE, or FILE alone
	Msg   string
}

func (e *InputError) Error() string { return e.Where + ": " + e.Msg }

func at(file string, line int) string { return file + ":" + strconv.Itoa(line) }

// ref is what the index keeps of one client_reference_id: 24 bytes, as
// there may be millions.
type ref struct {
	first uint64 // hash of the first link carrying it, to tell it again cheaply
	group int32  // index into Index.groups
	line  int32  // with file, where it was first seen
	links int32  // distinct links carrying it
	file  uint16 // index into Index.files
	paid  bool   // a paid session carried it
}

// maxFiles is how many files of links ref.file can tell apart.
const maxFiles = 1 << 16

// group is one combination of the --by values and what was counted for it.
type group struct {
	values          []string
	links           int
	paid            int
	pending, failed int
	amounts         map[string]int64 // gross, per currency, in minor units
	refunded        map[string]int64
	renewals        map[string]int64
}

// Index holds the links to reconcile: each reference's group, and each
// group's counts. Its memory grows with the links, a few dozen bytes each.
type Index struct {
	by     []string
	files  []string
	groups []*group
	byKey  map[string]int32
	refs   map[string]ref
	seen   map[[2]uint64]struct{} // links counted, by a 128-bit hash of the link
	seeds  [2]maphash.Seed

	ErrorRows      int // bulk output rows with an error and no link, skipped
	NoReference    int // distinct links without a client_reference_id Stripe records
	DroppedRefs    int // of those, links whose reference Stripe would drop
	DuplicateLinks int // links seen again (the same link twice), counted once

	links int // distinct links

	bases        map[string]struct{} // the links' bases, for --stripe (CollectBases)
	tooManyBases bool
}

// NewIndex returns an empty index grouping by the parameters in by.
func NewIndex(by []string) *Index {
	return &Index{
		by:    by,
		byKey: map[string]int32{},
		refs:  map[string]ref{},
		seen:  map[[2]uint64]struct{}{},
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
	}
}

// Read adds the links in r, a file named name, to the index: a bulk
// output (csv or jsonl: the link and error columns) or one link a line.
// Lines may be up to textin.MaxLine long.
func (ix *Index) Read(name string, r io.Reader, format textin.Format) error {
	if len(ix.files) == maxFiles {
		return &InputError{name, fmt.Sprintf("more than %d files of links; join them into fewer files", maxFiles)}
	}
	ix.files = append(ix.files, name)
	br, err := textin.Reader(r)
	if err != nil {
		return &InputError{name, err.Error()}
	}
	switch format {
	case textin.CSV:
		return ix.readCSV(name, br)
	case textin.JSONL:
		return ix.readJSONL(name, br)
	}
	return ix.readLines(name, br)
}

func (ix *Index) readLines(name string, br *bufio.Reader) error {
	return eachLine(name, br, func(n int, b []byte) error {
		line := strings.TrimSpace(string(b))
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		return ix.Add(line, n)
	})
}

func (ix *Index) readJSONL(name string, br *bufio.Reader) error {
	return eachLine(name, br, func(n int, line []byte) error {
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		var row struct {
			Link  *string `json:"link"`
			Error *string `json:"error"`
		}
		if err := json.Unmarshal(line, &row); err != nil {
			return &InputError{at(name, n), "not a JSON object with a link key: " + jsonMessage(err)}
		}
		switch {
		case row.Error != nil && *row.Error != "", row.Link != nil && *row.Link == "":
			ix.ErrorRows++
			return nil
		case row.Link == nil:
			return &InputError{at(name, n), `no "link" key; give the output of paylink build -i, which adds it`}
		}
		return ix.Add(*row.Link, n)
	})
}

func (ix *Index) readCSV(name string, r io.Reader) error {
	cr := csv.NewReader(textin.Limit(r, textin.MaxLine))
	cr.FieldsPerRecord = -1 // a short row is reported below, with its line
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return &InputError{name, "empty; give the output of paylink build -i, a header row and a link column"}
	}
	if err != nil {
		return csvError(name, err)
	}
	linkCol, errCol := -1, -1
	for i, h := range header {
		switch strings.TrimSpace(h) {
		case "link":
			linkCol = i
		case "error":
			errCol = i
		}
	}
	if linkCol < 0 {
		line, _ := cr.FieldPos(0)
		return &InputError{at(name, line), fmt.Sprintf("no link column in the header %q; give the output of paylink build -i, which adds the link column", strings.Join(header, ","))}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		switch {
		case linkCol >= len(rec):
			return &InputError{at(name, line), fmt.Sprintf("%d fields, but the link column is field %d", len(rec), linkCol+1)}
		case errCol >= 0 && errCol < len(rec) && rec[errCol] != "", strings.TrimSpace(rec[linkCol]) == "":
			ix.ErrorRows++
			continue
		}
		if err := ix.Add(rec[linkCol], line); err != nil {
			return err
		}
	}
}

func csvError(name string, err error) error {
	var long *textin.LineTooLongError
	if errors.As(err, &long) {
		return &InputError{at(name, long.Line), long.Reason()}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &InputError{at(name, pe.Line), pe.Err.Error()}
	}
	return &InputError{name, err.Error()}
}

// eachLine calls fn with each line of br and its number, refusing a line
// over textin.MaxLine.
func eachLine(name string, br *bufio.Reader, fn func(n int, line []byte) error) error {
	err := textin.EachLine(br, textin.MaxLine, fn)
	var long *textin.LineTooLongError
	var in *InputError
	switch {
	case err == nil || errors.As(err, &in):
		return err
	case errors.As(err, &long):
		return &InputError{at(name, long.Line), long.Reason()}
	}
	return &InputError{name, err.Error()}
}

// Add indexes one link, found on line of the file read last.
func (ix *Index) Add(raw string, line int) error {
	raw = strings.TrimSpace(raw)
	ix.addBase(raw)
	values, refID, err := ix.parse(raw)
	if err != nil {
		return &InputError{at(ix.files[len(ix.files)-1], line), err.Error()}
	}
	gi := ix.group(values)
	if refID == "" || link.Check(link.Params[link.ClientReferenceID], refID) != nil {
		if ix.firstSight(raw) {
			ix.NoReference++
			if refID != "" {
				ix.DroppedRefs++
			}
			ix.count(gi)
		}
		return nil
	}
	h := maphash.String(ix.seeds[0], raw)
	r, ok := ix.refs[refID]
	if !ok {
		// A copy: refID is part of the line, which must not stay in memory.
		ix.refs[strings.Clone(refID)] = ref{group: gi, file: uint16(len(ix.files) - 1), line: int32(line), links: 1, first: h}
		ix.count(gi)
		return nil
	}
	if r.group != gi {
		return &InputError{at(ix.files[len(ix.files)-1], line), fmt.Sprintf("client_reference_id %q is on a link grouped as %s, but %s has it on a link grouped as %s; "+
			"a reference must lead to one group, or its payments could go to either: give the links different references",
			refID, ix.describe(ix.groups[gi].values), at(ix.files[r.file], int(r.line)), ix.describe(ix.groups[r.group].values))}
	}
	// The same link again is most often the reference's first link, known
	// by its hash; other links with the reference go to the set of links.
	if h == r.first || !ix.firstSight(raw) {
		ix.DuplicateLinks++
		return nil
	}
	r.links++
	ix.refs[refID] = r
	ix.count(gi)
	return nil
}

func (ix *Index) count(gi int32) {
	ix.links++
	ix.groups[gi].links++
}

// firstSight records raw and reports whether it is the first time the
// index sees that link. Links are kept as 128-bit hashes, not strings:
// 16 bytes each, and two different links collide with odds of about 2^-128.
// Only links without a reference, and a reference's links after its first,
// are kept here: a reference's first link is its ref.first.
func (ix *Index) firstSight(raw string) bool {
	h := [2]uint64{maphash.String(ix.seeds[0], raw), maphash.String(ix.seeds[1], raw)}
	if _, ok := ix.seen[h]; ok {
		return false
	}
	ix.seen[h] = struct{}{}
	return true
}

func (ix *Index) describe(values []string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = ix.by[i] + "=" + strconv.Quote(v)
	}
	return strings.Join(parts, " ")
}

// parse reads the grouping values and the client_reference_id from the
// link's own query, decoded as Stripe reads them ('+' is a space). A value
// not carried is "".
func (ix *Index) parse(raw string) (values []string, refID string, err error) {
	values = make([]string, len(ix.by))
	found := make([]bool, len(ix.by))
	hasRef := false
	for _, q := range link.QueryOf(raw) {
		k, v := q.Key, q.Value
		if k == "client_reference_id" {
			if hasRef && v != refID {
				return nil, "", fmt.Errorf("client_reference_id twice, %q and %q: Stripe keeps one of them and which is undefined; give the link one reference", refID, v)
			}
			refID, hasRef = v, true
			continue
		}
		for i, p := range ix.by {
			if k == p && !found[i] { // the first copy, as validate reads a repeated parameter
				values[i], found[i] = v, true
			}
		}
	}
	return values, refID, nil
}

// group returns the index of the group of values, adding it if new.
func (ix *Index) group(values []string) int32 {
	var key strings.Builder
	for _, v := range values {
		// Length-prefixed, so no value can contain a separator.
		key.WriteString(strconv.Itoa(len(v)))
		key.WriteByte(':')
		key.WriteString(v)
	}
	if gi, ok := ix.byKey[key.String()]; ok {
		return gi
	}
	gi := int32(len(ix.groups))
	for i, v := range values {
		values[i] = strings.Clone(v) // not the line it is part of
	}
	ix.groups = append(ix.groups, &group{values: values})
	ix.byKey[key.String()] = gi
	return gi
}

// Links is how many distinct links the index holds.
func (ix *Index) Links() int { return ix.links }
