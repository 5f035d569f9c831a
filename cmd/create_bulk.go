package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/atomicfile"
	"github.com/paylink/paylink/internal/bulk"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// metadataPrefix starts a sheet's metadata columns: metadata.owner sets the
// metadata key owner, as Stripe's own exports name them.
const metadataPrefix = "metadata."

// The columns create writes back, after the sheet's own (or in place of
// columns of these names, so a created.csv can be run again).
var createdColumns = []string{"id", "url", "link", "error"}

// sheetColumns says what each column of a campaigns sheet sets.
type sheetColumns struct {
	price, quantity, redirect, preset int // -1 when absent
	params                            map[int]link.ID
	metadata                          map[int]string // column → metadata key
	result                            [4]int         // id, url, link, error: their column, or -1 to append
}

func readColumns(header []string) (*sheetColumns, error) {
	cols := &sheetColumns{price: -1, quantity: -1, redirect: -1, preset: -1, params: map[int]link.ID{}, metadata: map[int]string{}, result: [4]int{-1, -1, -1, -1}}
	seen := map[string]int{}
	for i, raw := range header {
		name := bulk.ColumnName(raw)
		if key, ok := strings.CutPrefix(strings.TrimSpace(raw), metadataPrefix); ok {
			name = metadataPrefix + key
			cols.metadata[i] = key
		}
		if first, dup := seen[name]; dup {
			return nil, fmt.Errorf("columns %s and %s set the same thing (%s); keep one", safe.Quote(header[first]), safe.Quote(raw), name)
		}
		seen[name] = i
		switch name {
		case "price":
			cols.price = i
		case "quantity":
			cols.quantity = i
		case "redirect":
			cols.redirect = i
		case bulk.PresetColumn:
			cols.preset = i
		}
		for j, r := range createdColumns {
			if name == r {
				cols.result[j] = i
			}
		}
		if p, ok := link.Lookup(name); ok {
			cols.params[i] = p.ID
		}
	}
	return cols, nil
}

// outHeader is the sheet's header with the result columns it lacks.
func (cols *sheetColumns) outHeader(header []string) []string {
	out := append([]string(nil), header...)
	for j, name := range createdColumns {
		if cols.result[j] < 0 {
			out = append(out, name)
		}
	}
	return out
}

// outRow is rec with the row's results in their columns.
func (cols *sheetColumns) outRow(rec []string, results [4]string) []string {
	out := append([]string(nil), rec...)
	for j := range createdColumns {
		if cols.result[j] >= 0 {
			out[cols.result[j]] = results[j]
		} else {
			out = append(out, results[j])
		}
	}
	return out
}

// rowSpec is the link a row asks for: the flags, then the row's preset,
// then its own cells, as build -i layers them.
func (opts *CreateOptions) rowSpec(cols *sheetColumns, rec []string, flagMeta [][2]string) (linkSpec, error) {
	b := opts.Build // a copy: the row's values never leak into the next
	if cols.preset >= 0 && rec[cols.preset] != "" {
		if b.Preset == nil {
			return linkSpec{}, fmt.Errorf("preset %s: no config file is in use, so there are no presets", safe.Quote(rec[cols.preset]))
		}
		pv, err := b.Preset(rec[cols.preset])
		if err != nil {
			return linkSpec{}, err
		}
		putSet(&b.Values, &pv)
		// A preset's GA4 channels replace policy.channels, as for build -i.
		if b.PresetPolicy != nil {
			if pol, ok := b.PresetPolicy(rec[cols.preset]); ok {
				b.Policy = pol
			}
		}
	}
	for i, id := range cols.params {
		if rec[i] != "" {
			b.Values.Put(id, rec[i])
		}
	}
	spec := linkSpec{price: opts.Price, redirect: opts.Redirect, quantity: opts.Quantity, build: &b}
	spec.price = cell(rec, cols.price, spec.price)
	spec.redirect = cell(rec, cols.redirect, spec.redirect)
	if q := cell(rec, cols.quantity, ""); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n < 1 {
			return linkSpec{}, fmt.Errorf("quantity %s: give a whole number of at least 1", safe.Quote(q))
		}
		spec.quantity = n
	}
	if spec.price == "" || spec.redirect == "" {
		return linkSpec{}, errors.New("no price or no redirect: give the price and redirect columns, or --price and --redirect for every row")
	}
	spec.extra = rowMetadata(cols, rec, flagMeta)
	return spec, nil
}

// rowMetadata is --metadata with the row's metadata.KEY cells over it; an
// empty cell is "not set for this row".
func rowMetadata(cols *sheetColumns, rec []string, flagMeta [][2]string) [][2]string {
	out := append([][2]string(nil), flagMeta...)
	for i := range rec {
		key, ok := cols.metadata[i]
		if !ok || rec[i] == "" {
			continue
		}
		replaced := false
		for j := range out {
			if out[j][0] == key {
				out[j][1], replaced = rec[i], true
			}
		}
		if !replaced {
			out = append(out, [2]string{key, rec[i]})
		}
	}
	return out
}

func cell(rec []string, col int, def string) string {
	if col >= 0 && strings.TrimSpace(rec[col]) != "" {
		return strings.TrimSpace(rec[col])
	}
	return def
}

// putSet copies the values set in src over dst.
func putSet(dst, src *link.Values) {
	for id, set := range src.Set {
		if set {
			dst.Put(link.ID(id), src.Value[id])
		}
	}
}

// runCreateBulk creates a link for every row of a sheet and writes the
// sheet back with each row's id, url, link and error. A failed row is
// written with its error and the next row goes on; exit 1 if any failed.
func runCreateBulk(ctx context.Context, opts *CreateOptions) error {
	flagMeta, err := parseMetadata(opts.Metadata)
	if err != nil {
		return err
	}
	if opts.Input != "-" && !strings.HasSuffix(strings.ToLower(opts.Input), ".csv") {
		return cmdutil.UsageErrorf("--input %s: create reads a CSV sheet (.csv, or - for stdin)", safe.Quote(opts.Input))
	}
	bo := &BuildOptions{IO: opts.IO, Bulk: BulkOptions{Input: opts.Input, Output: opts.Output, InputFormat: "csv"}}
	in, name, _, err := openInput(bo)
	if err != nil {
		return err
	}
	defer in.Close()
	sheet, err := bulk.ReadSheet(in)
	if err != nil {
		return exitcode.Errorf(exitcode.Usage, "%s: %w", name, err)
	}
	cols, err := readColumns(sheet.Header)
	if err != nil {
		return exitcode.Errorf(exitcode.Usage, "%s: line 1: %w", name, err)
	}
	cr, err := newCreator(&opts.Stripe, opts.Live, opts.DryRun)
	if err != nil {
		return err
	}
	// As build -i: a signal ends the run through ctx, so -o FILE is left
	// as it was, never half written. (A link already created stays; a
	// re-run reuses it.)
	ctx, stop := notifyInterrupt(ctx)
	defer stop()
	var out io.Writer = opts.IO.Out
	var file *atomicfile.File
	if !opts.DryRun { // a dry run writes no sheet: only the requests
		if out, file, err = openOutput(bo); err != nil {
			return err
		}
	}
	run := &sheetRun{opts: opts, cr: cr, cols: cols, flagMeta: flagMeta, name: name}
	if !opts.DryRun {
		run.w = bulk.NewSheetWriter(out)
	}
	err = run.all(ctx, sheet)
	if ctx.Err() != nil {
		if file != nil {
			file.Abort()
		}
		return interrupted(context.Cause(ctx), opts.Output)
	}
	if err == nil && file != nil {
		err = file.Commit()
	}
	if err != nil {
		if file != nil {
			file.Abort()
		}
		return exitcode.New(exitcode.Usage, err)
	}
	return run.finish()
}

// sheetRun is one run over a sheet.
type sheetRun struct {
	opts     *CreateOptions
	cr       *creator
	cols     *sheetColumns
	flagMeta [][2]string
	name     string
	w        *bulk.SheetWriter // nil for a dry run

	created, reused, failed int
}

func (s *sheetRun) all(ctx context.Context, sheet *bulk.Sheet) error {
	if s.w != nil {
		if err := s.w.Write(s.cols.outHeader(sheet.Header)); err != nil {
			return err
		}
	}
	for ctx.Err() == nil {
		rec, line, err := sheet.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var ie *bulk.InputError
			if errors.As(err, &ie) {
				return fmt.Errorf("%s: %w", s.name, ie)
			}
			return err
		}
		if err := s.row(ctx, rec, line); err != nil {
			return err
		}
	}
	return nil
}

// row creates one row's link and writes it back; only a write error
// stops the run.
func (s *sheetRun) row(ctx context.Context, rec []string, line int) error {
	var results [4]string // id, url, link, error
	out, err := s.createRow(ctx, rec)
	switch {
	case err != nil:
		s.failed++
		// Several problems (a value and the policy) share the one cell.
		results[3] = strings.ReplaceAll(err.Error(), "\n", " | ")
		fmt.Fprintf(s.opts.IO.ErrOut, "line %d: error: %s\n", line, safe.Text(results[3]))
	case out.request != nil:
		fmt.Fprintf(s.opts.IO.Out, "# line %d\n", line)
		return writeRequest(s.opts.IO.Out, *out.request, s.opts.Format)
	default:
		verb := "created"
		if out.reused {
			verb = "reused"
			s.reused++
		} else {
			s.created++
		}
		results = [4]string{out.link.ID, out.link.URL, out.tracked, ""}
		fmt.Fprintf(s.opts.IO.Notes(), "line %d: %s %s\n", line, verb, safe.Text(out.link.ID))
	}
	if s.w == nil {
		return nil
	}
	return s.w.Write(s.cols.outRow(rec, results))
}

// rowOutcome is an outcome with its tracked link.
type rowOutcome struct {
	outcome
	tracked string
}

func (s *sheetRun) createRow(ctx context.Context, rec []string) (rowOutcome, error) {
	spec, err := s.opts.rowSpec(s.cols, rec, s.flagMeta)
	if err != nil {
		return rowOutcome{}, err
	}
	p, err := prepare(spec)
	if err != nil {
		return rowOutcome{}, err
	}
	out, err := s.cr.create(ctx, p)
	if err != nil || out.request != nil {
		return rowOutcome{outcome: out}, err
	}
	tl, err := tracked(spec.build, out.link)
	return rowOutcome{out, tl}, err
}

// finish prints the summary: exit 1 if a row failed.
func (s *sheetRun) finish() error {
	summary := s.opts.IO.Notes()
	if s.failed > 0 {
		summary = s.opts.IO.ErrOut // with the failed rows' errors, -q or not
	}
	if s.opts.DryRun {
		fmt.Fprintln(summary, s.cr.readNote())
	} else {
		fmt.Fprintf(summary, "%d created, %d reused, %d failed\n", s.created, s.reused, s.failed)
	}
	if s.failed > 0 {
		return &cmdutil.SilentError{Code: exitcode.Invalid}
	}
	return nil
}
