package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/account"
	"github.com/paylink/paylink/internal/build"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/printers"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/scan"
	"github.com/paylink/paylink/internal/textin"
)

// ValidateOptions are the inputs of `paylink validate`, filled from flags.
type ValidateOptions struct {
	IO *iostreams.IOStreams

	Args    []string // links, or with Scan files and folders
	Input   string   // -i: a file of links or a sheet, or "-" for stdin; with Scan a file to scan
	Scan    bool     // find the links inside text files instead of taking links
	Fix     bool     // with Scan: rewrite the links that have one safe repair, in place
	Diff    bool     // with Scan: print those repairs as a unified diff, changing nothing
	Domains []string // custom payment-link domains allowed besides buy.stripe.com
	Format  string   // "text", "json", "github" or "sarif"
	Strict  bool     // warnings count as errors
	FailOn  string   // "error" (the default) or "warning": the least severity that fails the run

	// Policy is the team's naming policy from the config file (nil: none).
	Policy *link.Policy
	// Lowercase is the config file's lowercase: true: UTM codes with
	// upper-case letters are warned about (and repaired by --fix).
	Lowercase bool

	// Stripe looks every link up in the Stripe account (--stripe).
	Stripe  bool
	Account StripeOptions
	// account is the account's links, listed once before the first link
	// is checked; nil without --stripe.
	account *account.Index
}

// NewValidateCmd builds `paylink validate`. runF replaces the run function
// in tests that check flag parsing; nil runs the validation.
func NewValidateCmd(f *cmdutil.Factory, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: f.IO, Account: newStripeOptions(f)}
	c := &cobra.Command{
		Use:   "validate [URL...] [-i FILE|-] | --scan PATH...",
		Short: "Find the payment links whose parameters Stripe would drop",
		Long: `Check payment links against Stripe's rules and report every problem: the link
itself (https, host, path), each parameter value Stripe would drop (checked
after URL-decoding, so '+' and %20 are spaces), repeated parameters, and
utm_ names Stripe does not record.

Links come as arguments, or with -i one a line from a file or stdin (blank
lines and lines starting with '#' skipped), or from the link (else url)
column of a csv or jsonl sheet, such as the one build -i writes. Each
problem is one line on stdout: LINK: PARAM: SEVERITY: MESSAGE (FILE:LINE:COL
for a sheet), where PARAM is "link" for the link itself. A valid link
prints nothing. --format json prints one object per link:
{"link","valid","problems":[{"param","value","severity","message"}]}.

--scan finds the payment links (on buy.stripe.com, donate.stripe.com,
book.stripe.com, an --allow-domain host, or a lookalike of one) inside
files and folders: HTML, Markdown and templates (character references
such as &amp; decoded, except in Markdown code and <script>/<style>), code,
CSV and plain text. Folders
are walked recursively, skipping .git, node_modules and binary files.
Problems are reported as FILE:LINE:COL: PARAM: SEVERITY: MESSAGE, COL being
where the link starts, counted from 1 in bytes; JSON objects gain "file",
"line" and "column". A value holding a template placeholder ({{ }}, {% %},
${ }, #{ }, <% %>, {name}, %s, :id, ...) or completed by code ("...=" + x)
is not judged; the link's scheme, host and path always are. The bare origin
(a prefix) and Checkout recovery links (/r/...) are no payment links. Links
like https://HOST/b/SLUG on a host not allowed are counted in one hint on
stderr.

--fix rewrites in place the links whose problems have exactly one safe
repair (UTM codes sanitized as build does, "&amp;" in a file that is not
markup, a locale's spelling, http:// on a Stripe host, a link cut by a
space, upper-case UTM codes with lowercase: true), byte for byte, and
prints FILE:LINE:COL: PARAM: fixed: "OLD" → "NEW" for each; ids, e-mails,
promotion codes, hosts, slugs and values holding a placeholder are never
rewritten. --diff prints the same repairs as a unified diff and changes
nothing; it exits 1 while anything is repairable.

For CI, --format github prints each problem as a GitHub Actions annotation
(::error file=F,line=N,col=C,title=paylink: PARAM::MESSAGE, escaped as
GitHub requires) followed by its plain line, then a summary such as
"2 errors, 1 warning in 2 files". --format sarif prints one SARIF 2.1.0 log
for GitHub code scanning and other viewers: one rule per kind of problem
(utm-invalid-chars, lookalike-host, ...), columns in UTF-16 code units as
SARIF counts them.

--stripe also looks every link up in the Stripe account of STRIPE_API_KEY
(or --api-key-file), listing the account's links once: a deactivated link
is an error; a link with UTM codes whose confirmation is Stripe's hosted
page (which passes them nowhere), and a link not in the account, are
warnings; a test-mode link checked with a live key, or the reverse, is
reported as not checkable. Without --stripe, validate never touches the
network.

Exit codes: 0 no errors (warnings allowed, unless --strict or --fail-on
warning), 1 a link has an error, 2 usage error or unreadable input.
--strict reports warnings as errors; --fail-on warning keeps them warnings
but fails the run on them.`,
		Example: `  paylink validate 'https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr?utm_source=a+b'
  paylink validate -i links.txt --format json
  paylink validate --scan templates/ landing/ --strict
  paylink validate --scan site/ --allow-domain pay.example.com
  paylink validate --scan . --format github --fail-on warning
  paylink validate --scan . --format sarif > paylink.sarif
  paylink validate --stripe --scan site/`,
		Args: cmdutil.WrapArgs(cobra.ArbitraryArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args, opts.Account.Context = args, c.Context()
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
	fs := c.Flags()
	fs.StringVarP(&opts.Input, "input", "i", "", "read links from `FILE` (- for stdin): one a line, or a sheet's link column; with --scan, scan FILE")
	fs.BoolVar(&opts.Scan, "scan", false, "find and check the payment links inside files and folders")
	fs.BoolVar(&opts.Fix, "fix", false, "with --scan: repair in place the links that have exactly one safe repair, and report what is left")
	fs.BoolVar(&opts.Diff, "diff", false, "with --scan: print the repairs --fix would make as a unified diff, changing nothing")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings (ignored or repeated parameters) as errors")
	addDomainFlag(fs, &opts.Domains)
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "", cmdutil.Text, cmdutil.JSON, cmdutil.JSONL, cmdutil.GitHub, cmdutil.SARIF)
	fs.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 on problems of `SEVERITY` and worse: error or warning")
	cmdutil.Enum(c, "fail-on", []string{"error", "warning"})
	fs.BoolVar(&opts.Stripe, "stripe", false, "also look each link up in the Stripe account (deactivated, hosted confirmation, not found)")
	addStripeFlags(fs, &opts.Account)
	bindValidateConfig(f, c, opts) // environment, config domains and policy
	cmdutil.AddResultFlags(c, f)
	return c
}

// check refuses a call that gives nothing to check.
func (o *ValidateOptions) check() error {
	switch {
	case (o.Fix || o.Diff) && !o.Scan:
		return cmdutil.UsageErrorf("--fix and --diff repair the files of a scan: use them with --scan PATH...")
	case o.Fix && o.Diff:
		return cmdutil.UsageErrorf("--fix writes the repairs and --diff only shows them: use one")
	case o.Diff && o.Format != "" && o.Format != "text":
		return cmdutil.UsageErrorf("--diff prints a unified diff: leave --format out")
	}
	if len(o.Args) == 0 && o.Input == "" {
		if o.Scan {
			return cmdutil.UsageErrorf("give the files or folders to scan, e.g. paylink validate --scan templates/")
		}
		return cmdutil.UsageErrorf("give links to check, e.g. paylink validate https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr, or -i FILE")
	}
	return nil
}

// newPrinter is the printer of validate's --format, on stdout.
func newPrinter(opts *ValidateOptions) printers.Printer {
	root, err := os.Getwd() // SARIF's file URIs are relative to it
	if err != nil {
		root = "."
	}
	out := opts.IO.Out
	if opts.Diff {
		out = opts.IO.ErrOut // stdout is the diff, for patch or git apply
	}
	return printers.New(opts.Format, out, printers.Options{Scanning: opts.Scan, Version: build.Current().Version, Root: root})
}

func runValidate(opts *ValidateOptions) error {
	if opts.Stripe {
		ix, err := accountIndex(opts.IO, &opts.Account)
		if err != nil {
			return err
		}
		opts.account = ix
	}
	v := &validator{opts: opts, out: newPrinter(opts)}
	var err error
	if opts.Scan {
		err = v.scanAll()
	} else {
		var n int
		n, err = eachLink(opts.IO, opts.Args, opts.Input, v.reportLink)
		if err == nil && n == 0 {
			// An empty or truncated list in CI must not pass as "all valid".
			err = fmt.Errorf("no links in %s: give one link a line (blank lines and # comments are skipped)", inputName(opts.Input))
		}
	}
	// The end of the output (github's summary, the SARIF log) is written
	// even after an unreadable file: what was found is still worth reading.
	if ferr := v.out.Finish(&v.tally); ferr != nil && err == nil {
		err = ferr
	}
	switch {
	case err != nil:
		return exitcode.New(exitcode.Usage, err)
	case v.ioFailed:
		return &cmdutil.SilentError{Code: exitcode.Usage}
	case v.tally.Errors > 0, opts.FailOn == "warning" && v.tally.Warnings > 0:
		return &cmdutil.SilentError{Code: exitcode.Invalid}
	case opts.Diff && v.repairable > 0:
		// Unlike ruff check --diff: a CI job must not pass while the
		// files still hold what --fix would change.
		return &cmdutil.SilentError{Code: exitcode.Invalid}
	}
	return nil
}

// validator checks links and reports their problems as it goes, so output
// streams however many links there are.
type validator struct {
	opts     *ValidateOptions
	custom   customHosts // links on custom domains not allowed, seen by a scan
	out      printers.Printer
	tally    printers.Tally
	ioFailed bool     // a file could not be read; the scan went on
	writeErr error    // the report could not be written: the scan stopped
	pseudo   []string // files of /proc, /sys… found in scanned folders, not read

	editing    bool       // --fix or --diff, in a file (not stdin)
	edits      []fileEdit // the repairs of the file being scanned
	repairable int        // links with a repair, for --diff's exit code
	// held are the links of the file being repaired (--fix), printed once
	// its repairs are written, or are not: a "fixed:" line is a promise.
	held []heldItem
}

// heldItem is a link of a file being repaired, with its problems as they
// stand should the repair not be written.
type heldItem struct {
	it      printers.Item
	unfixed []*link.Problem
}

// problems returns the link as shown and its problems: the link itself when
// it does not parse; else Stripe's rules for every parameter and the policy. With --strict, warnings become errors.
func (v *validator) problems(raw string) (string, []*link.Problem) {
	l, err := link.Parse(raw, v.opts.Domains)
	if err != nil {
		var p *link.Problem
		if !errors.As(err, &p) {
			p = &link.Problem{Rule: link.RuleLinkMalformed, Value: raw, Severity: link.SeverityError, Reason: err.Error()}
		}
		return strings.TrimSpace(raw), v.strict([]*link.Problem{p})
	}
	ps := l.Problems()
	ps = append(ps, v.opts.Policy.CheckLink(l)...)
	if v.opts.Lowercase {
		ps = append(ps, link.CheckLowercase(l.Query())...)
	}
	if v.opts.account != nil {
		ps = append(ps, v.opts.account.Check(l)...)
	}
	return l.Raw, v.strict(ps)
}

func (v *validator) strict(ps []*link.Problem) []*link.Problem {
	if !v.opts.Strict {
		return ps
	}
	for i, p := range ps {
		if p.Severity == link.SeverityWarning {
			q := *p
			q.Severity = link.SeverityError
			ps[i] = &q
		}
	}
	return ps
}

// report checks one link a scan found in file, and writes its problems,
// with the repairs it has. With --fix or --diff, the repairs of a file
// being scanned are kept for it (v.edits) and the problems they mend are
// no longer counted.
func (v *validator) report(file string, at scan.Found) error {
	shown, ps := v.foundProblems(at)
	it := printers.Item{File: file, At: at, Shown: shown, Problems: ps}
	var edits []fileEdit
	if at.Written.Text != "" {
		it.Fixes, it.Fixed, edits = v.repairs(file, at, ps)
	}
	if v.editing && len(edits) > 0 {
		v.edits = append(v.edits, edits...)
		v.repairable++
		it.Applied = v.opts.Fix
		it.Problems = slices.DeleteFunc(slices.Clone(ps), func(p *link.Problem) bool {
			return repaired(p, it.Fixes, at) || p.Rule == link.RulePolicyChannel && v.landsAllowed(it.Fixed)
		})
	}
	if v.editing && v.opts.Fix {
		v.held = append(v.held, heldItem{it, ps})
		return nil
	}
	return v.print(it)
}

// landsAllowed reports whether the link, repaired, lands in a channel
// policy.channels allows: a repair of another problem can move it there
// (a link cut by a space, joined again, has its utm_medium back), which no
// repair of the channel itself says.
func (v *validator) landsAllowed(fixed string) bool {
	_, ps := v.problems(fixed)
	return !slices.ContainsFunc(ps, func(p *link.Problem) bool { return p.Rule == link.RulePolicyChannel })
}

// printHeld prints the links held while their file was repaired: as
// fixed when written is true, else with the problems they still have.
func (v *validator) printHeld(written bool) error {
	held := v.held
	v.held = nil
	for _, h := range held {
		if !written && h.it.Applied {
			h.it.Applied, h.it.Problems = false, h.unfixed
		}
		if err := v.print(h.it); err != nil {
			return err
		}
	}
	return nil
}

// reportLink checks one link given directly, or read from -i, as written,
// and writes its problems; a link from a sheet with its file and line.
func (v *validator) reportLink(l linkAt) error {
	shown, ps := v.problems(l.raw)
	return v.print(printers.Item{File: l.file, At: scan.Found{Line: l.line, Column: l.column, Link: l.raw}, Shown: shown, Problems: ps})
}

func (v *validator) print(it printers.Item) error {
	it.Valid = !slices.ContainsFunc(it.Problems, func(p *link.Problem) bool { return p.Severity == link.SeverityError })
	v.tally.Add(it)
	return v.out.Print(it)
}

// foundProblems checks a link found by a scan with its placeholders masked
// (see scan.Candidate), so that a value known only once the template is
// rendered or the code runs is not judged. The link itself (scheme, host,
// user-info, path) always is: a placeholder never excuses it.
func (v *validator) foundProblems(at scan.Found) (string, []*link.Problem) {
	if t := at.HostTemplate; t.Written != "" {
		return strings.TrimSpace(at.Link), []*link.Problem{link.TemplatedHost(at.Link, t.Written, t.Base)}
	}
	check := at.Check
	if check == "" {
		check = at.Link
	}
	_, ps := v.problems(check)
	if at.Cut != "" {
		ps = append(ps, v.strict(link.CutBySpace(at.Link, at.Written.Gap, at.Cut))...)
	}
	ps = slices.DeleteFunc(ps, func(p *link.Problem) bool {
		return p.Param != "" && (scan.HasPlaceholder(p.Value) || scan.HasPlaceholder(p.Param))
	})
	for i, p := range ps {
		q := *p
		if p.Param == "" {
			q.Value = at.Link // as written, not masked
		}
		// What the user wrote, never the sentinel that stood for it.
		q.Reason, q.Effect, q.Fix = scan.Unmask(q.Reason, at.Masked), scan.Unmask(q.Effect, at.Masked), scan.Unmask(q.Fix, at.Masked)
		ps[i] = &q
	}
	return strings.TrimSpace(at.Link), ps
}

// scanAll scans every path given, one file at a time. A path or file that
// cannot be read is reported on stderr and the scan goes on, so one
// unreadable file does not hide the problems in the others; it still
// makes the exit code 2.
func (v *validator) scanAll() error {
	errOut := v.opts.IO.ErrOut
	fail := func(err error) {
		cmdutil.PrintMessage(errOut, "error", err)
		if cmdutil.IsJSON(v.opts.Format) { // the stream of objects says it too
			cmdutil.WriteErrorJSON(v.opts.IO.Out, err)
		}
		v.ioFailed = true
	}
	if v.opts.Input == "-" {
		if err := v.scanReader("<stdin>", v.opts.IO.In); v.writeErr != nil {
			return v.writeErr
		} else if err != nil {
			fail(fmt.Errorf("read stdin: %w", err))
		}
	}
	roots := v.roots()
	var outside []string
	own := ownFiles{files: v.opts.IO.OutputFiles(), stdout: v.opts.IO.StdoutFile()}
	// Files are read several at a time and reported in the walk's order,
	// each error in its place among them (see scan.Ordered).
	q := scan.NewOrdered(0, 0)
	if v.opts.Fix {
		// One file after the other: a file and a link to it are one file,
		// which must be read again after it is rewritten.
		q = scan.NewOrdered(1, 1)
	}
	w := &scan.Walker{Roots: roots,
		Fail:    func(err error) { _ = q.Then(func() error { fail(fileError("scan", err, false)); return nil }) },
		Outside: func(link string) { outside = append(outside, link) }}
	// The walk of every path gives the files on a goroutine of its own
	// while this one reports them: the walk never waits for a report to be
	// written, and the files of many paths (pre-commit names each file
	// changed) are read several at a time too.
	_ = q.Run(func() error {
		for _, root := range roots {
			if err := v.walkRoot(q, w, &own, root, fail); err != nil {
				return err // the report cannot be written: nothing after can be
			}
		}
		return nil
	})
	if v.writeErr != nil {
		// Said once, as what it is: each path after would fail the same.
		return v.writeErr
	}
	if len(v.pseudo) > 0 {
		cmdutil.PrintMessage(errOut, "note", fmt.Sprintf("skipped %s of kernel pseudo file systems such as /proc and /sys (%s%s): they hold no links anyone wrote, and some never end",
			printers.Plural(len(v.pseudo), "file"), v.pseudo[0], andMore(len(v.pseudo))))
	}
	if len(own.skipped) > 0 {
		cmdutil.PrintMessage(v.opts.IO.Notes(), "note", fmt.Sprintf("skipped %s, the report -o writes: a scan does not read its own output", safe.Quote(own.skipped[0])))
	}
	if len(outside) > 0 {
		cmdutil.PrintMessage(errOut, "note", fmt.Sprintf("skipped %s leading outside the paths scanned (%s%s), as git stores a link, not its target: name a target with --scan to scan it",
			printers.Plural(len(outside), "symbolic link"), outside[0], andMore(len(outside))))
	}
	if hint := v.custom.hint(); hint != "" {
		fmt.Fprintln(v.opts.IO.Notes(), "warning: "+hint)
	}
	if v.tally.Links == 0 && !v.ioFailed {
		fmt.Fprintln(v.opts.IO.Notes(), "warning: no payment links found")
	}
	return nil
}

// walkRoot gives q the files to scan under root, on Run's walking
// goroutine; what cannot be scanned is reported in its place among them.
// It returns only the error of a finish (the report cannot be written),
// which ends the scan.
func (v *validator) walkRoot(q *scan.Ordered, w *scan.Walker, own *ownFiles, root string, fail func(error)) error {
	if err := checkScanRoot(root); err != nil {
		return q.Then(func() error { fail(err); return nil })
	}
	var stop error
	w.Visit = func(path string) error {
		if path != root && own.skip(path) {
			return nil
		}
		stop = q.GoCut(v.scanFile(path, path == root))
		return stop
	}
	if err := w.Walk(root); stop == nil && err != nil {
		return q.Then(func() error { fail(fileError("scan", err, false)); return nil })
	}
	return stop
}

// ownFiles are the files this run writes its report to (-o, or a shell's
// > FILE), when they lie in a scanned folder: the report being written, and the one it will
// replace (an earlier run's, holding every link that run reported). Only
// this run's: a file is never skipped for its name alone, which anyone
// who adds a file to a repository can choose.
type ownFiles struct {
	files   []string // the last is the report replaced
	stdout  string   // the file the shell sends stdout to (> FILE), being written
	skipped []string // the earlier reports met
}

// skip reports whether path, found in a folder, is one of them.
func (o *ownFiles) skip(path string) bool {
	name := filepath.Base(path)
	for i, f := range o.files {
		// The name first: a stat for each file of a scan would slow it.
		if name != filepath.Base(f) || !cmdutil.SameFile(path, f) {
			continue
		}
		if i == len(o.files)-1 {
			o.skipped = append(o.skipped, path)
		}
		return true
	}
	// Like the temporary file -o writes: half a report, or with >> FILE
	// earlier ones too, whose links would be found and written there again.
	return o.stdout != "" && name == filepath.Base(o.stdout) && cmdutil.SameFile(path, o.stdout)
}

// roots are the paths a scan was given: -i FILE, then the arguments.
func (v *validator) roots() []string {
	roots := v.opts.Args
	if v.opts.Input != "" && v.opts.Input != "-" {
		roots = append([]string{v.opts.Input}, roots...)
	}
	return roots
}

// andMore is " and N more" after the first of n names, "" for one.
func andMore(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n-1)
}

// customHosts counts the links a scan saw that look like payment links on
// a custom domain (https://HOST/b/SLUG) it was not told about, by host in
// the order first seen.
type customHosts struct {
	n     int
	hosts []string
}

func (c *customHosts) add(host string) {
	c.n++
	if !slices.Contains(c.hosts, host) {
		c.hosts = append(c.hosts, host)
	}
}

// hint says, once, how to have those links checked; "" when there were none.
func (c *customHosts) hint() string {
	if c.n == 0 {
		return ""
	}
	flags := make([]string, len(c.hosts))
	for i, h := range c.hosts {
		flags[i] = "--allow-domain " + safe.Text(h)
	}
	links := "links"
	if c.n == 1 {
		links = "link"
	}
	return fmt.Sprintf("found %d %s like https://%s/b/...; pass %s to check them",
		c.n, links, safe.Text(c.hosts[0]), strings.Join(flags, " "))
}

func (v *validator) finder() scan.Finder {
	return scan.Finder{Domains: v.opts.Domains, OnCustom: v.custom.add}
}

// scanFile returns the work of checking the links in one file, for
// scan.Ordered: a regular file that fits in memory is read on a goroutine
// of its own, its links and the custom hosts it met kept for the finish,
// which reports them; any other file (a pipe, a file too long to hold) is
// read as its finish, reporting each link as it is found. A read that
// stalls is cut short: its finish reports the *scan.StalledError. Only an
// error writing the report stops the scan.
func (v *validator) scanFile(path string, named bool) func(func(func() error)) func() error {
	return func(cut func(func() error)) func() error {
		var found []scan.Found
		var hosts []string
		f := scan.Finder{Domains: v.opts.Domains, OnCustom: func(host string) { hosts = append(hosts, host) }}
		stalled := func(err error) { cut(func() error { return v.finishFile(path, named, nil, nil, err) }) }
		read, err := f.ReadWhole(path, !named, stalled, func(at scan.Found) error { found = append(found, at); return nil })
		if !read {
			return func() error { return v.scanFileNow(path, named) }
		}
		return func() error { return v.finishFile(path, named, found, hosts, err) }
	}
}

// finishFile reports the links found in a file read whole, and how its
// reading ended.
func (v *validator) finishFile(path string, named bool, found []scan.Found, hosts []string, err error) error {
	for _, h := range hosts {
		v.custom.add(h)
	}
	var writeErr error
	v.editing, v.edits = v.opts.Fix || v.opts.Diff, nil
	for _, at := range found {
		if writeErr = v.report(path, at); writeErr != nil {
			break
		}
	}
	return v.endFile(path, named, err, writeErr)
}

// scanFileNow checks the links in one file, reporting each as it is found.
func (v *validator) scanFileNow(path string, named bool) error {
	var writeErr error
	v.editing, v.edits = v.opts.Fix || v.opts.Diff, nil
	file := v.finder().File
	if !named {
		file = v.finder().FolderFile
	}
	err := file(path, func(f scan.Found) error {
		writeErr = v.report(path, f)
		return writeErr
	})
	return v.endFile(path, named, err, writeErr)
}

// endFile ends the report of one file: the edits its links call for
// (--fix, --diff), then why it was skipped or not read to its end, if it
// was. Only an error writing the report is returned: it stops the scan.
func (v *validator) endFile(path string, named bool, err, writeErr error) error {
	v.editing = false
	written := false
	if err == nil && writeErr == nil && len(v.edits) > 0 {
		if ferr := v.applyEdits(path, v.edits); ferr != nil {
			cmdutil.PrintMessage(v.opts.IO.ErrOut, "error", ferr)
			v.ioFailed = true
		} else {
			written = true
		}
	}
	if perr := v.printHeld(written); writeErr == nil {
		writeErr = perr
	}
	if writeErr != nil {
		v.writeErr = writeErr
		return writeErr
	}
	v.fileFailed(path, named, err)
	return nil
}

// fileFailed says why a file was skipped or could not be read to its end,
// if it was.
func (v *validator) fileFailed(path string, named bool, err error) {
	switch {
	case errors.Is(err, scan.ErrPseudoFS):
		v.pseudo = append(v.pseudo, path)
	case errors.Is(err, scan.ErrBinary):
		if named { // a file in a folder is skipped quietly; one named on purpose is not
			cmdutil.PrintMessage(v.opts.IO.Notes(), "warning", fmt.Sprintf("%s: %v", path, err))
		}
	case err != nil:
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = fileError("scan", err, false)
		} else if long := (*textin.LineTooLongError)(nil); errors.As(err, &long) {
			err = fmt.Errorf("%s:%d: %s", path, long.Line, long.Reason())
		} else { // name the file
			err = fmt.Errorf("%s: %w", path, err)
		}
		cmdutil.PrintMessage(v.opts.IO.ErrOut, "error", err)
		v.ioFailed = true
	}
}

// scanReader checks the links in text from stdin, read as markup: what is
// piped in is most often an HTML template.
func (v *validator) scanReader(name string, r io.Reader) error {
	f := v.finder()
	f.Syntax = scan.Markup
	return f.Links(r, func(found scan.Found) error {
		v.writeErr = v.report(name, found)
		return v.writeErr
	})
}

// linkAt is one link to check and, when it came from a sheet (a csv or
// jsonl -i), the file and where in it.
type linkAt struct {
	raw          string
	file         string // "" for an argument or a line of a list of links
	line, column int
}

// where is "FILE:LINE: " for a link from a sheet, to start its messages.
func (l linkAt) where() string {
	if l.file == "" {
		return ""
	}
	return l.file + ":" + strconv.Itoa(l.line) + ": "
}

// linkColumns are the columns of a sheet that hold its links, the first
// found read: build -i's output has both, and link is the one it built.
var linkColumns = []string{"link", "url"}

// eachLink calls fn with each link given as an argument, then each link of
// input ("" for none, "-" for stdin), read through textin: a list of links
// (one a line; blank lines and '#' comments skipped), or a csv or jsonl
// sheet, whose link (else url) column is read. It returns how many links
// there were; an error means the input could not be read (or fn failed).
func eachLink(streams *iostreams.IOStreams, args []string, input string, fn func(linkAt) error) (int, error) {
	n := 0
	for _, a := range args {
		n++
		if err := fn(linkAt{raw: a}); err != nil {
			return n, err
		}
	}
	if input == "" {
		return n, nil
	}
	f, err := textin.Open(input, streams.In)
	if errors.Is(err, textin.ErrUTF16) {
		return n, fmt.Errorf("%s: %w", inputName(input), err)
	}
	if err != nil {
		return n, fileError("read the links in", err, true)
	}
	defer f.Close()
	var fnErr error
	count := func(l linkAt) error {
		n++
		fnErr = fn(l)
		return fnErr
	}
	switch format := f.Format(); format {
	case textin.CSV, textin.JSONL:
		err = textin.EachCell(f.Reader, format, linkColumns, func(c textin.Cell) error {
			return count(linkAt{raw: strings.TrimSpace(c.Value), file: f.Name, line: c.Line, column: c.Column})
		})
	default:
		err = textin.EachLine(f.Reader, textin.MaxLine, func(_ int, b []byte) error {
			line := strings.TrimSpace(string(b))
			if line == "" || strings.HasPrefix(line, "#") {
				return nil
			}
			return count(linkAt{raw: line})
		})
	}
	if err == nil || fnErr != nil {
		return n, err
	}
	return n, inputError(f.Name, err)
}

// inputError names the file and line of an input that cannot be read as
// what it should be: FILE:LINE: message.
func inputError(name string, err error) error {
	var pathErr *fs.PathError
	var sheet *textin.SheetError
	var long *textin.LineTooLongError
	switch {
	case errors.As(err, &pathErr): // "read FILE: is a directory"
		return fileError("read the links in", err, true)
	case errors.As(err, &sheet) && sheet.Line > 0:
		return fmt.Errorf("%s:%d: %s", name, sheet.Line, sheet.Msg)
	case errors.As(err, &long):
		return fmt.Errorf("%s:%d: %s", name, long.Line, long.Reason())
	}
	return fmt.Errorf("read %s: %w", name, err)
}

func inputName(input string) string {
	if input == "-" {
		return "stdin"
	}
	return input
}
