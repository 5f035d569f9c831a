package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/cmd/cmdutil"
	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// bindBuildConfig adds --preset to build and declares what build takes
// from outside its flags: before it runs, the binder fills every flag the
// user did not give, in order of precedence: flag > environment (PAYLINK_ +
// flag name) > preset > config file defaults. It works on the flags
// themselves, as stingoftheviper does, so build's run function and bulk
// mode see one set of values whatever their source. shared names more
// flags of c that mean the same in every command (see Binding).
func bindBuildConfig(f *cmdutil.Factory, c *cobra.Command, opts *BuildOptions, shared ...string) {
	c.Flags().StringVarP(&opts.PresetName, "preset", "p", "", "fill the parameters not given from the config file's preset `NAME`")
	_ = c.RegisterFlagCompletionFunc("preset", completePresets(f))
	_ = c.RegisterFlagCompletionFunc("locale", completeLocales)
	f.Bind(c, cmdutil.Binding{
		// --strict is the file's strict; --format and the bulk flags are
		// build's own (PAYLINK_BUILD_FORMAT).
		Shared: append(append(cmdutil.ParamFlags(), "allow-domain", "lowercase", "strict", "preset"), shared...),
		Config: func(cfg *config.Config) error {
			return applyBuildConfig(f, c.Flags(), opts, cfg)
		},
	})
}

// applyBuildConfig applies the preset, then the file's defaults, to the
// flags still unset, and gives opts the file's presets and policy.
func applyBuildConfig(fa *cmdutil.Factory, f *pflag.FlagSet, opts *BuildOptions, cfg *config.Config) error {
	if cfg != nil {
		opts.Preset = cfg.Preset
		// A preset's GA4 channels replace the file's policy.channels.
		opts.Policy = cfg.PolicyFor(opts.PresetName)
		opts.PresetPolicy = cfg.PresetPolicy
		opts.Link.Aliases = cfg.Aliases
		// Domains add up: --allow-domain allows one more host for this run,
		// it does not take away the team's.
		opts.Domains = append(opts.Domains, cfg.Domains...)
	}
	vals, fromPreset, err := applyPreset(fa, f, opts.PresetName, cfg)
	if err != nil {
		return err
	}
	if cfg != nil {
		setDefault(f, "strict", cfg.Strict)
		setDefault(f, "lowercase", cfg.Lowercase)
	}
	return checkPreset(opts, &vals, fromPreset)
}

// applyPreset sets the flags not given from the named preset and returns
// the preset and the parameters it set.
func applyPreset(fa *cmdutil.Factory, f *pflag.FlagSet, name string, cfg *config.Config) (link.Values, []link.ID, error) {
	if name == "" {
		return link.Values{}, nil, nil
	}
	if cfg == nil {
		return link.Values{}, nil, exitcode.Errorf(exitcode.Usage, "--preset %q: no config file is in use, so there are no presets; "+
			"paylink looks for %s; create one with paylink config init", name, strings.Join(config.Searched(fa.Env()), ", "))
	}
	vals, err := cfg.Preset(name)
	if err != nil {
		return vals, nil, exitcode.New(exitcode.Usage, err)
	}
	var set []link.ID
	for _, p := range link.Params {
		if vals.Set[p.ID] && !f.Changed(p.Flag) {
			_ = f.Set(p.Flag, vals.Value[p.ID]) // a string flag takes any value
			set = append(set, p.ID)
		}
	}
	return vals, set, nil
}

// setDefault sets a boolean flag the user did not give to the file's value.
func setDefault(f *pflag.FlagSet, name string, v bool) {
	if fl := f.Lookup(name); fl != nil && !fl.Changed {
		_ = fl.Value.Set(fmt.Sprint(v)) // Value.Set keeps Changed false: the user did not give it
	}
}

// checkPreset checks the values the preset set with the options now in
// effect, so that with --strict a preset value needing a rewrite is an
// error naming the preset, as a flag's would be (exit 1).
func checkPreset(opts *BuildOptions, vals *link.Values, ids []link.ID) error {
	var errs []error
	for _, id := range ids {
		v := vals.Value[id]
		if v == "" {
			continue
		}
		if _, _, problem := link.Prepare(link.Params[id], v, opts.Link); problem != nil {
			errs = append(errs, fmt.Errorf("preset %q: %w", opts.PresetName, problem))
		}
	}
	if len(errs) > 0 {
		return &cmdutil.ProblemsError{Errs: errs}
	}
	return nil
}

// completePresets offers the names of the presets, found by the same
// discovery as a run (a --config or --no-config given before counts), each
// described by the values it sets.
func completePresets(f *cmdutil.Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return presetCompletions(f, c, toComplete)
	}
}

func presetCompletions(f *cmdutil.Factory, c *cobra.Command, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, err := f.Config(c)
	if err != nil {
		cobra.CompErrorln(safe.Text(err.Error()))
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if cfg == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, name := range cfg.PresetNames() {
		// A name the shell would print escaped cannot be completed as
		// itself; offering it raw would let the config drive the terminal.
		if safe.Text(name) != name {
			continue
		}
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(toComplete)) {
			out = append(out, cobra.CompletionWithDesc(name, safe.Text(presetSummary(cfg.Presets[name]))))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeLocales offers Stripe Checkout's locales.
func completeLocales(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, l := range link.Locales {
		if strings.HasPrefix(strings.ToLower(l), strings.ToLower(toComplete)) {
			out = append(out, l)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// presetSummary shows what a preset sets, in table order:
// "utm_source=newsletter utm_medium=email".
func presetSummary(vals link.Values) string {
	var parts []string
	for _, p := range link.Params {
		if vals.Set[p.ID] {
			parts = append(parts, p.Name+"="+vals.Value[p.ID])
		}
	}
	return strings.Join(parts, " ")
}
