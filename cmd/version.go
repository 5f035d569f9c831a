package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/build"
)

// setVersion gives root the --version flag: version, commit and build date,
// from the Makefile's linker flags or else the Go toolchain's build record.
func setVersion(root *cobra.Command) {
	root.Version = build.Current().String()
	root.SetVersionTemplate("paylink version {{.Version}}\n")
	// Defined here rather than by cobra, for a usage line that says what
	// the flag prints.
	root.Flags().BoolP("version", "v", false, "print the version, commit and build date")
}

// NewVersionCmd builds `paylink version`: what --version prints, as a
// command too (as gh, docker and kubectl have one), and as JSON.
func NewVersionCmd(f *cmdutil.Factory) *cobra.Command {
	format := cmdutil.Text
	c := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Long: `Print paylink's version, the commit it was built from and when, as
paylink --version does; --format json prints {"version","commit","date"}.

Exit codes: 0 printed, 2 usage error.`,
		Example: `  paylink version
  paylink version --format json`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			info := build.Current()
			if format == cmdutil.JSON {
				return writeJSON(f.IO.Out, struct {
					Version string `json:"version"`
					Commit  string `json:"commit"`
					Date    string `json:"date"`
				}{info.Version, info.Commit, info.Date}, false)
			}
			_, err := fmt.Fprintf(f.IO.Out, "paylink version %s\n", info)
			return err
		},
	}
	cmdutil.FormatFlag(c, &format, cmdutil.Text, "", cmdutil.Text, cmdutil.JSON)
	return c
}
