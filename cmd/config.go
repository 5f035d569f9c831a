package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/safe"
)

// NewConfigCmd builds `paylink config` and its subcommands.
func NewConfigCmd(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "config",
		Short: "Create the config file or show which one is in use",
		Long: `paylink reads the first config file it finds: --config FILE; $PAYLINK_CONFIG;
paylink.yaml (or .yml, .toml, .json) in the working directory;
$XDG_CONFIG_HOME/paylink/config.yaml (or .yml, .toml, .json; default
~/.config/paylink/). No file is fine. --no-config or PAYLINK_NO_CONFIG=1
reads none.

Precedence: flag > environment > preset > config file. The environment is
PAYLINK_ + the flag's name for the settings every command shares
(PAYLINK_UTM_SOURCE, PAYLINK_PRESET, PAYLINK_STRICT, PAYLINK_ALLOW_DOMAIN),
and PAYLINK_ + the command + the flag for a command's own flags
(PAYLINK_BUILD_FORMAT, PAYLINK_VALIDATE_STRICT).

Exit codes: 0 done, 2 usage error or bad config file.`,
		Example: `  paylink config init --path paylink.yaml
  paylink config path`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
	}
	c.AddCommand(newConfigInitCmd(f), newConfigPathCmd(f))
	return c
}

// ConfigInitOptions are the inputs of `paylink config init`.
type ConfigInitOptions struct {
	IO    *iostreams.IOStreams
	Env   config.Env
	Path  string // where to write; "" for the user's config folder
	Force bool   // replace an existing file
}

func newConfigInitCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &ConfigInitOptions{IO: f.IO, Env: f.Env()}
	c := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter config file",
		Long: `Write a commented starter config file in YAML to
$XDG_CONFIG_HOME/paylink/config.yaml (default ~/.config/paylink/), or to
--path FILE, e.g. paylink.yaml to share it with a team in a repository.
An existing file is never replaced without --force.

Exit codes: 0 written, 2 usage error, the file exists or cannot be written.`,
		Example: `  paylink config init
  paylink config init --path paylink.yaml`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			return runConfigInit(opts)
		},
	}
	c.Flags().StringVar(&opts.Path, "path", "", "write to `FILE` instead of the user's config folder")
	c.Flags().BoolVar(&opts.Force, "force", false, "replace the file if it exists")
	return c
}

func runConfigInit(opts *ConfigInitOptions) error {
	path := opts.Path
	if path == "" {
		if path = config.DefaultPath(opts.Env); path == "" {
			return cmdutil.UsageErrorf("neither $XDG_CONFIG_HOME nor the home folder is known; give --path FILE")
		}
	}
	if err := config.WriteStarter(path, opts.Force); err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	fmt.Fprintln(opts.IO.ErrOut, "wrote a starter config file; edit it, then check it with paylink presets list:")
	_, err := fmt.Fprintln(opts.IO.Out, safe.Text(path))
	return err
}

func newConfigPathCmd(f *cmdutil.Factory) *cobra.Command {
	streams := f.IO
	format := cmdutil.Text
	c := &cobra.Command{
		Use:   "path",
		Short: "Print the config file in use and the rule that found it",
		Long: `Print the config file in use, a tab, and the rule that found it; or, on
stderr, that none is in use and where paylink looks. The file is found, not
loaded: paylink presets list checks it. --format json prints
{"path","rule"}, both "" when no file is in use.

Exit codes: 0 printed (also when none is in use), 2 usage error or a file
named by --config or $PAYLINK_CONFIG that does not exist.`,
		Example: `  paylink config path
  paylink config path --config team/paylink.toml --format json`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			src, err := configInUse(f, c)
			if err != nil {
				return err
			}
			if format == cmdutil.JSON {
				return writeJSON(streams.Out, struct {
					Path string `json:"path"`
					Rule string `json:"rule"`
				}{src.Path, src.Rule}, false)
			}
			if src.Path == "" {
				return nil
			}
			_, err = fmt.Fprintf(streams.Out, "%s\t(found by %s)\n", safe.Text(src.Path), src.Rule)
			return err
		},
	}
	cmdutil.FormatFlag(c, &format, cmdutil.Text, "", cmdutil.Text, cmdutil.JSON)
	return c
}

// configInUse finds the config file in use for c, the zero Source when
// there is none; it says on stderr why there is none and where paylink
// looks.
func configInUse(f *cmdutil.Factory, c *cobra.Command) (config.Source, error) {
	if _, skip, err := f.ConfigChoice(c); err != nil || skip {
		if skip {
			fmt.Fprintln(f.IO.ErrOut, "no config file in use: --no-config or PAYLINK_NO_CONFIG says to read none")
		}
		return config.Source{}, err
	}
	src, err := f.FindConfig(c)
	if err == nil && src.Path == "" {
		fmt.Fprintf(f.IO.ErrOut, "no config file in use; paylink looks for %s\n", safe.Text(strings.Join(config.Searched(f.Env()), ", ")))
	}
	return src, err
}
