package cmdutil

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/paylink/paylink/internal/config"
	"github.com/paylink/paylink/internal/exitcode"
	"github.com/paylink/paylink/internal/iostreams"
	"github.com/paylink/paylink/internal/link"
	"github.com/paylink/paylink/internal/safe"
)

// Factory is what commands get from outside their flags: the streams (and
// whether they are terminals), the environment, and the config file. main
// uses the process's own (NewFactory); tests build theirs, so no test reads
// the developer's environment or config (as gh's Factory).
type Factory struct {
	IO *iostreams.IOStreams
	// LookupEnv reads an environment variable: os.LookupEnv, or a map in tests.
	LookupEnv func(key string) (string, bool)
	// HTTPClient sends every request to Stripe: nil in a real run (Go's
	// default transport, honouring HTTPS_PROXY), a client talking to a
	// test server in tests. PAYLINK_STRIPE_API_BASE still sends requests
	// elsewhere (stripe-mock, a proxy).
	HTTPClient *http.Client

	bindings map[*cobra.Command]Binding
	fromEnv  []envValue // the flags the binder set from a variable, for error messages
}

// NewFactory returns the factory of a real run: the given streams and the
// process's environment.
func NewFactory(streams *iostreams.IOStreams) *Factory {
	return &Factory{IO: streams, LookupEnv: os.LookupEnv}
}

// Env is the environment, read through LookupEnv.
func (f *Factory) Env() config.Env { return config.NewEnv(f.LookupEnv) }

// Binding declares what a command takes from outside its flags; the root's
// PersistentPreRunE (BindCommand) applies it before the command runs, the
// same way for every command. A command registers one in its constructor:
//
//	f.Bind(c, Binding{
//		Shared: append(ParamFlags(), "allow-domain"), // PAYLINK_<FLAG>
//		Config: func(cfg *config.Config) error {     // nil cfg: no file
//			if cfg != nil {
//				opts.Domains = append(opts.Domains, cfg.Domains...)
//			}
//			return nil
//		},
//	})
//
// Every flag of every command not given on the command line is then taken
// from the environment:
//   - a flag named in Shared from PAYLINK_<FLAG> (PAYLINK_UTM_SOURCE,
//     PAYLINK_ALLOW_DOMAIN): list there only flags that mean the same in
//     every command that has them (link parameters, --allow-domain,
//     --lowercase, --preset, build's --strict, which is the file's strict);
//   - any other flag from PAYLINK_<COMMAND>_<FLAG> (PAYLINK_BUILD_FORMAT,
//     PAYLINK_VALIDATE_STRICT, PAYLINK_PRESETS_LIST_FORMAT), so a variable
//     set for one command never changes another.
//
// Config, when set, is called after the environment with the config file
// in use: nil when there is none or --no-config / PAYLINK_NO_CONFIG=1 says
// to read none. A command without Config never reads the file.
type Binding struct {
	Shared []string
	Config func(cfg *config.Config) error
}

// Bind registers what command c takes from the environment and config.
func (f *Factory) Bind(c *cobra.Command, b Binding) {
	if f.bindings == nil {
		f.bindings = map[*cobra.Command]Binding{}
	}
	f.bindings[c] = b
}

// envValue is a flag the binder set from a variable.
type envValue struct{ flag, variable, value string }

// Flags every command has, which the binder leaves alone: --config and
// --no-config are read by discovery itself.
var unboundFlags = []string{"help", "version", "config", "no-config"}

// BindCommand is the root's PersistentPreRunE: it fills c's flags not given
// from the environment, then hands c the config file in use.
func (f *Factory) BindCommand(c *cobra.Command) error {
	b := f.bindings[c]
	if err := f.applyEnv(c, b.Shared); err != nil {
		return err
	}
	if b.Config == nil {
		return nil
	}
	cfg, err := f.Config(c)
	if err != nil {
		return err
	}
	return b.Config(cfg)
}

// applyEnv sets each flag of c the user did not give from its variable.
func (f *Factory) applyEnv(c *cobra.Command, shared []string) error {
	env := f.Env()
	var err error
	c.Flags().VisitAll(func(fl *pflag.Flag) {
		if err != nil || fl.Changed || slices.Contains(unboundFlags, fl.Name) {
			return
		}
		name := envVar(c, fl.Name, shared)
		if v, ok := env.Var(name); ok {
			err = setFromEnv(c.Flags(), fl, name, v)
			f.fromEnv = append(f.fromEnv, envValue{fl.Name, name, v})
		}
	})
	return err
}

// EnvVar is the variable that sets c's flag, as the binder reads it.
func (f *Factory) EnvVar(c *cobra.Command, flag string) string {
	return envVar(c, flag, f.bindings[c].Shared)
}

// envVar is the variable of flag for command c: PAYLINK_<FLAG> for a shared
// flag, else PAYLINK_<COMMAND>_<FLAG>.
func envVar(c *cobra.Command, flag string, shared []string) string {
	if slices.Contains(shared, flag) {
		return config.EnvName(flag)
	}
	path := strings.Fields(c.CommandPath())[1:] // without "paylink"
	return config.EnvName(strings.Join(append(path, flag), " "))
}

// setFromEnv sets fl to v; a list flag such as --allow-domain takes a
// comma-separated list. Set marks the flag changed, as if given: build's
// bulk mode tells a --format given from one left at its default.
func setFromEnv(fs *pflag.FlagSet, fl *pflag.Flag, variable, v string) error {
	vals := []string{v}
	if _, ok := fl.Value.(pflag.SliceValue); ok {
		vals = strings.Split(v, ",")
		for i := range vals {
			vals[i] = strings.TrimSpace(vals[i])
		}
	}
	for _, s := range vals {
		if err := fs.Set(fl.Name, s); err != nil {
			var word *EnumError
			if errors.As(err, &word) { // as from the command line; EnvNote names the variable
				return &UsageError{word}
			}
			why := fmt.Sprintf(" (%v)", err)
			if fl.Value.Type() == "bool" {
				why = "; use true or false"
			}
			return exitcode.Errorf(exitcode.Usage, "%s=%s is not a valid value for --%s%s", variable, safe.Quote(v), fl.Name, why)
		}
	}
	return nil
}

// Config finds and loads the config file in use for c: nil when there is
// none, or when --no-config or PAYLINK_NO_CONFIG=1 says to read none. A
// --config FILE on the command line beats PAYLINK_NO_CONFIG (flag beats
// environment); --config with --no-config is a usage error. A broken file
// is exit 2, without the usage text, which would not help.
func (f *Factory) Config(c *cobra.Command) (*config.Config, error) {
	path, skip, err := f.ConfigChoice(c)
	if err != nil || skip {
		return nil, err
	}
	cfg, err := config.Discover(path, f.Env())
	if err != nil {
		return nil, exitcode.New(exitcode.Usage, err)
	}
	return cfg, nil
}

// FindConfig is Config without loading the file: which file is in use.
func (f *Factory) FindConfig(c *cobra.Command) (config.Source, error) {
	path, skip, err := f.ConfigChoice(c)
	if err != nil || skip {
		return config.Source{}, err
	}
	src, err := config.Find(path, f.Env())
	if err != nil {
		return src, exitcode.New(exitcode.Usage, err)
	}
	return src, nil
}

// ConfigChoice reads --config, --no-config and PAYLINK_NO_CONFIG: the file
// named by --config ("" to discover one) or skip to read none.
func (f *Factory) ConfigChoice(c *cobra.Command) (path string, skip bool, err error) {
	path = flagValue(c, "config")
	noConfig := flagValue(c, "no-config") == "true"
	if path != "" && noConfig {
		return "", false, UsageErrorf("--config and --no-config: give one of them")
	}
	if path != "" || noConfig {
		return path, noConfig, nil
	}
	if v, ok := f.Env().Lookup("no-config"); ok {
		skip, perr := strconv.ParseBool(v)
		if perr != nil {
			return "", false, exitcode.Errorf(exitcode.Usage, "%s=%s: use 1 (read no config file) or 0", config.EnvName("no-config"), safe.Quote(v))
		}
		return "", skip, nil
	}
	return "", false, nil
}

// flagValue is the value of c's flag name, "" when c has no such flag (a
// command standing alone, as in tests).
func flagValue(c *cobra.Command, name string) string {
	if fl := c.Flag(name); fl != nil {
		return fl.Value.String()
	}
	return ""
}

// EnvNote names the variables behind err: for each flag set from the
// environment that err mentions (--format, or a parameter's name such as
// utm_source), "--format was set by PAYLINK_BUILD_FORMAT=\"csv\"". A user
// who never typed the flag must learn where the value came from.
func (f *Factory) EnvNote(err error) []string {
	msg := err.Error()
	var notes []string
	for _, e := range f.fromEnv {
		param := strings.ReplaceAll(e.flag, "-", "_")
		if _, ok := link.Lookup(param); !ok {
			param = ""
		}
		if strings.Contains(msg, "--"+e.flag) || param != "" && strings.Contains(msg, param) {
			notes = append(notes, fmt.Sprintf("--%s was set by %s=%s", e.flag, e.variable, safe.Quote(e.value)))
		}
	}
	return notes
}

// NoColor reports whether NO_COLOR asks for no colour: set to anything but
// "" (https://no-color.org).
func NoColor(f *Factory) bool {
	v, _ := f.LookupEnv("NO_COLOR")
	return v != ""
}

// ParamFlags are the flags of the link parameters (--utm-source, ...).
func ParamFlags() []string {
	out := make([]string, len(link.Params))
	for i, p := range link.Params {
		out[i] = p.Flag
	}
	return out
}

// Getenv reads a variable through LookupEnv, "" when unset.
func (f *Factory) Getenv(key string) string {
	v, _ := f.LookupEnv(key)
	return v
}
