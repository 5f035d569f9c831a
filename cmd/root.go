// Package cmd is paylink's command tree. Each command is built by a
// constructor from the streams it may use, so every test gets a fresh tree.
package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
)

// Execute runs paylink with args and returns the process's exit code.
func Execute(args []string, streams *iostreams.IOStreams) int {
	return ExecuteFactory(args, cmdutil.NewFactory(streams))
}

// ExecuteFactory runs paylink with args and what f gives, and returns the
// exit code.
func ExecuteFactory(args []string, f *cmdutil.Factory) int {
	return ExecuteContext(context.Background(), args, f)
}

// ExecuteContext is ExecuteFactory with a context every command can reach
// through cobra's Command.Context: cancelling it stops a bulk build the way
// an interrupt does (the output file left as it was).
func ExecuteContext(ctx context.Context, args []string, f *cmdutil.Factory) int {
	root := NewRootCmd(f)
	if cmdutil.IsCompletion(args) {
		cmdutil.PlainUsages(root)
	}
	root.SetArgs(args)
	c, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitcode.OK
	}
	code := cmdutil.Report(f.IO.ErrOut, c, err)
	cmdutil.ReportJSON(f.IO.Out, c, args, err)
	for _, note := range f.EnvNote(err) {
		cmdutil.PrintMessage(f.IO.ErrOut, "note", note)
	}
	return code
}

// NewRootCmd builds the whole command tree.
func NewRootCmd(f *cmdutil.Factory) *cobra.Command {
	root := newRoot(f)
	root.AddCommand(NewBuildCmd(f, nil))
	root.AddCommand(NewPresetsCmd(f))
	root.AddCommand(NewConfigCmd(f))
	root.AddCommand(NewCompletionCmd())
	setVersion(root)
	root.AddCommand(NewVersionCmd(f))
	root.AddCommand(NewValidateCmd(f, nil))
	root.AddCommand(NewInspectCmd(f, nil))
	cmdutil.RefuseUnknownSubcommands(root)
	root.AddCommand(NewReconcileCmd(f, nil))
	root.AddCommand(NewLinksCmd(f, nil))
	root.AddCommand(NewCreateCmd(f, nil))
	return root
}

// newRoot builds the root command without its subcommands: its flags, and
// the binder that fills every command's flags from the environment and
// hands it the config file (see Binding) before it runs.
func newRoot(f *cmdutil.Factory) *cobra.Command {
	streams := f.IO
	root := &cobra.Command{
		Use:   "paylink",
		Short: "Build tracked Stripe payment links that Stripe records in full",
		Long: `paylink appends UTM codes, client_reference_id and Stripe's other payment-link
parameters to a Stripe payment link, checked against Stripe's rules.

Stripe silently discards a value that breaks its rules while the payment page
keeps working, so a campaign loses its attribution with no error anywhere.
Every link paylink prints is one Stripe records in full.

Exit codes: 0 success, 1 a link or value is invalid (nothing unsafe was
printed), 2 usage error, unreadable input or bad configuration.`,
		Example: `  paylink build https://buy.stripe.com/test_eVa5nPg1j1wmfXq5kr -s newsletter -m email -c spring_sale
  paylink build --help
  paylink --version`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Offer "did you mean build?" for a mistyped command.
		SuggestionsMinimumDistance: 2,
		Args:                       cmdutil.GroupArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return c.Help()
		},
		// The one binder: no command may set its own PersistentPreRunE,
		// which would replace this one for it.
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			return f.BindCommand(c)
		},
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(cmdutil.FlagError)
	cmdutil.WrapHelp(root, streams.TerminalWidth())
	root.SetHelpCommand(cmdutil.HelpTopic(root))
	root.PersistentFlags().String("config", "", "read the config `FILE` instead of looking for one (see paylink config)")
	root.PersistentFlags().Bool("no-config", false, "read no config file, as with PAYLINK_NO_CONFIG=1 (for untrusted checkouts)")
	return root
}
