package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/atomicfile"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/reconcile"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/textin"
)

// ReconcileOptions are the inputs of `paylink reconcile`, filled from flags.
type ReconcileOptions struct {
	IO *iostreams.IOStreams

	Links     []string                    // files of links paylink built ("-" for stdin, one a line)
	Sessions  []string                    // files of Checkout Sessions, events or lists ("-" for stdin)
	By        []string                    // the parameters a group is made of
	Format    string                      // table, csv or json; "" picks table on a terminal, else csv
	Summary   string                      // --summary FILE: the report's counts as CSV
	LookupEnv func(string) (string, bool) // the environment: $COLUMNS, $GOGC, STRIPE_API_KEY

	Stripe       bool          // list the sessions from the Stripe account instead
	Since, Until string        // --since, --until: dates or RFC 3339 times
	Account      StripeOptions // --api-key-file, --timeout
	query        stripeQuery
	ctx          context.Context // the command's: cancelling it stops a listing
}

// NewReconcileCmd builds `paylink reconcile`. runF replaces the run function
// in tests that check flag parsing; nil reconciles.
func NewReconcileCmd(f *cmdutil.Factory, runF func(*ReconcileOptions) error) *cobra.Command {
	opts := &ReconcileOptions{IO: f.IO, LookupEnv: f.LookupEnv, Account: newStripeOptions(f)}
	opts.Account.Access = "read access to Checkout Sessions, Refunds and Invoices"
	c := &cobra.Command{
		Use:   "reconcile LINKS... (--sessions FILE... | --stripe [--since DATE] [--until DATE]) [--by PARAMS] [--format FORMAT]",
		Short: "Join links with Checkout Sessions: what each campaign earned",
		Long: `Join the links paylink built with the Checkout Sessions Stripe recorded,
through client_reference_id, and report per campaign (by default per
utm_source, utm_medium and utm_campaign read from each link's own query):
links issued, paid sessions, conversion and the amount per currency.

LINKS are files of links: the output of paylink build -i as csv or jsonl
(the link column; rows with an error are skipped and counted), or one link a
line (.txt, "-" for stdin); another extension is told by the first line. A
client_reference_id on two links of different groups is an error.

--sessions reads JSON: Stripe lists, JSON Lines or arrays of Checkout
Sessions, Refunds and Invoices, or of the events a webhook endpoint saves:
checkout.session.completed and .async_payment_succeeded/_failed,
charge.refunded, refund.*, invoice.paid (others are skipped and counted).
A session counts once per id, when complete and paid (a delayed payment
once it succeeded; until then pending, or failed: never revenue). A paid
session no link's reference claims is grouped by its metadata's utm_*
values. Refunds join sessions by payment intent; renewals (invoices with
billing_reason subscription_cycle) by subscription.

--stripe lists from the account of STRIPE_API_KEY (or --api-key-file FILE;
a restricted key with read access to Checkout Sessions, Refunds and
Invoices, and to Payment Links to list only their sessions) the complete
sessions created from --since to --until (dates, 2026-03-01, in UTC and
both days included, or RFC 3339 times), and the refunds and paid invoices
created since --since, whenever made.

Per group and currency: gross (amount_total of paid sessions), refunded,
renewals and net = gross + renewals - refunded, in the currency's minor
unit, never mixed; Stripe's fees and currency conversion are not
subtracted. The report also counts what could not be joined.

--format table (the default on a terminal): a line per group and currency,
SHARE the line's part of its currency's gross; csv (the default
elsewhere): a line per group and currency, links and paid on the group's
first line only; json is one document (see the README). --summary FILE
writes the counts as CSV too.

Exit codes: 0 reported, 2 usage error, unreadable or malformed input.`,
		Example: `  paylink build -i campaign.csv -o links.csv
  paylink reconcile links.csv --sessions sessions.json
  paylink reconcile links.csv --sessions webhook-events.jsonl --by utm_campaign --format json
  paylink reconcile links.csv --stripe --since 2026-03-01 --until 2026-03-31`,
		Args: cmdutil.WrapArgs(cobra.ArbitraryArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Links, opts.ctx, opts.Account.Context = args, c.Context(), c.Context()
			if err := opts.check(); err != nil {
				return err
			}
			if err := cmdutil.CheckNotInput(c, args, "summary", opts.Summary); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runReconcile(opts)
		},
	}
	fs := c.Flags()
	fs.StringArrayVar(&opts.Sessions, "sessions", nil, "read Checkout Sessions from `FILE` (JSON; repeat for more files, \"-\" for stdin)")
	fs.StringSliceVar(&opts.By, "by", reconcile.DefaultBy, "group by these link `PARAMS`, comma-separated")
	_ = c.RegisterFlagCompletionFunc("by", completeBy) // fails only for a flag registered twice
	cmdutil.FormatFlag(c, &opts.Format, "", "(default table on a terminal, else csv)",
		cmdutil.Table, cmdutil.Text, cmdutil.CSV, cmdutil.JSON)
	fs.StringVar(&opts.Summary, "summary", "", "also write the report's counts to `FILE` as CSV (count,value)")
	fs.BoolVar(&opts.Stripe, "stripe", false, "list the Checkout Sessions from the Stripe account of STRIPE_API_KEY")
	fs.StringVar(&opts.Since, "since", "", "with --stripe: sessions created from `DATE` (2026-03-01, or an RFC 3339 time)")
	fs.StringVar(&opts.Until, "until", "", "with --stripe: sessions created up to `DATE` (that day included, or an RFC 3339 time)")
	addStripeFlags(fs, &opts.Account)
	f.Bind(c, cmdutil.Binding{Shared: stripeSharedFlags})
	cmdutil.AddResultFlags(c, f)
	return c
}

// completeBy completes --by's comma-separated parameters, not file names:
// those not named yet, after what was typed up to its last comma. No space
// follows, so that another comma may.
func completeBy(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix, named := "", []string{}
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		prefix, named = toComplete[:i+1], strings.Split(strings.ToLower(toComplete[:i]), ",")
	}
	var out []cobra.Completion
	for _, p := range reconcile.Groupable() {
		if !slices.Contains(named, p) {
			out = append(out, prefix+p)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func (o *ReconcileOptions) check() error {
	switch {
	case len(o.Links) == 0:
		return cmdutil.UsageErrorf("give the links to reconcile, e.g. paylink reconcile links.csv --sessions sessions.json")
	case len(o.Sessions) == 0 && !o.Stripe:
		return cmdutil.UsageErrorf("give the sessions to reconcile with --sessions FILE (a Stripe list, Checkout Sessions or checkout.session.completed events), or --stripe to list them from the account")
	case len(o.Sessions) > 0 && o.Stripe:
		return cmdutil.UsageErrorf("--sessions and --stripe: give one source of sessions")
	case !o.Stripe && (o.Since != "" || o.Until != "" || o.Account.KeyFile != ""):
		return cmdutil.UsageErrorf("--since, --until and --api-key-file go with --stripe; filter a --sessions file before reconciling")
	}
	if err := o.checkDates(); err != nil {
		return err
	}
	// Parameter names, matched ignoring case as the other flags' words are;
	// a new slice, as the default one is reconcile.DefaultBy itself.
	by := make([]string, len(o.By))
	for i, p := range o.By {
		by[i] = strings.ToLower(p)
	}
	o.By = by
	if err := reconcile.CheckBy(o.By); err != nil {
		return &cmdutil.UsageError{Err: err}
	}
	if slices.Contains(o.Links, "-") && slices.Contains(o.Sessions, "-") {
		return cmdutil.UsageErrorf("links and sessions cannot both come from stdin (\"-\"); give one of them as a file")
	}
	return nil
}

// checkDates reads --since and --until into the Stripe query.
func (o *ReconcileOptions) checkDates() error {
	var err error
	if o.Since != "" {
		if o.query.since, err = reconcile.ParseTime(o.Since, false); err != nil {
			return cmdutil.UsageErrorf("--since %v", err)
		}
	}
	if o.Until != "" {
		if o.query.until, err = reconcile.ParseTime(o.Until, true); err != nil {
			return cmdutil.UsageErrorf("--until %v", err)
		}
	}
	if !o.query.since.IsZero() && !o.query.until.IsZero() && o.query.until.Before(o.query.since) {
		return cmdutil.UsageErrorf("--until %s is before --since %s", o.Until, o.Since)
	}
	return nil
}

func runReconcile(opts *ReconcileOptions) error {
	if opts.LookupEnv != nil {
		defer tuneReconcileGC(opts.LookupEnv)()
	}
	ix := reconcile.NewIndex(opts.By)
	if opts.Stripe {
		ix.CollectBases()
	}
	for _, name := range opts.Links {
		err := readInput(opts.IO, name, func(f *textin.File) error {
			return ix.Read(f.Name, f, f.Format())
		})
		if err != nil {
			return err
		}
	}
	if ix.Links() == 0 {
		return exitcode.Errorf(exitcode.Usage, "no links in %s; give files of links paylink built (build -i output, or one link a line)", strings.Join(opts.Links, ", "))
	}
	tally := ix.Tally()
	skipped := map[string]int{}
	if opts.Stripe {
		if err := stripeSessions(opts, ix, tally); err != nil {
			return err
		}
	}
	for _, name := range opts.Sessions {
		err := readInput(opts.IO, name, func(f *textin.File) error {
			d, err := reconcile.ReadSessions(f.Name, f, tally)
			for t, n := range d.Skipped {
				skipped[t] += n
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	report, err := tally.Report()
	if err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	notes(opts.IO.Notes(), ix, tally, skipped)
	return writeReport(opts, report)
}

// tuneReconcileGC collects garbage at 1.5x the live heap instead of 2x, and
// returns what puts it back. The live heap is the index of links, about
// 100 bytes a link, and the ids of the complete sessions and the joins, a
// few dozen bytes each (docs/performance.md); the sessions streamed
// through add only garbage. A million links against a
// million sessions peaked at 235 MiB with it (GOGC 40: 222 MiB, for a
// quarter more time). A GOGC the user set is theirs.
func tuneReconcileGC(lookupEnv func(string) (string, bool)) (restore func()) {
	if _, set := lookupEnv("GOGC"); set {
		return func() {}
	}
	percent := debug.SetGCPercent(50)
	return func() { debug.SetGCPercent(percent) }
}

// readInput opens the file name, or stdin for "-", through textin (a BOM
// dropped, UTF-16 refused) and calls read with it. Any error is exit 2: the
// input could not be read, or is malformed.
func readInput(streams *iostreams.IOStreams, name string, read func(*textin.File) error) error {
	f, err := textin.Open(name, streams.In)
	if errors.Is(err, textin.ErrUTF16) {
		return exitcode.Errorf(exitcode.Usage, "%s: %w", inputName(name), err)
	}
	if err != nil {
		return exitcode.New(exitcode.Usage, fileError("read", err, true))
	}
	defer f.Close()
	if err := read(f); err != nil {
		var in *reconcile.InputError
		if errors.As(err, &in) {
			return exitcode.New(exitcode.Usage, in)
		}
		return exitcode.Errorf(exitcode.Usage, "read %s: %w", f.Name, err)
	}
	return nil
}

// notes tells on stderr what was left out of the report and why.
func notes(w io.Writer, ix *reconcile.Index, t *reconcile.Tally, skipped map[string]int) {
	if ix.ErrorRows > 0 {
		fmt.Fprintf(w, "note: skipped %s with an error instead of a link; fix the bulk input and build again to count its payments\n", plural(ix.ErrorRows, "row"))
	}
	if n := ix.NoReference; n > 0 {
		dropped := ""
		if ix.DroppedRefs > 0 {
			dropped = fmt.Sprintf(" (%d with one Stripe drops)", ix.DroppedRefs)
		}
		fmt.Fprintf(w, "warning: %s no client_reference_id%s: their payments cannot be attributed; "+
			"give each link a reference (-r, or a client_reference_id column in the bulk sheet): an order or customer id, or the campaign name itself\n",
			plural(n, "link")+map[bool]string{true: " has", false: " have"}[n == 1], dropped)
	}
	if len(skipped) > 0 {
		var parts []string
		total := 0
		for _, typ := range slices.Sorted(maps.Keys(skipped)) {
			parts = append(parts, safe.Quote(typ)+" "+strconv.Itoa(skipped[typ]))
			total += skipped[typ]
		}
		fmt.Fprintf(w, "note: %s of types reconcile does not read skipped (%s)\n", plural(total, "event"), strings.Join(parts, ", "))
	}
	if t.Duplicates > 0 {
		fmt.Fprintf(w, "note: %s seen again, counted once\n", plural(t.Duplicates, "paid session"))
	}
}

// writeReport writes the whole report to stdout at once: a failed run
// prints no partial report.
func writeReport(opts *ReconcileOptions, r *reconcile.Report) error {
	format := opts.Format
	if format == "" {
		format = "csv"
		if opts.IO.IsStdoutTTY() {
			format = "table"
		}
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "json":
		err = r.WriteJSON(&b)
	case "csv":
		err = r.WriteCSV(&b, safe.Text)
	default:
		err = r.WriteTable(&b, reconcile.TableOptions{Width: terminalWidth(opts), Text: safe.Text})
	}
	out := b.Bytes()
	if format == "json" {
		out = safe.JSON(out)
	}
	if err != nil {
		return err
	}
	if err := writeSummary(opts, r); err != nil {
		return err
	}
	if format == "csv" {
		// The CSV stays one table a spreadsheet sums; its counts go to
		// stderr, so that a piped run still shows them (and to --summary).
		var parts []string
		for _, c := range r.Counts() {
			parts = append(parts, c.Name+" "+strconv.Itoa(c.N))
		}
		fmt.Fprintf(opts.IO.Notes(), "note: %s\n", strings.Join(parts, ", "))
	}
	_, err = opts.IO.Out.Write(out)
	return err
}

// writeSummary writes --summary FILE, whole or not at all.
func writeSummary(opts *ReconcileOptions, r *reconcile.Report) error {
	if opts.Summary == "" {
		return nil
	}
	file, err := atomicfile.Create(opts.Summary)
	if err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	if err := r.WriteSummary(file); err != nil {
		file.Abort()
		return exitcode.New(exitcode.Usage, err)
	}
	if err := file.Commit(); err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	return nil
}

// terminalWidth is the report's width: $COLUMNS, the terminal's, or 80.
func terminalWidth(opts *ReconcileOptions) int { return opts.IO.ReportWidth(opts.LookupEnv) }
