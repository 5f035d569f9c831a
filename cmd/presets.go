package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
	"github.com/paylink/paylink/internal/table"
)

// PresetsOptions are the inputs of `paylink presets list|show`.
type PresetsOptions struct {
	IO *iostreams.IOStreams
	// LookupEnv reads the environment: $COLUMNS.
	LookupEnv func(string) (string, bool)
	Config    *config.Config // nil when no file is in use
	Name      string         // show: the preset
	Format    string         // text (list: or table) or json
}

// NewPresetsCmd builds `paylink presets` and its subcommands.
func NewPresetsCmd(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "presets",
		Short: "List the campaign presets of the config file",
		Long: `Presets are named sets of parameters in the config file, used with
paylink build --preset NAME. Preset names are case-insensitive, and shown
as written in the file. See paylink config path for the file in use.

Exit codes: 0 printed, 2 usage error, bad config file or unknown preset.`,
		Example: `  paylink presets list
  paylink presets show spring-email`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
	}
	c.AddCommand(newPresetsListCmd(f), newPresetsShowCmd(f))
	return c
}

func newPresetsListCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &PresetsOptions{IO: f.IO, LookupEnv: f.LookupEnv}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the presets and the values they set",
		Long: `Print one row per preset: its name and the values it sets, in columns by
parameter ("-" where a preset does not set a parameter, "" where it removes
it). --format json prints [{"name","values":{PARAM: VALUE}}].

Exit codes: 0 printed (also when there are no presets), 2 usage error or bad
config file.`,
		Example: `  paylink presets list
  paylink presets list --config team/paylink.toml --format json`,
		Args: cmdutil.WrapArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return listPresets(opts)
		},
	}
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "", cmdutil.Text, cmdutil.Table, cmdutil.JSON)
	bindPresetsConfig(f, c, opts)
	cmdutil.AddResultFlags(c, f)
	return c
}

func newPresetsShowCmd(f *cmdutil.Factory) *cobra.Command {
	opts := &PresetsOptions{IO: f.IO, LookupEnv: f.LookupEnv}
	c := &cobra.Command{
		Use:   "show NAME",
		Short: "Show the values one preset sets",
		Long: `Print the values the preset sets, one "PARAM: VALUE" a line in the order
they are appended to a link. --format json prints {"name","values"}.

Exit codes: 0 printed, 2 usage error, bad config file or unknown preset.`,
		Example: `  paylink presets show spring-email
  paylink presets show spring-email --format json`,
		Args: cmdutil.WrapArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return showPreset(opts)
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return presetCompletions(f, c, toComplete)
		},
	}
	cmdutil.FormatFlag(c, &opts.Format, cmdutil.Text, "", cmdutil.Text, cmdutil.JSON)
	bindPresetsConfig(f, c, opts)
	cmdutil.AddResultFlags(c, f)
	return c
}

// bindPresetsConfig gives the presets commands the config file in use.
func bindPresetsConfig(f *cmdutil.Factory, c *cobra.Command, opts *PresetsOptions) {
	f.Bind(c, cmdutil.Binding{Config: func(cfg *config.Config) error {
		opts.Config = cfg
		return nil
	}})
}

// presetJSON is one preset in --format json.
type presetJSON struct {
	Name     string            `json:"name"`
	Values   map[string]string `json:"values"`
	Channels []string          `json:"channels,omitempty"` // GA4 channels replacing policy.channels
}

func presetToJSON(cfg *config.Config, name string, vals link.Values) presetJSON {
	p := presetJSON{Name: name, Values: map[string]string{}}
	p.Channels, _ = cfg.PresetChannels(name)
	for _, prm := range link.Params {
		if vals.Set[prm.ID] {
			p.Values[prm.Name] = vals.Value[prm.ID]
		}
	}
	return p
}

// listPresets prints an aligned table: a column per parameter that some
// preset sets, "-" where a preset does not set it.
func listPresets(o *PresetsOptions) error {
	var names []string
	if o.Config != nil {
		names = o.Config.PresetNames()
	}
	if o.Format == cmdutil.JSON {
		out := make([]presetJSON, len(names))
		for i, n := range names {
			out[i] = presetToJSON(o.Config, n, o.Config.Presets[n])
		}
		return writePresetsJSON(o.IO.Out, out)
	}
	if len(names) == 0 {
		fmt.Fprintln(o.IO.Notes(), safe.Text(noPresets(o.Config)))
		return nil
	}
	used := presetParams(o.Config, names)
	t := &table.Table{Columns: []table.Column{{Header: "NAME", Key: true}}}
	for _, p := range used {
		t.Columns = append(t.Columns, table.Column{Header: p.Name})
	}
	for _, n := range names {
		row := []string{safe.Text(n)}
		for _, p := range used {
			row = append(row, safe.Text(presetCell(o.Config.Presets[n], p.ID)))
		}
		t.Rows = append(t.Rows, row)
	}
	// Values are never cut: a preset too wide for the terminal is a block.
	return t.Write(o.IO.Out, o.IO.LayoutWidth(o.LookupEnv))
}

// presetParams are the parameters set by at least one of the named presets.
func presetParams(cfg *config.Config, names []string) []link.Param {
	var used []link.Param
	for _, p := range link.Params {
		for _, n := range names {
			if cfg.Presets[n].Set[p.ID] {
				used = append(used, p)
				break
			}
		}
	}
	return used
}

// presetCell is a preset's value in the table: "-" when not set, `""` when set
// to remove the parameter.
func presetCell(vals link.Values, id link.ID) string {
	switch {
	case !vals.Set[id]:
		return "-"
	case vals.Value[id] == "":
		return `""`
	}
	return vals.Value[id]
}

func noPresets(cfg *config.Config) string {
	if cfg == nil {
		return "no config file is in use, so there are no presets; create one with paylink config init"
	}
	return cfg.Source.Path + " defines no presets"
}

// showPreset prints the values of one preset, one "param: value" a line in
// table order.
func showPreset(o *PresetsOptions) error {
	if o.Config == nil {
		return exitcode.Errorf(exitcode.Usage, "preset %q: %s", o.Name, noPresets(nil))
	}
	vals, err := o.Config.Preset(o.Name)
	if err != nil {
		return exitcode.New(exitcode.Usage, err)
	}
	name, _ := o.Config.PresetName(o.Name)
	if o.Format == "json" {
		return writePresetsJSON(o.IO.Out, presetToJSON(o.Config, name, vals))
	}
	tw := table.NewLines(2)
	tw.Gap = " " // "utm_source: newsletter"
	for _, p := range link.Params {
		if vals.Set[p.ID] {
			fmt.Fprintf(tw, "%s:\t%s\n", p.Name, safe.Text(presetCell(vals, p.ID)))
		}
	}
	if ch, ok := o.Config.PresetChannels(name); ok {
		fmt.Fprintf(tw, "channels:\t%s (GA4 channels allowed, in place of policy.channels)\n", strings.Join(ch, ", "))
	}
	return tw.Table.Write(o.IO.Out, 0)
}

// writePresetsJSON prints v on one line, as every other --format json does,
// so a script can read it with one line of input.
func writePresetsJSON(w io.Writer, v any) error {
	return writeJSON(w, v, false)
}
