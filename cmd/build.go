package cmd

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
)

// BuildOptions are the inputs of `paylink build`, filled from flags.
type BuildOptions struct {
	IO *iostreams.IOStreams

	URL     string
	Values  link.Values // the parameters given on the command line
	Link    link.Options
	Domains []string // custom payment-link domains allowed besides buy.stripe.com
	Format  string   // "text" or "json"

	// Preset returns the values of the named preset from the config file in
	// use, for bulk rows with a preset column. It is nil when no config file
	// is loaded, so a row naming a preset must get an error saying so.
	Preset func(name string) (link.Values, error)
	// Policy is the team's naming policy from the config file (nil: none).
	// Every built link, bulk rows included, must pass it (Policy.CheckBuilt).
	Policy *link.Policy
	// PresetPolicy is the policy of a bulk row naming a preset that sets
	// GA4 channels of its own; nil without a config file.
	PresetPolicy func(name string) (*link.Policy, bool)
	// PresetName is --preset: the preset whose values filled the parameters
	// not given by flag or environment.
	PresetName string

	Output OutputOptions // --copy, --qr, --qr-png
	Bulk   BulkOptions   // -i, -o, --input-format, --quiet
}

// NewBuildCmd builds `paylink build`. runF replaces the run function in tests
// that check flag parsing; nil runs the build.
func NewBuildCmd(f *cmdutil.Factory, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: f.IO}
	var putGiven func(*cobra.Command)
	c := &cobra.Command{
		Use:   "build [URL]",
		Short: "Append UTM codes and Stripe parameters to a payment link",
		Long: `Print the payment link with the given parameters set, checked against
Stripe's rules.

Parameters already on the link keep their position and exact bytes; a
parameter being set replaces the one already there; new ones are appended.
UTM codes are sanitized (white space trimmed, diacritics dropped, other
characters outside letters, digits, '-' and '_' replaced with '-'), with a
warning for each change; --strict refuses instead. client_reference_id is
never rewritten: an invalid one is an error. An empty value removes the
parameter.

A flag not given is taken from its environment variable (PAYLINK_ and the
flag's name: PAYLINK_UTM_SOURCE, PAYLINK_STRICT; build's own flags such as
--format: PAYLINK_BUILD_FORMAT), then from the --preset
NAME of the config file, then from the file's strict, lowercase and
domains. A link that breaks the file's naming policy is refused. See
paylink config.

With -i FILE (or -i - for stdin) build makes a link for every row of a CSV
(a header with a url column; parameter and preset columns set the row's
values, other columns pass through), JSON Lines or lines input (blank
lines and # comments skipped), in order, to stdout or to -o FILE. Flags
are the defaults of every row; a row's preset and its own cells win.
Failed rows keep their data with an error column, the first five named on
stderr (lines: an empty line, every error on stderr); exit 1 if any failed,
2 on malformed input, 129/130/143 when interrupted (SIGHUP, SIGINT, SIGTERM).
-o FILE is replaced once all the input is read, even if rows failed (exit 0
or 1); on exit 2 or an interrupt it is left as it was. A FILE that is a
device or a FIFO (/dev/stdout) is written directly; a folder is refused
before any input is read, as is -o or --warnings naming the input or each
other.

--copy also puts what is printed on the clipboard (with no clipboard, on
the terminal's through OSC 52; else a warning says what to install). --qr
draws the link as a QR code on stderr, --qr-png FILE as a PNG image.

Exit codes: 0 printed, 1 a value or the link is invalid (nothing printed),
2 usage error, or the --qr-png image could not be written (the link was
printed).`,
		Example: `  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -s newsletter -m email -c spring_sale
  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -c "Spring Sale 2026!" --lowercase
  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -r order-1042 --prefilled-email jenny@example.com
  paylink build https://pay.example.com/b/eVa5nPg1j1wmfXq5kr --allow-domain pay.example.com -s ads --format json
  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -s newsletter -m email --copy
  paylink build -i campaign.csv -m email -o links.csv
  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr --preset spring-email -c spring_sale_2026
  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -s flyer -m print --qr --qr-png flyer.png`,
		Args: tooManyLinks,
		RunE: func(c *cobra.Command, args []string) error {
			putGiven(c)
			if (opts.Output.QR || opts.Output.QRPNG != "") && c.Flags().Changed("input") {
				return cmdutil.UsageErrorf("--qr and --qr-png draw one link; they cannot be used with --input")
			}
			bulk, err := checkBulk(c, opts, args)
			if err != nil {
				return err
			}
			if !bulk {
				if len(args) == 0 {
					return cmdutil.UsageErrorf("give a payment link, e.g. paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -s newsletter")
				}
				opts.URL = args[0]
				if opts.Format == "" {
					opts.Format = "text"
				}
				if !cmdutil.IsText(opts.Format) && opts.Format != cmdutil.JSON {
					return cmdutil.UsageErrorf("%v (%s go with --input)", &cmdutil.EnumError{Flag: "format", Value: opts.Format, Words: []string{cmdutil.Text, cmdutil.JSON}}, cmdutil.List(bulkFormats))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runBuildCommand(c.Context(), opts)
		},
	}
	fs := c.Flags()
	addOutputFlags(fs, &opts.Output)
	opts.Output.NoColor = cmdutil.NoColor(f)
	putGiven = addParamFlags(fs, opts)
	// No default in the flag: help would print (default "text") after the
	// description's own defaults.
	cmdutil.FormatFlag(c, &opts.Format, "", "(default text; with --input: csv, jsonl or lines, default the input's)",
		append([]string{cmdutil.Text, cmdutil.JSON}, bulkFormats...)...)
	addBulkFlags(c, &opts.Bulk)
	bindBuildConfig(f, c, opts) // --preset; environment, preset and config file
	return c
}

// runBuildCommand runs one build, of a link or of a whole input (bulk),
// then sends its result on: what it printed to the clipboard (--copy), the
// link to the QR codes (--qr, --qr-png).
func runBuildCommand(ctx context.Context, opts *BuildOptions) error {
	return withOutputs(opts, func(run *BuildOptions) (string, error) {
		if run.Bulk.Input != "" { // checkBulk refused an empty --input
			return "", runBulk(ctx, run)
		}
		return runBuild(run)
	})
}

// addParamFlags defines the flags of the link parameters (--utm-source,
// ...) and of how their values are written (--strict, --lowercase,
// --allow-domain) into opts, as build has them. The function it returns
// puts the parameters given on the command line into opts.Values.
func addParamFlags(fs *pflag.FlagSet, opts *BuildOptions) func(*cobra.Command) {
	var raw [link.NumParams]string
	for _, p := range link.Params {
		fs.StringVarP(&raw[p.ID], p.Flag, p.Short, "", p.Usage)
	}
	fs.BoolVar(&opts.Link.Strict, "strict", false, "refuse a UTM code that needs sanitizing instead of rewriting it")
	fs.BoolVar(&opts.Link.Lowercase, "lowercase", false, "lower-case UTM codes (Google Analytics tells Google from google)")
	addDomainFlag(fs, &opts.Domains)
	return func(c *cobra.Command) {
		for _, p := range link.Params {
			if c.Flags().Changed(p.Flag) {
				opts.Values.Put(p.ID, raw[p.ID])
			}
		}
	}
}

// runBuild builds the link of opts, prints it, and returns it.
func runBuild(opts *BuildOptions) (string, error) {
	res, mode, err := trackLink(opts, opts.URL)
	if err != nil {
		return "", err
	}
	if opts.Format == "json" {
		return res.Link, writeBuildJSON(opts.IO.Out, res, mode)
	}
	for _, w := range res.Warnings {
		cmdutil.PrintMessage(opts.IO.ErrOut, "warning", w)
	}
	_, err = fmt.Fprintln(opts.IO.Out, res.Link)
	return res.Link, err
}

// trackLink is build's one path from a payment link to its tracked link:
// opts's values set on raw, Stripe's rules and the team's policy checked.
// create goes through it too, so the link it prints is the one build would.
func trackLink(opts *BuildOptions, raw string) (link.Result, link.Mode, error) {
	if err := checkDomains(opts.Domains); err != nil {
		return link.Result{}, "", err
	}
	l, err := link.Parse(raw, opts.Domains)
	if err != nil {
		return link.Result{}, "", cmdutil.Invalid(err)
	}
	res, problems := link.Build(l, &opts.Values, opts.Link)
	if len(problems) == 0 {
		problems = opts.Policy.CheckBuilt(res.Link)
	}
	if len(problems) > 0 {
		errs := make([]error, len(problems))
		for i, p := range problems {
			errs[i] = p
		}
		return link.Result{}, "", &cmdutil.ProblemsError{Errs: errs}
	}
	return res, l.Mode, nil
}

func writeBuildJSON(w io.Writer, res link.Result, mode link.Mode) error {
	warnings := res.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	return writeJSON(w, struct {
		Link     string    `json:"link"`
		Mode     link.Mode `json:"mode"`
		Warnings []string  `json:"warnings"`
	}{res.Link, mode, warnings}, false)
}

// addDomainFlag adds --allow-domain, which build, validate and inspect share.
func addDomainFlag(f *pflag.FlagSet, domains *[]string) {
	f.StringArrayVar(domains, "allow-domain", nil, "allow a custom payment-link `HOST` besides buy.stripe.com (repeatable)")
}

// checkDomains refuses a custom domain that could never match a link's host
// (a URL, a port): exit 2, since it is a mistake in flags or configuration.
func checkDomains(domains []string) error {
	for _, d := range domains {
		if err := link.CheckDomain(d); err != nil {
			return exitcode.Errorf(exitcode.Usage, "--allow-domain: custom domain %s", err.Message())
		}
	}
	return nil
}

// tooManyLinks replaces cobra's "accepts at most 1 arg(s)" for build: one
// link a build; many go in a file, or to the commands that take many.
func tooManyLinks(_ *cobra.Command, args []string) error {
	if len(args) <= 1 {
		return nil
	}
	return cmdutil.UsageErrorf("build takes one link, not %d; for many, put them in a file, one a line, and run paylink build -i FILE (or paylink validate/inspect, which take several)", len(args))
}
